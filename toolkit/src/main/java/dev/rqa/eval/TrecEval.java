package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates a run against qrels with the semantics of trec_eval 9.0.8 (which pytrec_eval wraps).
 *
 * <p>Rankings are ordered by score descending, then document id descending ({@link Run}). The
 * depth limit (trec_eval {@code -M}) cuts every ranking before any measure is computed. Run
 * queries without judgements are ignored. A document is relevant when its label is at least the
 * relevance level (trec_eval {@code -l}, default 1). The {@link QuerySet} decides which queries
 * are averaged. Averages add per-query values in trec_eval's query order and divide by the
 * number of queries, except counts, which are summed.
 *
 * <p>Stricter than trec_eval: a document listed twice for a query is rejected even below the
 * depth limit, and NaN scores are rejected.
 *
 * <p>Instances are immutable, and the {@code with} methods return changed copies.
 */
public final class TrecEval {

    private static final Logger LOG = LoggerFactory.getLogger(TrecEval.class);

    /** Depth value meaning no limit, like trec_eval's default {@code MAXLONG}. */
    public static final int UNLIMITED_DEPTH = Integer.MAX_VALUE;

    private final List<Measure> measures;
    private final QuerySet querySet;
    private final int maxDepth;
    private final int relevanceLevel;

    private TrecEval(List<Measure> measures, QuerySet querySet, int maxDepth, int relevanceLevel) {
        this.measures = measures;
        this.querySet = querySet;
        this.maxDepth = maxDepth;
        this.relevanceLevel = relevanceLevel;
    }

    /** Creates an evaluator with trec_eval's defaults: {@link QuerySet#TREC_EVAL}, no depth limit, level 1. */
    public static TrecEval of(Collection<Measure> measures) {
        if (measures.isEmpty()) {
            throw new InvalidInputException("no measures requested; " + Measure.supportedNames());
        }
        return new TrecEval(List.copyOf(new TreeSet<>(measures)), QuerySet.TREC_EVAL, UNLIMITED_DEPTH, 1);
    }

    /** Creates an evaluator from trec_eval measure names, for example {@code "ndcg_cut.10", "recall.100"}. */
    public static TrecEval of(String... measureNames) {
        return of(Measure.parseAll(List.of(measureNames)));
    }

    /** Returns a copy that averages over the given query set. */
    public TrecEval withQuerySet(QuerySet querySet) {
        return new TrecEval(measures, querySet, maxDepth, relevanceLevel);
    }

    /** Returns a copy that considers only the top {@code maxDepth} documents per query (trec_eval -M). */
    public TrecEval withMaxDepth(int maxDepth) {
        if (maxDepth < 1) {
            throw new InvalidInputException("invalid depth limit " + maxDepth + "; -M takes a positive number of documents");
        }
        return new TrecEval(measures, querySet, maxDepth, relevanceLevel);
    }

    /** Returns a copy in which labels at or above {@code relevanceLevel} count as relevant (trec_eval -l). */
    public TrecEval withRelevanceLevel(int relevanceLevel) {
        if (relevanceLevel < 1) {
            throw new InvalidInputException("invalid relevance level " + relevanceLevel
                    + "; it must be at least 1 (pytrec_eval has the same rule)");
        }
        return new TrecEval(measures, querySet, maxDepth, relevanceLevel);
    }

    /** Returns the measures in trec_eval print order, without duplicates. */
    public List<Measure> measures() {
        return measures;
    }

    public QuerySet querySet() {
        return querySet;
    }

    /** Returns the depth limit, {@link #UNLIMITED_DEPTH} when none. */
    public int maxDepth() {
        return maxDepth;
    }

    public int relevanceLevel() {
        return relevanceLevel;
    }

    /**
     * Scores the run and averages over the query set.
     *
     * @throws InvalidInputException when no run query is judged (as trec_eval, which stops with
     *                               "No queries with both results and relevance info"), when the
     *                               query set is empty, or when a ranking repeats a document
     */
    public MetricsReport evaluate(Qrels qrels, Run run) {
        List<String> queryIds = selectQueries(qrels, run);

        Map<String, double[]> perQuery = new LinkedHashMap<>();
        double[] sums = new double[measures.size()];
        for (String queryId : queryIds) {
            RankedJudgements ranked = RankedJudgements.of(queryId, qrels.judgements(queryId), run.results(queryId),
                    maxDepth, relevanceLevel);
            double[] values = new double[measures.size()];
            for (int m = 0; m < values.length; m++) {
                values[m] = MeasureCalculator.value(measures.get(m), ranked);
                sums[m] += values[m];
            }
            perQuery.put(queryId, values);
        }

        double[] averages = new double[measures.size()];
        for (int m = 0; m < averages.length; m++) {
            averages[m] = measures.get(m).family().isCount() ? sums[m] : sums[m] / queryIds.size();
        }

        Set<String> retrieved = new HashSet<>(run.queryIds());
        int notAveraged = 0;
        for (String queryId : run.queryIds()) {
            if (!perQuery.containsKey(queryId)) {
                notAveraged++;
            }
        }
        MetricsReport report = new MetricsReport(measures, querySet, maxDepth, relevanceLevel, perQuery, averages,
                retrieved, notAveraged);
        LOG.debug("Evaluated {} measures: {}", measures.size(), report.summary());
        return report;
    }

    private List<String> selectQueries(Qrels qrels, Run run) {
        TreeSet<String> inBoth = new TreeSet<>(TrecIdOrder::compare);
        for (String queryId : run.queryIds()) {
            if (qrels.queryIds().contains(queryId)) {
                inBoth.add(queryId);
            }
        }
        if (run.queryIds().isEmpty()) {
            throw new InvalidInputException("the run contains no queries, so there is nothing to evaluate");
        }
        if (inBoth.isEmpty()) {
            throw new InvalidInputException("no query of the run (" + run.queryIds().size() + " queries, for example '"
                    + first(run.queryIds()) + "') is judged in the qrels (" + qrels.size()
                    + " queries, for example '" + first(qrels.queryIds()) + "'); check that both use the same query ids");
        }

        TreeSet<String> selected = new TreeSet<>(TrecIdOrder::compare);
        switch (querySet) {
            case TREC_EVAL:
                selected.addAll(inBoth);
                break;
            case ALL_JUDGED:
                selected.addAll(qrels.queryIds());
                break;
            case WITH_RELEVANT:
                for (String queryId : inBoth) {
                    if (countRelevant(qrels, queryId) > 0) {
                        selected.add(queryId);
                    }
                }
                if (selected.isEmpty()) {
                    throw new InvalidInputException("no query in both run and qrels has a document with label >= "
                            + relevanceLevel + ", so the with-relevant query set is empty");
                }
                break;
            default:
                throw new IllegalStateException("unhandled query set " + querySet);
        }
        return new ArrayList<>(selected);
    }

    private int countRelevant(Qrels qrels, String queryId) {
        int count = 0;
        for (int label : qrels.judgements(queryId).values()) {
            if (label >= relevanceLevel) {
                count++;
            }
        }
        return count;
    }

    private static String first(Set<String> ids) {
        return ids.isEmpty() ? "" : ids.iterator().next();
    }
}
