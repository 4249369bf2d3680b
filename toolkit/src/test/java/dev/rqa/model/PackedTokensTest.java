package dev.rqa.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackedTokensTest {

    /** Row 0 right-padded, row 1 with a hole at position 1 and masked position 0, row 2 all padding. */
    private static final TokenBatch BATCH = new TokenBatch(3, 4,
            new long[] {101, 7, 102, 0, 101, 8, 9, 102, 0, 0, 0, 0},
            new long[] {0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0},
            new long[] {1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0});

    @Test
    void packKeepsRealTokensInRowMajorOrder() {
        PackedTokens packed = PackedTokens.of(BATCH);
        assertEquals(5, packed.tokens());
        assertArrayEquals(new long[] {101, 7, 102, 9, 102}, packed.inputIds());
        assertArrayEquals(new long[] {0, 0, 0, 1, 1}, packed.typeIds());
    }

    @Test
    void packKeepsPaddedPositionIds() {
        assertArrayEquals(new long[] {0, 1, 2, 2, 3}, PackedTokens.of(BATCH).positions());
    }

    @Test
    void packRecordsSequenceRuns() {
        PackedTokens packed = PackedTokens.of(BATCH);
        assertArrayEquals(new int[] {0, 3, 5}, packed.offsets());
        assertArrayEquals(new int[] {3, 2, 0}, packed.lengths());
    }

    @Test
    void firstRowsMarkMaskedPositionZero() {
        PackedTokens packed = PackedTokens.of(BATCH);
        assertArrayEquals(new int[] {0, -1, -1}, packed.firstRows());
        assertEquals(1, packed.firstTokenCount());
    }

    @Test
    void paddedRowIndexPointsPaddingAtZeroRow() {
        assertArrayEquals(new long[] {0, 1, 2, 5, 5, 5, 3, 4, 5, 5, 5, 5}, PackedTokens.of(BATCH).paddedRowIndex(BATCH));
    }

    @Test
    void unpaddedOnlyWithoutMaskedCells() {
        TokenBatch full = new TokenBatch(1, 2, new long[] {101, 102}, new long[] {0, 0}, new long[] {1, 1});
        assertTrue(PackedTokens.of(full).unpadded(full));
        assertFalse(PackedTokens.of(BATCH).unpadded(BATCH));
    }
}
