package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Attention over the padded [batch, length] grid with BERT's additive mask of -10000: the packed
 * projections are scattered to the grid, attended in one batched product, and gathered back. The
 * number of operations per layer does not grow with the batch, which suits a GPU, where each of
 * {@link SequenceAttention}'s operations per sequence costs a kernel launch.
 */
final class PaddedAttention implements SelfAttention {

    /** Additive attention bias for padding, as in PaddleNLP's ERNIE and Hugging Face BERT: exp() of it is 0. */
    private static final float MASK_BIAS = -10000f;

    private final PackedTokens packed;
    private final int size;
    private final int length;
    private final int heads;
    private final int headSize;
    /** Packed row of each padded cell, or the token count for padding. */
    private final long[] paddedRows;
    /** Padded cell of each packed row. */
    private final long[] packedCells;
    /** [size, 1, 1, length]: 0 at real tokens, {@link #MASK_BIAS} at padding. */
    private final NDArray bias;

    /** Prepares the gathers and the mask of one batch, with the mask attached to {@code scratch}. */
    PaddedAttention(PackedTokens packed, TokenBatch batch, int heads, int headSize, NDManager scratch) {
        this.packed = packed;
        this.size = batch.size();
        this.length = batch.length();
        this.heads = heads;
        this.headSize = headSize;
        this.paddedRows = packed.paddedRowIndex(batch);
        this.packedCells = new long[packed.tokens()];
        float[] biasValues = new float[paddedRows.length];
        for (int cell = 0; cell < paddedRows.length; cell++) {
            if (paddedRows[cell] < packed.tokens()) {
                packedCells[(int) paddedRows[cell]] = cell;
            } else {
                biasValues[cell] = MASK_BIAS;
            }
        }
        this.bias = scratch.create(biasValues, new Shape(size, 1, 1, length));
    }

    @Override
    public NDArray allTokens(NDArray qkv) {
        NDManager owner = qkv.getManager();
        try (NDManager local = owner.newSubManager()) {
            NDArray split = grid(qkv, 3, local);
            NDArray context = SelfAttention.attend(split.get(0), split.get(1), split.get(2), bias);
            NDArray cells = context.transpose(0, 2, 1, 3).reshape((long) size * length, (long) heads * headSize);
            NDArray result = Rows.gather(cells, local.create(packedCells));
            result.attach(owner);
            return result;
        }
    }

    @Override
    public NDArray firstTokens(NDArray queries, NDArray keyValue) {
        NDManager owner = keyValue.getManager();
        int count = (int) queries.getShape().get(0);
        long[] queryRows = new long[size];
        long[] sequences = new long[count];
        int next = 0;
        for (int sequence = 0; sequence < size; sequence++) {
            if (packed.firstRows()[sequence] >= 0) {
                sequences[next] = sequence;
                queryRows[sequence] = next++;
            } else {
                queryRows[sequence] = count;
            }
        }

        try (NDManager local = owner.newSubManager()) {
            NDArray split = grid(keyValue, 2, local);
            NDArray query = Rows.gatherOrZero(queries, queryRows);
            query.attach(local);
            NDArray context = SelfAttention.attend(query.reshape(size, heads, 1, headSize), split.get(0),
                    split.get(1), bias);
            NDArray flat = context.reshape(size, (long) heads * headSize);
            NDArray result = Rows.gather(flat, local.create(sequences));
            result.attach(owner);
            return result;
        }
    }

    /** Returns [tokens, parts * h] packed projections as a [parts, size, heads, length, headSize] grid. */
    private NDArray grid(NDArray projections, int parts, NDManager local) {
        NDArray padded = Rows.gatherOrZero(projections, paddedRows);
        padded.attach(local);
        return padded.reshape(size, length, parts, heads, headSize).transpose(2, 0, 3, 1, 4);
    }
}
