package dev.rqa.encode;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchPlannerTest {

    @Test
    void plannerCoversEveryIndexOnce() {
        int[] lengths = {5, 300, 12, 512, 7, 40, 41, 39, 2, 100};
        List<int[]> batches = new BatchPlanner(3, 1_000).plan(lengths);

        int[] seen = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen);
    }

    @Test
    void plannerRespectsTokenBudget() {
        int[] lengths = {100, 100, 100, 100, 60, 60, 60, 60, 60};
        List<int[]> batches = new BatchPlanner(64, 250).plan(lengths);

        for (int[] batch : batches) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertTrue(longest * batch.length <= 250, "batch " + Arrays.toString(batch) + " exceeds 250 tokens");
        }
        assertEquals(4, batches.size());
    }

    @Test
    void plannerSortsLongestFirst() {
        int[] lengths = {3, 9, 5, 9, 1};
        List<int[]> batches = new BatchPlanner(2, 10_000).plan(lengths);

        assertArrayEquals(new int[] {1, 3}, batches.get(0));
        assertArrayEquals(new int[] {2, 0}, batches.get(1));
        assertArrayEquals(new int[] {4}, batches.get(2));
    }

    @Test
    void oversizedSequenceGetsOwnBatch() {
        int[] lengths = {900, 10, 10};
        List<int[]> batches = new BatchPlanner(8, 512).plan(lengths);

        assertArrayEquals(new int[] {0}, batches.get(0));
        assertArrayEquals(new int[] {1, 2}, batches.get(1));
    }

    @Test
    void sortedBatchesPadLessThanInputOrder() {
        int[] lengths = new int[64];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i % 2 == 0 ? 500 : 20;
        }
        List<int[]> sorted = new BatchPlanner(8, 1 << 20).plan(lengths);
        long sortedPadded = BatchPlanner.paddedTokens(sorted, lengths);

        long realTokens = Arrays.stream(lengths).asLongStream().sum();
        assertEquals(realTokens, sortedPadded);
    }
}
