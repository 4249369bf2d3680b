package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Attention of each sequence over its own real tokens, one batched product over the heads per
 * sequence, on strided views of the packed projections (no copies). No mask is needed, and this
 * gives the same result as BERT's additive mask of -10000, because exp(-10000 + score - max) is
 * exactly 0 in float32. The [heads, n, n] scores of one sequence stay a few MB and in cache for the
 * softmax and the second product. It runs about ten operations per sequence and layer, which is
 * cheap on a CPU but costs a kernel launch each on a GPU ({@link PaddedAttention}).
 */
final class SequenceAttention implements SelfAttention {

    private final PackedTokens packed;
    private final int heads;
    private final int headSize;

    SequenceAttention(PackedTokens packed, int heads, int headSize) {
        this.packed = packed;
        this.heads = heads;
        this.headSize = headSize;
    }

    @Override
    public NDArray allTokens(NDArray qkv) {
        NDManager owner = qkv.getManager();
        NDList contexts = new NDList();
        try {
            for (int sequence = 0; sequence < packed.offsets().length; sequence++) {
                int length = packed.lengths()[sequence];
                if (length == 0) {
                    continue;
                }
                try (NDManager local = owner.newSubManager()) {
                    NDArray split = heads(rows(qkv, sequence, local), 3);
                    NDArray context = SelfAttention.attend(split.get(0), split.get(1), split.get(2), null);
                    // [heads, length, headSize] -> [length, heads, headSize], a view that the concatenation reads.
                    NDArray tokenMajor = context.transpose(1, 0, 2);
                    tokenMajor.attach(owner);
                    contexts.add(tokenMajor);
                }
            }
            try (NDArray merged = NDArrays.concat(contexts, 0)) {
                return merged.reshape(packed.tokens(), (long) heads * headSize);
            }
        } finally {
            contexts.close();
        }
    }

    @Override
    public NDArray firstTokens(NDArray queries, NDArray keyValue) {
        NDManager owner = keyValue.getManager();
        NDList contexts = new NDList();
        try {
            int query = 0;
            for (int sequence = 0; sequence < packed.offsets().length; sequence++) {
                if (packed.firstRows()[sequence] < 0) {
                    continue;
                }
                try (NDManager local = owner.newSubManager()) {
                    NDArray queryRow = queries.get(query++);
                    queryRow.attach(local);
                    NDArray split = heads(rows(keyValue, sequence, local), 2);
                    NDArray context = SelfAttention.attend(queryRow.reshape(heads, 1, headSize), split.get(0),
                            split.get(1), null);
                    NDArray flat = context.reshape(1, (long) heads * headSize);
                    flat.attach(owner);
                    contexts.add(flat);
                }
            }
            return NDArrays.concat(contexts, 0);
        } finally {
            contexts.close();
        }
    }

    /** Returns the packed rows of one sequence as a view attached to {@code local}. */
    private NDArray rows(NDArray projections, int sequence, NDManager local) {
        int offset = packed.offsets()[sequence];
        NDArray rows = projections.get(new NDIndex().addSliceDim(offset, offset + packed.lengths()[sequence]));
        rows.attach(local);
        return rows;
    }

    /** Returns [length, parts * h] projections as a [parts, heads, length, headSize] view. */
    private NDArray heads(NDArray rows, int parts) {
        long length = rows.getShape().get(0);
        return rows.reshape(length, parts, heads, headSize).transpose(1, 2, 0, 3);
    }
}
