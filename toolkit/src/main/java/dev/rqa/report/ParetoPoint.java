package dev.rqa.report;

import dev.rqa.InvalidInputException;

/**
 * One configuration in a quality-latency trade-off.
 *
 * @param label   name shown in plots, for example "rocketqa-zh-mini, HNSW ef=64"
 * @param quality higher is better, for example MRR@10
 * @param latency lower is better, for example ms per query
 */
public record ParetoPoint(String label, double quality, double latency) {

    public ParetoPoint {
        if (label == null) {
            label = "";
        }
        if (!Double.isFinite(quality) || !Double.isFinite(latency)) {
            throw new InvalidInputException("point '" + label + "' has quality " + quality + " and latency " + latency
                    + ": both must be finite numbers");
        }
    }
}
