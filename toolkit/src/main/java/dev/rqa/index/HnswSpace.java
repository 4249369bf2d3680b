package dev.rqa.index;

import dev.rqa.InvalidInputException;

import java.util.Locale;

/** The vector space an HNSW graph is built in; search results are always re-scored by {@link Similarity}. */
public enum HnswSpace {

    /**
     * Squared Euclidean distance after the standard MIPS-to-Euclidean transform:
     * passages get an extra coordinate {@code sqrt(M^2 - |x|^2)} with {@code M} the largest passage
     * norm, queries get 0. Then {@code |q' - x'|^2 = |q|^2 + M^2 - 2 q.x}, so the nearest passages are
     * exactly those with the largest inner product. The default for {@link Similarity#DOT}.
     */
    MIPS_EUCLIDEAN,

    /**
     * hnswlib's inner-product distance {@code 1 - q.x}, the default for {@link Similarity#COSINE}
     * on normalised vectors. Over unnormalised vectors it is not a metric. When passages share a
     * dominant direction, as encoder outputs often do, the graph becomes poorly navigable and recall
     * stops rising with ef (0.38 at ef 400 against 0.99 for {@link #MIPS_EUCLIDEAN} in
     * HnswPassageIndexTest). On isotropic vectors it measured better than the transform at equal ef,
     * so compare both with recall against exact search.
     */
    INNER_PRODUCT;

    /** Returns the space that keeps HNSW ranking equal to the similarity's ranking. */
    public static HnswSpace defaultFor(Similarity similarity) {
        return similarity == Similarity.DOT ? MIPS_EUCLIDEAN : INNER_PRODUCT;
    }

    /** Parses {@code mips-euclidean} or {@code inner-product}, ignoring case. */
    public static HnswSpace parse(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (normalized) {
            case "mips-euclidean":
            case "mips":
            case "l2":
                return MIPS_EUCLIDEAN;
            case "inner-product":
            case "ip":
                return INNER_PRODUCT;
            default:
                throw new InvalidInputException("unknown HNSW space '" + name
                        + "': expected mips-euclidean or inner-product");
        }
    }

    /** Returns the name of the matching space in C++ hnswlib ({@code l2} or {@code ip}). */
    public String hnswlibName() {
        return this == MIPS_EUCLIDEAN ? "l2" : "ip";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
