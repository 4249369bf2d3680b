package dev.rqa.eval;

import dev.rqa.index.HnswOptions;
import dev.rqa.model.registry.EncodingOverrides;

import java.nio.file.Path;
import java.util.List;

/**
 * What one retrieval experiment runs: a dual encoder over a dataset, one or more first-stage
 * indexes, optional re-ranking, and how it is scored.
 *
 * @param model         dual encoder (registry name, local path, or {@code QUERY,PASSAGE})
 * @param overrides     encoding settings replacing the model's defaults
 * @param indexes       first-stage recall methods, evaluated in this order
 * @param topK          documents retrieved per query
 * @param hnsw          HNSW parameters
 * @param reranker      cross encoder re-ranking each first stage, or null
 * @param rerankDepth   documents per query the cross encoder scores
 * @param rerankRun     a fixed TREC run to re-rank instead of the first stage, or null
 * @param querySet      which queries the averages cover
 * @param measures      measures to compute; empty means {@link #DEFAULT_MEASURES}
 */
public record ExperimentSettings(String model, EncodingOverrides overrides, List<IndexKind> indexes, int topK,
                                 HnswOptions hnsw, String reranker, int rerankDepth, Path rerankRun,
                                 QuerySet querySet, List<String> measures) {

    /**
     * MTEB's retrieval measures at its usual cutoffs, MRR@10 as {@code trec_eval -M 10 -m recip_rank},
     * and RocketQA's Recall@k (hit rate).
     */
    public static final List<String> DEFAULT_MEASURES = List.of(
            "ndcg_cut.1,3,5,10,100", "map_cut.1,10,100", "recip_rank_cut.1,10", "recall.1,10,50,100",
            "P.1,10", "hit_rate.1,10,50,100");

    public ExperimentSettings {
        indexes = List.copyOf(indexes);
        measures = List.copyOf(measures);
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
        }
    }

    /** Returns settings for exact search with the model's defaults, top 100, trec_eval's query set. */
    public static ExperimentSettings defaults(String model) {
        return new ExperimentSettings(model, EncodingOverrides.NONE, List.of(IndexKind.EXACT), 100,
                HnswOptions.defaults(), null, 50, null, QuerySet.TREC_EVAL, List.of());
    }

    public ExperimentSettings withIndexes(List<IndexKind> value) {
        return new ExperimentSettings(model, overrides, value, topK, hnsw, reranker, rerankDepth, rerankRun, querySet,
                measures);
    }

    public ExperimentSettings withTopK(int value) {
        return new ExperimentSettings(model, overrides, indexes, value, hnsw, reranker, rerankDepth, rerankRun,
                querySet, measures);
    }

    public ExperimentSettings withHnsw(HnswOptions value) {
        return new ExperimentSettings(model, overrides, indexes, topK, value, reranker, rerankDepth, rerankRun,
                querySet, measures);
    }

    public ExperimentSettings withReranker(String value, int depth) {
        return new ExperimentSettings(model, overrides, indexes, topK, hnsw, value, depth, rerankRun, querySet,
                measures);
    }

    public ExperimentSettings withRerankRun(Path value) {
        return new ExperimentSettings(model, overrides, indexes, topK, hnsw, reranker, rerankDepth, value, querySet,
                measures);
    }

    public ExperimentSettings withOverrides(EncodingOverrides value) {
        return new ExperimentSettings(model, value, indexes, topK, hnsw, reranker, rerankDepth, rerankRun, querySet,
                measures);
    }

    public ExperimentSettings withQuerySet(QuerySet value) {
        return new ExperimentSettings(model, overrides, indexes, topK, hnsw, reranker, rerankDepth, rerankRun, value,
                measures);
    }

    public ExperimentSettings withMeasures(List<String> value) {
        return new ExperimentSettings(model, overrides, indexes, topK, hnsw, reranker, rerankDepth, rerankRun,
                querySet, value);
    }

    /** Returns the measures to compute, parsed. */
    public List<Measure> parsedMeasures() {
        return Measure.parseAll(measures.isEmpty() ? DEFAULT_MEASURES : measures);
    }
}
