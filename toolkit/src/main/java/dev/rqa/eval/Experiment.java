package dev.rqa.eval;

import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.Embeddings;
import dev.rqa.index.ExactIndex;
import dev.rqa.index.HnswPassageIndex;
import dev.rqa.index.PassageSearcher;
import dev.rqa.index.Recall;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.rerank.CrossEncoder;
import dev.rqa.rerank.Reranker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a retrieval experiment end to end: encode the corpus and the queries, recall with each
 * index, optionally re-rank with a cross encoder, and evaluate every ranking with trec_eval's
 * measures.
 *
 * <p>When HNSW is among the indexes, exact search runs too (even if not requested) because HNSW's
 * recall against exact search is reported for every approximate index.
 */
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);
    /** The k of the HNSW-versus-exact recall that reports show. */
    private static final int HNSW_RECALL_K = 10;

    private Experiment() {
    }

    /** Runs the experiment on a loaded dataset with models from {@code loader}. */
    public static ExperimentResult run(RetrievalDataset dataset, ExperimentSettings settings, ModelLoader loader) {
        TrecEval evaluator = TrecEval.of(settings.parsedMeasures()).withQuerySet(settings.querySet());
        Map<String, Query> queriesById = dataset.queries().stream()
                .collect(Collectors.toMap(Query::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, Passage> passagesById = dataset.corpus().stream()
                .collect(Collectors.toMap(Passage::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));

        List<StageResult> stages = new ArrayList<>();
        Map<String, Object> timing = new LinkedHashMap<>();
        ExperimentResult.EncoderInfo encoderInfo = null;

        if (settings.rerankRun() != null) {
            if (settings.reranker() == null) {
                throw new InvalidInputException("--rerank-run needs --reranker: name the cross encoder that"
                        + " re-ranks " + settings.rerankRun());
            }
            Run givenRun = RunReader.read(settings.rerankRun());
            stages.add(new StageResult("given", givenRun, evaluator.evaluate(dataset.qrels(), givenRun), 0,
                    Map.of("file", settings.rerankRun().toString())));
        } else {
            try (DualEncoder encoder = loader.dualEncoder(settings.model(), settings.overrides())) {
                encoderInfo = ExperimentResult.EncoderInfo.of(encoder);
                stages.addAll(firstStages(dataset, settings, loader, encoder, evaluator, timing));
                encoderInfo = encoderInfo.withStats(encoder.queryStats(), encoder.passageStats());
            }
        }

        if (settings.reranker() != null) {
            List<StageResult> firstStages = List.copyOf(stages);
            try (CrossEncoder crossEncoder = loader.crossEncoder(settings.reranker())) {
                for (StageResult first : firstStages) {
                    long start = System.nanoTime();
                    Run reranked = Reranker.rerank(crossEncoder, first.run(), queriesById, passagesById,
                            settings.rerankDepth());
                    double seconds = seconds(start);
                    Map<String, Object> extras = new LinkedHashMap<>();
                    extras.put("reranker", settings.reranker());
                    extras.put("rerank_depth", settings.rerankDepth());
                    extras.put("max_length", crossEncoder.maxLength());
                    extras.put("truncated_pairs", crossEncoder.truncatedPairs());
                    stages.add(new StageResult(first.name() + "+" + settings.reranker(), reranked,
                            evaluator.evaluate(dataset.qrels(), reranked), seconds, extras));
                }
            }
        }
        return new ExperimentResult(dataset.name(), dataset.provenance(), dataset.corpus().size(),
                dataset.queries().size(), settings, encoderInfo, stages, timing);
    }

    private static List<StageResult> firstStages(RetrievalDataset dataset, ExperimentSettings settings,
                                                 ModelLoader loader, DualEncoder encoder, TrecEval evaluator,
                                                 Map<String, Object> timing) {
        List<String> passageIds = dataset.corpus().stream().map(Passage::id).toList();
        List<String> queryIds = dataset.queries().stream().map(Query::id).toList();

        long start = System.nanoTime();
        Embeddings passages = encoder.encodePassages(dataset.corpus());
        timing.put("encode_passages_seconds", seconds(start));
        start = System.nanoTime();
        Embeddings queries = encoder.encodeQueries(dataset.queries());
        timing.put("encode_queries_seconds", seconds(start));

        List<StageResult> stages = new ArrayList<>();
        Run exactRun = null;
        boolean needExact = settings.indexes().contains(IndexKind.EXACT) || settings.indexes().contains(IndexKind.HNSW);
        if (needExact) {
            start = System.nanoTime();
            try (ExactIndex exact = ExactIndex.build(passageIds, passages, encoder.similarity(), loader.device())) {
                timing.put("exact_build_seconds", seconds(start));
                exactRun = search(exact, queryIds, queries, settings.topK(), timing, "exact");
            }
            if (settings.indexes().contains(IndexKind.EXACT)) {
                stages.add(new StageResult("exact", exactRun, evaluator.evaluate(dataset.qrels(), exactRun),
                        (double) timing.get("exact_search_seconds"), Map.of()));
            }
        }
        if (settings.indexes().contains(IndexKind.HNSW)) {
            start = System.nanoTime();
            HnswPassageIndex hnsw = HnswPassageIndex.build(passageIds, passages, encoder.similarity(), settings.hnsw());
            timing.put("hnsw_build_seconds", seconds(start));
            Run hnswRun = search(hnsw, queryIds, queries, settings.topK(), timing, "hnsw");
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("M", settings.hnsw().m());
            extras.put("ef_construction", settings.hnsw().efConstruction());
            extras.put("ef", settings.hnsw().ef());
            extras.put("space", hnsw.space().toString());
            int k = Math.min(HNSW_RECALL_K, settings.topK());
            double recall = Recall.atK(exactRun, hnswRun, k);
            extras.put("recall_at_" + k + "_vs_exact", recall);
            LOG.info("HNSW recall@{} against exact search: {}", k, String.format("%.4f", recall));
            // Order the table as requested: HNSW before exact when it was named first.
            int position = settings.indexes().indexOf(IndexKind.HNSW) < settings.indexes().indexOf(IndexKind.EXACT)
                    ? 0 : stages.size();
            stages.add(position, new StageResult("hnsw", hnswRun, evaluator.evaluate(dataset.qrels(), hnswRun),
                    (double) timing.get("hnsw_search_seconds"), extras));
        }
        return stages;
    }

    private static Run search(PassageSearcher index, List<String> queryIds, Embeddings queries, int topK,
                              Map<String, Object> timing, String name) {
        long start = System.nanoTime();
        Run run = index.searchRun(queryIds, queries, topK);
        double seconds = seconds(start);
        timing.put(name + "_search_seconds", seconds);
        timing.put(name + "_ms_per_query", queryIds.isEmpty() ? 0.0 : seconds * 1000 / queryIds.size());
        return run;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Loads a dataset spec and runs the experiment on it. */
    public static ExperimentResult run(String datasetSpec, ExperimentSettings settings, ModelLoader loader) {
        return run(dev.rqa.data.DatasetRegistry.standard().load(datasetSpec), settings, loader);
    }
}
