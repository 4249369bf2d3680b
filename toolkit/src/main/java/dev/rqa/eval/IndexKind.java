package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** First-stage recall method of an experiment. */
public enum IndexKind {
    /** Brute-force inner products over every passage. */
    EXACT,
    /** Approximate nearest neighbours with hnswlib-java. */
    HNSW;

    /** Parses a comma-separated list such as {@code exact,hnsw}. */
    public static List<IndexKind> parseList(String value) {
        List<IndexKind> kinds = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            try {
                IndexKind kind = valueOf(name);
                if (!kinds.contains(kind)) {
                    kinds.add(kind);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown index '" + part.strip() + "': expected exact, hnsw or"
                        + " exact,hnsw");
            }
        }
        return kinds;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
