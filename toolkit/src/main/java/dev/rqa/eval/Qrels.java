package dev.rqa.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgements: query id to (document id to graded relevance label).
 *
 * <p>Labels are kept as given, including 0, because trec_eval still averages over a query whose
 * documents are all judged non-relevant (it scores 0). A document is relevant when its label is
 * at least 1.
 */
public final class Qrels {

    private final Map<String, Map<String, Integer>> judgements;

    public Qrels(Map<String, Map<String, Integer>> judgements) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        judgements.forEach((qid, docs) -> copy.put(qid, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
        this.judgements = Collections.unmodifiableMap(copy);
    }

    /** Returns the judged query ids in insertion order. */
    public Set<String> queryIds() {
        return judgements.keySet();
    }

    /** Returns the judgements of one query, or an empty map when the query is not judged. */
    public Map<String, Integer> judgements(String queryId) {
        return judgements.getOrDefault(queryId, Map.of());
    }

    public Map<String, Map<String, Integer>> asMap() {
        return judgements;
    }

    public int size() {
        return judgements.size();
    }

    /** Returns the number of documents with label >= 1 for a query. */
    public int relevantCount(String queryId) {
        int count = 0;
        for (int label : judgements(queryId).values()) {
            if (label >= 1) {
                count++;
            }
        }
        return count;
    }
}
