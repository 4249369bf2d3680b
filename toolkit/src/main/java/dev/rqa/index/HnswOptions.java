package dev.rqa.index;

import dev.rqa.InvalidInputException;

/**
 * Settings of an HNSW index.
 *
 * @param m              links per node and layer (layer 0 keeps 2 * m); hnswlib's {@code M}
 * @param efConstruction candidate list size while inserting
 * @param ef             default candidate list size while searching; a search retrieves
 *                       {@code max(ef, k)} candidates before the final cut to k
 * @param threads        threads for building and for batch search
 * @param space          graph space, or null for {@link HnswSpace#defaultFor(Similarity)}
 * @param progress       whether to show a progress bar while building
 */
public record HnswOptions(int m, int efConstruction, int ef, int threads, HnswSpace space, boolean progress) {

    /** The values of C++ hnswlib's README example (M 16, ef_construction 200). */
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 200;
    public static final int DEFAULT_EF = 100;

    public HnswOptions {
        requirePositive("M", m);
        requirePositive("efConstruction", efConstruction);
        requirePositive("ef", ef);
        requirePositive("threads", threads);
    }

    /** Returns the defaults, with one thread per available processor. */
    public static HnswOptions defaults() {
        return new HnswOptions(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF,
                Runtime.getRuntime().availableProcessors(), null, true);
    }

    public HnswOptions withM(int value) {
        return new HnswOptions(value, efConstruction, ef, threads, space, progress);
    }

    public HnswOptions withEfConstruction(int value) {
        return new HnswOptions(m, value, ef, threads, space, progress);
    }

    public HnswOptions withEf(int value) {
        return new HnswOptions(m, efConstruction, value, threads, space, progress);
    }

    public HnswOptions withThreads(int value) {
        return new HnswOptions(m, efConstruction, ef, value, space, progress);
    }

    public HnswOptions withSpace(HnswSpace value) {
        return new HnswOptions(m, efConstruction, ef, threads, value, progress);
    }

    public HnswOptions withProgress(boolean value) {
        return new HnswOptions(m, efConstruction, ef, threads, space, value);
    }

    /** Returns the configured space, or the default for the similarity when none is set. */
    public HnswSpace resolveSpace(Similarity similarity) {
        return space != null ? space : HnswSpace.defaultFor(similarity);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new InvalidInputException("HNSW " + name + " must be at least 1, got " + value);
        }
    }
}
