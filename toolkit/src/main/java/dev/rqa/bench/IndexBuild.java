package dev.rqa.bench;

import dev.rqa.encode.EncodeStats;

/**
 * Cost of building the index of one configuration: encoding the passages, then building exact search over them.
 *
 * @param passages      passages indexed
 * @param encodeSeconds wall-clock seconds of tokenising and encoding the passages
 * @param indexSeconds  wall-clock seconds of building the exact index from the vectors
 * @param stats         what passage encoding did (tokens, padding, truncation, batches)
 */
public record IndexBuild(int passages, double encodeSeconds, double indexSeconds, EncodeStats stats) {

    /** Returns the whole build time, the figure PaddleNLP's table reports for its pipeline. */
    public double seconds() {
        return encodeSeconds + indexSeconds;
    }

    public double passagesPerSecond() {
        return passages / seconds();
    }
}
