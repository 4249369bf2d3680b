package dev.rqa.model;

import java.util.Arrays;

/**
 * The real tokens of a padded batch laid out back to back, so the encoder never computes padding.
 *
 * <p>Packed row {@code r} is the r-th token with a non-zero attention mask in row-major order, and
 * {@link #offsets()} and {@link #lengths()} give each sequence's run of rows. A token keeps the
 * position id of its place in the padded row, as BERT's position ids ignore the mask.
 *
 * @param tokens     packed rows (real tokens of the whole batch)
 * @param offsets    first packed row of each sequence
 * @param lengths    packed rows of each sequence; 0 for a sequence whose mask is all zero
 * @param inputIds   token id of each packed row
 * @param typeIds    segment id of each packed row
 * @param positions  position id of each packed row
 * @param firstRows  packed row of position 0 of each sequence, or -1 where position 0 is masked
 */
record PackedTokens(int tokens, int[] offsets, int[] lengths, long[] inputIds, long[] typeIds, long[] positions,
                    int[] firstRows) {

    /** Packs a batch. Any mask pattern is accepted, holes included. */
    static PackedTokens of(TokenBatch batch) {
        int size = batch.size();
        int length = batch.length();
        long[] mask = batch.attentionMask();
        int tokens = 0;
        for (long value : mask) {
            tokens += value != 0 ? 1 : 0;
        }

        int[] offsets = new int[size];
        int[] lengths = new int[size];
        int[] firstRows = new int[size];
        long[] ids = new long[tokens];
        long[] types = new long[tokens];
        long[] positions = new long[tokens];
        int row = 0;
        for (int sequence = 0; sequence < size; sequence++) {
            offsets[sequence] = row;
            int base = sequence * length;
            firstRows[sequence] = mask[base] != 0 ? row : -1;
            for (int position = 0; position < length; position++) {
                if (mask[base + position] != 0) {
                    ids[row] = batch.inputIds()[base + position];
                    types[row] = batch.tokenTypeIds()[base + position];
                    positions[row] = position;
                    row++;
                }
            }
            lengths[sequence] = row - offsets[sequence];
        }
        return new PackedTokens(tokens, offsets, lengths, ids, types, positions, firstRows);
    }

    /** Returns whether no token of the batch is padding, so packed rows are the padded rows in order. */
    boolean unpadded(TokenBatch batch) {
        return tokens == batch.size() * batch.length();
    }

    /**
     * Returns, for each cell of the padded [size, length] grid, its packed row, or {@code tokens}
     * for padding (the index of a zero row appended after the packed rows).
     */
    long[] paddedRowIndex(TokenBatch batch) {
        long[] index = new long[batch.size() * batch.length()];
        Arrays.fill(index, tokens);
        long[] mask = batch.attentionMask();
        int row = 0;
        for (int cell = 0; cell < index.length; cell++) {
            if (mask[cell] != 0) {
                index[cell] = row++;
            }
        }
        return index;
    }

    /** Returns the number of sequences whose position 0 is a real token. */
    int firstTokenCount() {
        int count = 0;
        for (int row : firstRows) {
            count += row >= 0 ? 1 : 0;
        }
        return count;
    }
}
