package dev.rqa.bench;

import dev.rqa.report.LatencySummary;

/**
 * Per-query latencies of the retrieval pipeline, in milliseconds, one entry per timed query.
 *
 * @param encodeMillis   preparing, tokenising and encoding the query
 * @param recallMillis   exact search for the top {@code recall} passages
 * @param rerankMillis   cross-encoder scoring of those passages and sorting by score
 * @param totalMillis    the three together, timed around the whole query
 * @param warmupQueries  untimed queries run before the timed ones
 * @param recall         passages recalled and re-ranked per query
 * @param pairs          query-passage pairs scored in the timed queries
 * @param truncatedPairs pairs cut to the maximum length in the timed queries
 */
public record QueryLatencies(double[] encodeMillis, double[] recallMillis, double[] rerankMillis, double[] totalMillis,
                             int warmupQueries, int recall, long pairs, long truncatedPairs) {

    public QueryLatencies {
        int n = totalMillis.length;
        if (n == 0 || encodeMillis.length != n || recallMillis.length != n || rerankMillis.length != n) {
            throw new IllegalArgumentException("latency arrays must have the same, non-zero length; got " + n + ", "
                    + encodeMillis.length + ", " + recallMillis.length + ", " + rerankMillis.length);
        }
    }

    public int queries() {
        return totalMillis.length;
    }

    public LatencySummary total() {
        return LatencySummary.of(totalMillis);
    }

    public LatencySummary encode() {
        return LatencySummary.of(encodeMillis);
    }

    public LatencySummary recallStage() {
        return LatencySummary.of(recallMillis);
    }

    public LatencySummary rerank() {
        return LatencySummary.of(rerankMillis);
    }

    /** Returns the latency of encoding the query and recalling its passages, re-ranking left out. */
    public LatencySummary retrieval() {
        double[] sums = new double[encodeMillis.length];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = encodeMillis[i] + recallMillis[i];
        }
        return LatencySummary.of(sums);
    }
}
