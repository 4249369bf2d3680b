package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.MetricsReport;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.eval.TrecEval;
import dev.rqa.index.EfSweep;
import dev.rqa.index.ExactIndex;
import dev.rqa.index.HnswOptions;
import dev.rqa.index.HnswPassageIndex;
import dev.rqa.index.Rankings;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * HNSW's speed-quality trade-off on a real dataset: for each dual encoder, one HNSW graph searched
 * at several ef values, each measured for recall@k against exact search, queries per second, and
 * the nDCG@10 and MRR@10 of its rankings.
 *
 * <pre>{@code
 * EfSweepResult sweep = EfSweepBenchmark.on("cmrc2018?queries=300")
 *         .models(List.of("bge-small-zh-v1.5"))
 *         .run(ModelLoader.create(Device.cpu()));
 * sweep.table();   // one row per model and ef
 * sweep.plot();    // recall@10 against queries per second, one line per model
 * }</pre>
 */
public final class EfSweepBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(EfSweepBenchmark.class);

    /** ef values from below k (where HNSW search still widens to k) to well above the graph's degree. */
    public static final List<Integer> DEFAULT_EF = List.of(10, 20, 40, 80, 160, 320);
    public static final int DEFAULT_K = 10;
    public static final int DEFAULT_WARMUP_QUERIES = 50;
    /** Measures of each ef point's rankings; both need only the top 10. */
    static final List<String> QUALITY_MEASURES = List.of("ndcg_cut.10", "recip_rank_cut.10");

    private final String dataset;
    private final List<String> models;
    private final List<Integer> efValues;
    private final int k;
    private final HnswOptions hnsw;
    private final EncodingOverrides overrides;

    private EfSweepBenchmark(String dataset, List<String> models, List<Integer> efValues, int k, HnswOptions hnsw,
                             EncodingOverrides overrides) {
        this.dataset = dataset;
        this.models = List.copyOf(models);
        this.efValues = List.copyOf(efValues);
        this.k = k;
        this.hnsw = hnsw;
        this.overrides = overrides;
    }

    /** Starts a sweep on a dataset spec such as {@code cmrc2018} or {@code cmrc2018?queries=300}. */
    public static EfSweepBenchmark on(String datasetSpec) {
        return new EfSweepBenchmark(datasetSpec, List.of("bge-small-zh-v1.5"), DEFAULT_EF, DEFAULT_K,
                HnswOptions.defaults().withProgress(false), EncodingOverrides.NONE);
    }

    /** Sets the dual encoders, each with its own graph (default bge-small-zh-v1.5). */
    public EfSweepBenchmark models(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidInputException("no dual encoder for the ef sweep; name at least one");
        }
        return new EfSweepBenchmark(dataset, names, efValues, k, hnsw, overrides);
    }

    /** Sets the search-time ef values (default 10, 20, 40, 80, 160, 320). */
    public EfSweepBenchmark ef(List<Integer> values) {
        return new EfSweepBenchmark(dataset, models, values, k, hnsw, overrides);
    }

    /** Sets the k of recall@k against exact search (default 10). */
    public EfSweepBenchmark k(int value) {
        return new EfSweepBenchmark(dataset, models, efValues, value, hnsw, overrides);
    }

    /** Sets M, efConstruction and the threads of building and searching. */
    public EfSweepBenchmark hnsw(HnswOptions options) {
        return new EfSweepBenchmark(dataset, models, efValues, k, options, overrides);
    }

    /** Replaces encoding settings of every model. */
    public EfSweepBenchmark overrides(EncodingOverrides value) {
        return new EfSweepBenchmark(dataset, models, efValues, k, hnsw, value);
    }

    /** Encodes the dataset with each model and sweeps ef over its graph. */
    public EfSweepResult run(ModelLoader loader) {
        RetrievalDataset data = DatasetRegistry.standard().load(dataset);
        if (data.queries().isEmpty() || data.corpus().isEmpty()) {
            throw new InvalidInputException("dataset " + data.name() + " has " + data.queries().size() + " queries and "
                    + data.corpus().size() + " passages; the ef sweep needs both");
        }
        List<String> passageIds = data.corpus().stream().map(Passage::id).toList();
        List<String> queryIds = data.queries().stream().map(Query::id).toList();
        TrecEval evaluator = TrecEval.of(QUALITY_MEASURES.toArray(String[]::new));
        int warmup = Math.min(DEFAULT_WARMUP_QUERIES, data.queries().size());

        List<EfSweepResult.Row> rows = new ArrayList<>();
        List<EfSweepResult.ModelFacts> facts = new ArrayList<>();
        for (String model : models) {
            try (DualEncoder encoder = loader.dualEncoder(model, overrides)) {
                Embeddings passages = encoder.encodePassages(data.corpus());
                Embeddings queries = encoder.encodeQueries(data.queries());

                List<List<ScoredDocument>> exact;
                double exactSeconds;
                try (ExactIndex index = ExactIndex.build(passageIds, passages, encoder.similarity(), loader.device())) {
                    // Untimed first pass, as EfSweep warms HNSW up, so both rates exclude JIT compilation.
                    index.search(queries, k);
                    long searchStart = System.nanoTime();
                    exact = index.search(queries, k);
                    exactSeconds = (System.nanoTime() - searchStart) / 1e9;
                }

                long start = System.nanoTime();
                HnswPassageIndex graph = HnswPassageIndex.build(passageIds, passages, encoder.similarity(), hnsw);
                double buildSeconds = (System.nanoTime() - start) / 1e9;
                facts.add(new EfSweepResult.ModelFacts(model, graph.space().toString(), buildSeconds,
                        queries.rows() / exactSeconds));

                for (EfSweep.Point point : EfSweep.run(graph, queries, exact, efValues, k, warmup)) {
                    MetricsReport metrics = evaluator.evaluate(data.qrels(), Rankings.toRun(queryIds, point.results()));
                    rows.add(new EfSweepResult.Row(model, point.ef(), point.recall(), point.queriesPerSecond(),
                            metrics.average("ndcg_cut.10"), metrics.average("recip_rank_cut.10"),
                            metrics.numQueries()));
                }
                LOG.info("ef sweep of {} on {}: {} ef values, HNSW built in {} s", model, data.name(), efValues.size(),
                        String.format("%.2f", buildSeconds));
            }
        }
        return new EfSweepResult(data.name(), data.corpus().size(), data.queries().size(), k, hnsw, facts, rows);
    }
}
