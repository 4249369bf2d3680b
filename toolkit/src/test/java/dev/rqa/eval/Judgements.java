package dev.rqa.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small in-memory qrels and runs for tests: {@code qrels("qa", "x1", 0, "qa", "x2", 1)}. */
final class Judgements {

    private Judgements() {
    }

    /** Builds qrels from triples query id, document id, label. */
    static Qrels qrels(Object... triples) {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            judgements.computeIfAbsent((String) triples[i], id -> new LinkedHashMap<>())
                    .put((String) triples[i + 1], (Integer) triples[i + 2]);
        }
        return new Qrels(judgements);
    }

    /** Builds a run from triples query id, document id, score. */
    static Run run(Object... triples) {
        Map<String, List<ScoredDocument>> results = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            results.computeIfAbsent((String) triples[i], id -> new ArrayList<>())
                    .add(new ScoredDocument((String) triples[i + 1], ((Number) triples[i + 2]).doubleValue()));
        }
        return new Run(results);
    }
}
