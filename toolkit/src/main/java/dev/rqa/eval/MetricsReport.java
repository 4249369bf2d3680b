package dev.rqa.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Per-query values and averages of one evaluation, with the settings that produced them: the
 * {@link QuerySet}, the number of queries averaged, the depth limit and the relevance level.
 *
 * <p>Queries are kept in trec_eval's order ({@link TrecIdOrder}). Under
 * {@link QuerySet#ALL_JUDGED} the per-query values include judged queries that the run lacks,
 * computed on an empty ranking, and {@link #isRetrieved} distinguishes them.
 */
public final class MetricsReport {

    private final List<Measure> measures;
    private final QuerySet querySet;
    private final int maxDepth;
    private final int relevanceLevel;
    private final Map<String, double[]> perQuery;
    private final double[] averages;
    private final Set<String> runQueryIds;
    private final int runQueriesNotAveraged;

    MetricsReport(List<Measure> measures, QuerySet querySet, int maxDepth, int relevanceLevel,
                  Map<String, double[]> perQuery, double[] averages, Set<String> runQueryIds,
                  int runQueriesNotAveraged) {
        this.measures = measures;
        this.querySet = querySet;
        this.maxDepth = maxDepth;
        this.relevanceLevel = relevanceLevel;
        this.perQuery = Collections.unmodifiableMap(perQuery);
        this.averages = averages;
        this.runQueryIds = runQueryIds;
        this.runQueriesNotAveraged = runQueriesNotAveraged;
    }

    /** Returns the measures in trec_eval print order. */
    public List<Measure> measures() {
        return measures;
    }

    public QuerySet querySet() {
        return querySet;
    }

    /** Returns the depth limit (trec_eval -M), empty when rankings were not cut. */
    public OptionalInt maxDepth() {
        return maxDepth == TrecEval.UNLIMITED_DEPTH ? OptionalInt.empty() : OptionalInt.of(maxDepth);
    }

    public int relevanceLevel() {
        return relevanceLevel;
    }

    /** Returns the number of queries the averages are taken over (trec_eval's num_q). */
    public int numQueries() {
        return perQuery.size();
    }

    /** Returns the averaged query ids in trec_eval order. */
    public List<String> queryIds() {
        return List.copyOf(perQuery.keySet());
    }

    /** Returns whether the run contains the query, which is false only for judged queries missing under ALL_JUDGED. */
    public boolean isRetrieved(String queryId) {
        return runQueryIds.contains(queryId);
    }

    /** Returns the number of run queries left out of the averages (unjudged, or without relevant documents). */
    public int runQueriesNotAveraged() {
        return runQueriesNotAveraged;
    }

    /**
     * Returns one query's value of a measure.
     *
     * @throws IllegalArgumentException when the query was not averaged or the measure not computed
     */
    public double value(String queryId, Measure measure) {
        double[] values = perQuery.get(queryId);
        if (values == null) {
            throw new IllegalArgumentException("query '" + queryId + "' is not in this report (" + querySet.cliName()
                    + " query set)");
        }
        return values[indexOf(measure)];
    }

    /** Returns the average of a measure over the query set, or the sum for counts (num_*), as trec_eval prints them. */
    public double average(Measure measure) {
        return averages[indexOf(measure)];
    }

    /** Returns the average of a measure named as trec_eval requests it, for example {@code ndcg_cut.10}. */
    public double average(String measureName) {
        return average(Measure.of(measureName));
    }

    /** Returns every average keyed by measure, in print order. */
    public Map<Measure, Double> averages() {
        Map<Measure, Double> result = new LinkedHashMap<>();
        for (int m = 0; m < measures.size(); m++) {
            result.put(measures.get(m), averages[m]);
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Returns the averages under MTEB-style keys for {@code metrics.json}: {@code ndcg_at_10},
     * {@code map_at_10}, {@code mrr_at_10}, {@code recall_at_50}, {@code precision_at_5},
     * {@code hit_rate_at_50}, and so on (see {@link Measure#mtebKey()}). Plain recip_rank under a
     * depth limit M is reported as {@code mrr_at_M}, since that is MRR@M.
     */
    public Map<String, Double> mtebMetrics() {
        Map<String, Double> result = new LinkedHashMap<>();
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            String key = measure.mtebKey();
            if (measure.family() == MeasureFamily.RECIP_RANK && maxDepth != TrecEval.UNLIMITED_DEPTH) {
                key = "mrr_at_" + maxDepth;
            }
            result.put(key, averages[m]);
        }
        return Collections.unmodifiableMap(result);
    }

    /** Returns the evaluation settings for a metrics file: query set, queries averaged, depth, relevance level. */
    public Map<String, Object> settings() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query_set", querySet.cliName());
        result.put("num_queries", numQueries());
        result.put("max_depth", maxDepth().isPresent() ? maxDepth : null);
        result.put("relevance_level", relevanceLevel);
        return Collections.unmodifiableMap(result);
    }

    /** Returns one line stating which queries were averaged, for logs and command output. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("averaged over ").append(numQueries()).append(numQueries() == 1 ? " query" : " queries")
                .append(" (query set ").append(querySet.cliName()).append(": ").append(querySet.description())
                .append(')');
        long missing = perQuery.keySet().stream().filter(queryId -> !runQueryIds.contains(queryId)).count();
        if (missing > 0) {
            text.append("; ").append(missing).append(" of them not in the run");
        }
        if (runQueriesNotAveraged > 0) {
            text.append("; ").append(runQueriesNotAveraged).append(" run ")
                    .append(runQueriesNotAveraged == 1 ? "query" : "queries").append(" left out");
        }
        if (maxDepth != TrecEval.UNLIMITED_DEPTH) {
            text.append("; top ").append(maxDepth).append(" documents per query");
        }
        if (relevanceLevel != 1) {
            text.append("; relevant means label >= ").append(relevanceLevel);
        }
        return text.toString();
    }

    private int indexOf(Measure measure) {
        int index = measures.indexOf(measure);
        if (index < 0) {
            throw new IllegalArgumentException("measure " + measure.trecName() + " was not computed; computed: "
                    + measures);
        }
        return index;
    }
}
