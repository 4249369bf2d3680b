package dev.rqa.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ranked result list per query, as in a TREC run file.
 *
 * <p>Each list is stored in trec_eval order: score descending, then document id descending
 * (string order). trec_eval ignores the rank column of a run file and sorts this way itself, so
 * keeping the same order here makes ranks agree with it. A query may map to an empty list, and the
 * evaluator counts such a query as retrieved with no results.
 */
public final class Run {

    /**
     * trec_eval 9.0.8 ordering: score descending, ties by document id descending in {@code strcmp}
     * order. Scores are compared with {@code <} and {@code >} as in C, so {@code -0.0} and
     * {@code 0.0} tie (a run file may print tiny negative scores as {@code -0.000000}).
     */
    public static final Comparator<ScoredDocument> TREC_ORDER = (a, b) -> {
        if (a.score() > b.score()) {
            return -1;
        }
        if (a.score() < b.score()) {
            return 1;
        }
        return TrecIdOrder.compare(b.documentId(), a.documentId());
    };

    private final Map<String, List<ScoredDocument>> results;

    public Run(Map<String, List<ScoredDocument>> results) {
        Map<String, List<ScoredDocument>> copy = new LinkedHashMap<>();
        results.forEach((qid, docs) -> {
            List<ScoredDocument> sorted = new ArrayList<>(docs);
            sorted.sort(TREC_ORDER);
            copy.put(qid, Collections.unmodifiableList(sorted));
        });
        this.results = Collections.unmodifiableMap(copy);
    }

    public Set<String> queryIds() {
        return results.keySet();
    }

    /** Returns the ranked list of a query, or an empty list when the run has none. */
    public List<ScoredDocument> results(String queryId) {
        return results.getOrDefault(queryId, List.of());
    }

    public Map<String, List<ScoredDocument>> asMap() {
        return results;
    }
}
