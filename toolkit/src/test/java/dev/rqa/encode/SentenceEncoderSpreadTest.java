package dev.rqa.encode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SentenceEncoderSpreadTest {

    @Test
    void spreadSplitsLoneBatchForEachWorker() {
        List<int[]> pieces = SentenceEncoder.spread(List.of(new int[] {4, 1, 3, 0, 2}), 2);
        assertEquals(2, pieces.size());
        assertArrayEquals(new int[] {4, 1}, pieces.get(0));
        assertArrayEquals(new int[] {3, 0, 2}, pieces.get(1));
    }

    @Test
    void spreadSplitsLargestBatchFirst() {
        List<int[]> pieces = SentenceEncoder.spread(List.of(new int[] {0}, new int[] {1, 2, 3, 4}), 3);
        assertEquals(List.of(1, 2, 2), pieces.stream().map(piece -> piece.length).toList());
    }

    @Test
    void spreadStopsAtSingleSequences() {
        assertEquals(1, SentenceEncoder.spread(List.of(new int[] {7}), 4).size());
    }

    @Test
    void spreadKeepsEnoughBatches() {
        List<int[]> batches = List.of(new int[] {0, 1}, new int[] {2, 3});
        assertEquals(batches, SentenceEncoder.spread(batches, 2));
    }
}
