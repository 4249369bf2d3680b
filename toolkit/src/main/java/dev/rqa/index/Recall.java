package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recall of approximate search against exact search: for each query, the share of the exact
 * top-k passage ids that the approximate top-k contains, averaged over queries. This measures the
 * index, not relevance; ties in the exact list are cut by the same trec_eval order in both lists.
 */
public final class Recall {

    private Recall() {
    }

    /** Returns the mean recall@k over queries; the lists pair by position. */
    public static double atK(List<List<ScoredDocument>> exact, List<List<ScoredDocument>> approximate, int k) {
        double[] perQuery = perQuery(exact, approximate, k);
        if (perQuery.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : perQuery) {
            sum += value;
        }
        return sum / perQuery.length;
    }

    /** Returns the mean recall@k over the queries of the exact run. */
    public static double atK(Run exact, Run approximate, int k) {
        List<String> queryIds = List.copyOf(exact.queryIds());
        return atK(queryIds.stream().map(exact::results).toList(),
                queryIds.stream().map(approximate::results).toList(), k);
    }

    /**
     * Returns recall@k per query. A query whose exact list is empty (an empty index) counts as 1,
     * since there was nothing to find.
     */
    public static double[] perQuery(List<List<ScoredDocument>> exact, List<List<ScoredDocument>> approximate,
                                    int k) {
        Rankings.validateK(k);
        if (exact.size() != approximate.size()) {
            throw new InvalidInputException("exact results cover " + exact.size()
                    + " queries but approximate results cover " + approximate.size());
        }
        double[] recall = new double[exact.size()];
        for (int q = 0; q < exact.size(); q++) {
            List<ScoredDocument> truth = Rankings.topK(exact.get(q), k);
            if (truth.isEmpty()) {
                recall[q] = 1;
                continue;
            }
            Set<String> found = new HashSet<>();
            for (ScoredDocument document : Rankings.topK(approximate.get(q), k)) {
                found.add(document.documentId());
            }
            int hits = 0;
            for (ScoredDocument document : truth) {
                if (found.contains(document.documentId())) {
                    hits++;
                }
            }
            recall[q] = (double) hits / truth.size();
        }
        return recall;
    }

    /** Searches both indexes with the same queries and returns the approximate index's mean recall@k. */
    public static double measure(PassageSearcher exact, PassageSearcher approximate, Embeddings queries, int k) {
        return atK(exact.search(queries, k), approximate.search(queries, k), k);
    }
}
