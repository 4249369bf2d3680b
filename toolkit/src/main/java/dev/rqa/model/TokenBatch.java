package dev.rqa.model;

/**
 * Token ids of several sequences padded to one length, ready for a forward pass.
 *
 * @param size           number of sequences
 * @param length         padded sequence length
 * @param inputIds       {@code size * length} token ids, row-major
 * @param tokenTypeIds   {@code size * length} segment ids (0 for the first text, 1 for the second)
 * @param attentionMask  {@code size * length} values, 1 for real tokens and 0 for padding
 */
public record TokenBatch(int size, int length, long[] inputIds, long[] tokenTypeIds, long[] attentionMask) {

    public TokenBatch {
        long cells = (long) size * length;
        if (inputIds.length != cells || tokenTypeIds.length != cells || attentionMask.length != cells) {
            throw new IllegalArgumentException("token batch arrays must each hold " + size + " x " + length
                    + " values, got " + inputIds.length + ", " + tokenTypeIds.length + ", " + attentionMask.length);
        }
    }

    /** Returns the number of real (unpadded) tokens. */
    public long realTokens() {
        long count = 0;
        for (long mask : attentionMask) {
            count += mask;
        }
        return count;
    }
}
