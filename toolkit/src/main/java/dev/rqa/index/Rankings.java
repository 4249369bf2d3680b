package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Top-k selection in trec_eval order and conversion of result lists to runs. */
public final class Rankings {

    private Rankings() {
    }

    /**
     * Sorts candidates in {@link Run#TREC_ORDER} and keeps the first {@code k}. The cut therefore
     * breaks ties at the k-th score by document id, descending, exactly as trec_eval 9.0.8 orders
     * a run.
     */
    public static List<ScoredDocument> topK(List<ScoredDocument> candidates, int k) {
        List<ScoredDocument> sorted = new ArrayList<>(candidates);
        sorted.sort(Run.TREC_ORDER);
        return sorted.size() > k ? List.copyOf(sorted.subList(0, k)) : List.copyOf(sorted);
    }

    /** Pairs query ids with result lists in order and returns the run. */
    public static Run toRun(List<String> queryIds, List<List<ScoredDocument>> results) {
        if (queryIds.size() != results.size()) {
            throw new InvalidInputException(queryIds.size() + " query ids were given for " + results.size()
                    + " query vectors; pass one id per query row");
        }
        Map<String, List<ScoredDocument>> byQuery = new LinkedHashMap<>();
        for (int i = 0; i < queryIds.size(); i++) {
            if (byQuery.put(queryIds.get(i), results.get(i)) != null) {
                throw new InvalidInputException("duplicate query id '" + queryIds.get(i) + "' at row " + i);
            }
        }
        return new Run(byQuery);
    }

    /** Rejects duplicate passage ids and a count that does not match the vectors. */
    static void validateIds(List<String> ids, int rows) {
        if (ids.size() != rows) {
            throw new InvalidInputException(ids.size() + " passage ids were given for " + rows
                    + " passage vectors; pass one id per row");
        }
        Set<String> seen = new HashSet<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                throw new InvalidInputException("passage id at row " + i + " is null");
            }
            if (!seen.add(id)) {
                throw new InvalidInputException("duplicate passage id '" + id + "' at row " + i
                        + "; passage ids must be unique");
            }
        }
    }

    static void validateK(int k) {
        if (k < 1) {
            throw new InvalidInputException("k must be at least 1, got " + k);
        }
    }
}
