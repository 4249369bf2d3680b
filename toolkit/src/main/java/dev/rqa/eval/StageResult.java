package dev.rqa.eval;

import java.util.Map;

/**
 * One evaluated ranking of an experiment: a first-stage recall, or a re-ranking of one.
 *
 * @param name     short name used in tables and file names, such as {@code exact} or
 *                 {@code hnsw+rocketqa-base-cross-encoder}
 * @param run      the ranking
 * @param metrics  its evaluation
 * @param seconds  wall-clock seconds of the stage itself (search, or re-ranking), encoding excluded
 * @param extras   stage facts for reports, such as HNSW parameters and recall against exact search
 */
public record StageResult(String name, Run run, MetricsReport metrics, double seconds, Map<String, Object> extras) {

    public StageResult {
        extras = Map.copyOf(extras);
    }
}
