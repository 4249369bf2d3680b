package dev.rqa.bench;

import java.util.Locale;

/**
 * One configuration of a sweep (a model on a device) and what was measured, or why nothing was.
 *
 * @param model          what was measured
 * @param device         requested device name, {@code cpu} or {@code gpu}
 * @param status         measured, or why not
 * @param message        reason for an absent or failed configuration, else empty
 * @param dualWeights    weights of the dual encoder, null unless measured
 * @param crossWeights   weights of the cross encoder, null unless measured
 * @param crossEncoder   name of the cross encoder that re-ranked, empty unless measured
 * @param tokenizer      tokenizer used, naming any stand-in; empty unless measured
 * @param loadSeconds    seconds to build the three models on the device (weights generated or read, then uploaded)
 * @param index          index build measurement, null unless measured
 * @param latency        query latencies, null unless measured
 * @param memory         peak memory from loading to the last query, null unless measured
 * @param gpuMemoryBytes device-wide GPU memory in use after the queries, -1 when not on a GPU or unreadable
 * @param loadBefore     1-minute load average of the machine when the configuration started, NaN when unknown
 * @param loadAfter      1-minute load average after its last query, NaN when unknown
 * @param quality        quality on the dataset, null for speed-only dual encoders or when not evaluated
 */
public record SweepRow(SweepModel model, String device, Status status, String message, WeightSource dualWeights,
                       WeightSource crossWeights, String crossEncoder, String tokenizer, double loadSeconds,
                       IndexBuild index, QueryLatencies latency, MemoryMonitor.Peak memory, long gpuMemoryBytes,
                       double loadBefore, double loadAfter, SweepQuality quality) {

    /** Outcome of a configuration. */
    public enum Status {
        MEASURED, ABSENT, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Returns the row of a configuration whose device is not present or that failed to run. */
    static SweepRow notMeasured(SweepModel model, String device, Status status, String message) {
        return new SweepRow(model, device, status, message, null, null, "", "", Double.NaN, null, null, null, -1,
                Double.NaN, Double.NaN, null);
    }

    public boolean isMeasured() {
        return status == Status.MEASURED;
    }

    /** Returns "real", "speed only", or both sides named when the dual encoder and the cross encoder differ. */
    public String weightsLabel() {
        if (!isMeasured()) {
            return "";
        }
        if (dualWeights == crossWeights) {
            return dualWeights.label();
        }
        return "dual encoder " + dualWeights.label() + ", cross encoder " + crossWeights.label();
    }

    /** Returns a copy with quality figures. */
    SweepRow withQuality(SweepQuality value) {
        return new SweepRow(model, device, status, message, dualWeights, crossWeights, crossEncoder, tokenizer,
                loadSeconds, index, latency, memory, gpuMemoryBytes, loadBefore, loadAfter, value);
    }
}
