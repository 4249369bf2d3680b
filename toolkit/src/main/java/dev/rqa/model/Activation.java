package dev.rqa.model;

import java.util.Locale;

/** Feed-forward activation of a transformer layer. */
public enum Activation {
    /** Exact GELU, x * Phi(x) with the error function; BERT, ERNIE and bge use it. */
    GELU,
    /** GELU with the tanh approximation ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
    GELU_TANH,
    RELU;

    /** Parses a Hugging Face or PaddleNLP {@code hidden_act} value. */
    public static Activation parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu":
                return GELU;
            case "gelu_new":
            case "gelu_pytorch_tanh":
            case "gelu_fast":
                return GELU_TANH;
            case "relu":
                return RELU;
            default:
                throw new IllegalArgumentException(
                        "unsupported hidden_act '" + name + "': expected gelu, gelu_new or relu");
        }
    }
}
