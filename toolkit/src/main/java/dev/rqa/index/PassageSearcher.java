package dev.rqa.index;

import dev.rqa.encode.Embeddings;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;

import java.util.List;

/** Retrieves the top passages for query vectors. */
public interface PassageSearcher {

    /**
     * Returns, for each query row, the top {@code k} passages as similarities in trec_eval order
     * ({@link Run#TREC_ORDER}: score descending, then document id descending). A list is shorter
     * than {@code k} only when the index contains fewer passages.
     */
    List<List<ScoredDocument>> search(Embeddings queries, int k);

    /** Returns the passage ids in index order. */
    List<String> passageIds();

    /** Returns the similarity that scores are reported in. */
    Similarity similarity();

    /** Searches and returns the results as a run keyed by query id; ids pair with query rows in order. */
    default Run searchRun(List<String> queryIds, Embeddings queries, int k) {
        return Rankings.toRun(queryIds, search(queries, k));
    }
}
