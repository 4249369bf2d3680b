package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/** How one vector is taken from the last hidden state of a sequence. */
public enum Pooling {
    /** The hidden state of the first token ([CLS]); bge and RocketQA use it. */
    CLS,
    /** The mean of the hidden states of real (unpadded) tokens. */
    MEAN;

    /**
     * Pools a [batch, length, hidden] array with its [batch, length] 0/1 attention mask into
     * [batch, hidden]. The result is attached to the hidden state's manager.
     */
    public NDArray apply(NDArray hidden, NDArray attentionMask) {
        if (this == CLS) {
            return hidden.get(new NDIndex(":, 0, :"));
        }
        try (NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(2);
             NDArray masked = hidden.mul(mask);
             NDArray sum = masked.sum(new int[] {1});
             NDArray count = mask.sum(new int[] {1}).maximum(1f)) {
            return sum.div(count);
        }
    }

    public static Pooling parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown pooling '" + name + "': expected cls or mean", e);
        }
    }
}
