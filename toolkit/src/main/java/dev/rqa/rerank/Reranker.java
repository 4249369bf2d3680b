package dev.rqa.rerank;

import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.progress.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second stage of retrieval: the top {@code depth} documents of a first-stage run are scored
 * again by a cross encoder and re-ordered by that score.
 *
 * <p>Documents below the depth are dropped, so the re-ranked run has at most {@code depth}
 * documents per query; this is how RocketQA evaluates a fixed top-50 list.
 */
public final class Reranker {

    private Reranker() {
    }

    /**
     * Re-ranks a run.
     *
     * @param queries  query id to query, for every query of the run
     * @param passages passage id to passage, for every document the run names within the depth
     * @param depth    documents per query to score, at least 1
     */
    public static Run rerank(CrossEncoder crossEncoder, Run firstStage, Map<String, Query> queries,
                             Map<String, Passage> passages, int depth) {
        if (depth < 1) {
            throw new InvalidInputException("re-rank depth must be at least 1, got " + depth);
        }
        List<String> pairQueries = new ArrayList<>();
        List<String> pairPassages = new ArrayList<>();
        List<String> pairQueryIds = new ArrayList<>();
        List<String> pairDocumentIds = new ArrayList<>();
        for (String queryId : firstStage.queryIds()) {
            Query query = queries.get(queryId);
            if (query == null) {
                throw new InvalidInputException("run names query '" + queryId + "', which is not among the "
                        + queries.size() + " queries of the dataset");
            }
            List<ScoredDocument> ranked = firstStage.results(queryId);
            for (ScoredDocument document : ranked.subList(0, Math.min(depth, ranked.size()))) {
                Passage passage = passages.get(document.documentId());
                if (passage == null) {
                    throw new InvalidInputException("run names document '" + document.documentId() + "' for query '"
                            + queryId + "', which is not in the corpus");
                }
                pairQueries.add(query.text());
                pairPassages.add(passage.text());
                pairQueryIds.add(queryId);
                pairDocumentIds.add(document.documentId());
            }
        }

        float[] scores;
        try (Progress progress = Progress.start("re-rank " + crossEncoder.name(), pairQueries.size(), "pairs")) {
            scores = crossEncoder.score(pairQueries, pairPassages, progress);
        }

        Map<String, List<ScoredDocument>> reranked = new LinkedHashMap<>();
        for (String queryId : firstStage.queryIds()) {
            reranked.put(queryId, new ArrayList<>());
        }
        for (int i = 0; i < scores.length; i++) {
            reranked.get(pairQueryIds.get(i)).add(new ScoredDocument(pairDocumentIds.get(i), scores[i]));
        }
        return new Run(reranked);
    }
}
