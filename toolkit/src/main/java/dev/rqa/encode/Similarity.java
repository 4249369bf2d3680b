package dev.rqa.encode;

import java.util.Locale;

/** How a query vector and a passage vector are compared. */
public enum Similarity {
    /** Raw inner product. */
    DOT,
    /** Cosine of the angle: the inner product of L2-normalised vectors. */
    COSINE;

    public static Similarity parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown similarity '" + name + "': expected dot or cosine", e);
        }
    }
}
