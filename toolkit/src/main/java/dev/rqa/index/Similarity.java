package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;

import java.util.Locale;

/** Scoring function of a dual encoder. Every index reports scores in this similarity. */
public enum Similarity {

    /** Raw inner product of the vectors as the encoder produced them. */
    DOT,

    /**
     * Cosine similarity: rows are L2-normalised once, then scored by inner product. RocketQA-zh and
     * the PaddleNLP T2Ranking benchmark score this way.
     */
    COSINE;

    /** Parses {@code dot} or {@code cosine}, ignoring case. */
    public static Similarity parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dot":
            case "ip":
            case "inner_product":
                return DOT;
            case "cosine":
            case "cos":
                return COSINE;
            default:
                throw new InvalidInputException("unknown similarity '" + name + "': expected dot or cosine");
        }
    }

    /**
     * Returns the vectors that are scored by plain inner product under this similarity: the input
     * itself for {@link #DOT}, a normalised copy for {@link #COSINE}.
     *
     * @param description names the vectors in error messages, for example "passage vectors"
     * @throws InvalidInputException when a value is NaN or infinite
     */
    public Embeddings prepare(Embeddings vectors, String description) {
        VectorMath.requireFinite(vectors, description);
        return this == COSINE ? VectorMath.normalizeRows(vectors) : vectors;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
