package dev.rqa.report;

import dev.rqa.InvalidInputException;

import java.util.Arrays;

/**
 * Percentiles of latency samples.
 *
 * <p>Percentiles interpolate linearly between the two nearest order statistics (Hyndman and Fan's
 * type 7, the default of NumPy's {@code percentile} and R's {@code quantile}): with n sorted
 * samples, percentile p lies at position {@code (n - 1) * p / 100}.
 *
 * @param count number of samples
 * @param mean  arithmetic mean
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 */
public record LatencySummary(int count, double mean, double p50, double p95, double p99, double max) {

    /** Summarises samples, all in the same unit (typically ms). */
    public static LatencySummary of(double[] samples) {
        if (samples.length == 0) {
            throw new InvalidInputException("no latency samples to summarise: measure at least one query");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1]) || sorted[0] < 0) {
            throw new InvalidInputException("latency samples must be finite and non-negative; found range "
                    + sorted[0] + " to " + sorted[sorted.length - 1]);
        }
        double sum = 0;
        for (double sample : sorted) {
            sum += sample;
        }
        return new LatencySummary(sorted.length, sum / sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Returns percentile {@code p} (0 to 100) of ascending samples, interpolating linearly. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 100)) {
            throw new InvalidInputException("percentile " + p + " of " + sorted.length + " samples: need at least one"
                    + " sample and p between 0 and 100");
        }
        double position = (sorted.length - 1) * p / 100.0;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double weight = position - below;
        return sorted[below] + weight * (sorted[above] - sorted[below]);
    }
}
