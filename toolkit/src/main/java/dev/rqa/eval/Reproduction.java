package dev.rqa.eval;

import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.encode.TitleMode;
import dev.rqa.index.HnswOptions;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelSpec;
import dev.rqa.report.ColumnFormat;
import dev.rqa.report.Comparison;
import dev.rqa.report.PublishedResults;
import dev.rqa.report.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproduces the published RocketQA-zh tables with whatever models are available locally: the
 * DualEncoder table (MRR@10, Recall@1, Recall@50 as hit rates), the CrossEncoder table (one fixed
 * top-50 list re-ranked by each cross encoder), and the MTEB-style T2Ranking first-10000 table.
 *
 * <pre>{@code
 * ReproductionResult result = Reproduction.on("cmrc2018?queries=300")
 *         .indexes(List.of(IndexKind.EXACT, IndexKind.HNSW))
 *         .runDualEncoders(ModelLoader.create(Device.cpu()));
 * result.dualEncoder().table();   // measured vs published
 * result.measurements();          // every index, MTEB-style measures, HNSW recall against exact search
 * }</pre>
 *
 * <p>A model or dataset that is not available is listed as missing with the reason, never filled
 * in. The published values come from DuReader-retrieval dev; measurements on another dataset are
 * labelled as such, so their differences compare datasets as much as implementations.
 */
public final class Reproduction {

    private static final Logger LOG = LoggerFactory.getLogger(Reproduction.class);

    /** Depth of the fixed candidate list the published cross encoders re-rank. */
    public static final int RERANK_DEPTH = 50;
    /** PaddleNLP's T2Ranking benchmark keeps the first 10,000 passages of collection.tsv. */
    public static final int T2RANKING_PASSAGES = 10_000;
    /** The MTEB-style table's measures: MAP, MRR and nDCG at 1 and 10. */
    public static final List<String> MTEB_MEASURES = List.of("map_cut.1,10", "recip_rank_cut.1,10", "ndcg_cut.1,10");

    private static final List<String> SIZES = List.of("base", "medium", "mini", "micro", "nano");
    private static final List<String> ALWAYS_AVAILABLE = List.of("bge-small-zh-v1.5", "bge-small-zh");

    private final String dataset;
    private final Path t2rankingDirectory;
    private final String recallModel;
    private final int topK;
    private final List<String> models;
    private final List<String> crossEncoderNames;
    private final List<IndexKind> indexes;
    private final HnswOptions hnsw;
    private final EncodingOverrides overrides;

    private Reproduction(String dataset, Path t2rankingDirectory, String recallModel, int topK, List<String> models,
                         List<String> crossEncoderNames, List<IndexKind> indexes, HnswOptions hnsw,
                         EncodingOverrides overrides) {
        this.dataset = dataset;
        this.t2rankingDirectory = t2rankingDirectory;
        this.recallModel = recallModel;
        this.topK = topK;
        this.models = List.copyOf(models);
        this.crossEncoderNames = List.copyOf(crossEncoderNames);
        this.indexes = List.copyOf(indexes);
        this.hnsw = hnsw;
        this.overrides = overrides;
    }

    /** Reproduces the tables on a dataset spec, for example {@code cmrc2018} or {@code cmrc2018?queries=300}. */
    public static Reproduction on(String datasetSpec) {
        return new Reproduction(datasetSpec, null, null, 100, List.of(), List.of(), List.of(IndexKind.EXACT),
                HnswOptions.defaults(), EncodingOverrides.NONE);
    }

    /**
     * Adds the MTEB-style table on T2Ranking files in this directory (collection.tsv, queries.dev.tsv,
     * qrels.dev.tsv); null leaves the table's rows marked missing.
     */
    public Reproduction t2ranking(Path directory) {
        return new Reproduction(dataset, directory, recallModel, topK, models, crossEncoderNames, indexes, hnsw,
                overrides);
    }

    /** Sets the dual encoder whose top 50 the cross encoders re-rank (default: RocketQA-zh base if available, else bge). */
    public Reproduction recallModel(String model) {
        return new Reproduction(dataset, t2rankingDirectory, model, topK, models, crossEncoderNames, indexes, hnsw,
                overrides);
    }

    /**
     * Sets the dual encoders of the DualEncoder and T2Ranking tables: registry names, pairs or local
     * checkpoints. Empty (the default) means every RocketQA-zh size and the bundled bge models, each
     * measured when its weights are available locally and listed as missing otherwise.
     */
    public Reproduction dualEncoders(List<String> names) {
        return new Reproduction(dataset, t2rankingDirectory, recallModel, topK, names, crossEncoderNames, indexes, hnsw,
                overrides);
    }

    /**
     * Sets the cross encoders of the CrossEncoder table: registry names or local checkpoint
     * directories (a PaddleNLP or Hugging Face checkpoint with a pooler and a 2-class classifier).
     * Empty (the default) means the five RocketQA cross encoders.
     */
    public Reproduction crossEncoders(List<String> names) {
        return new Reproduction(dataset, t2rankingDirectory, recallModel, topK, models, names, indexes, hnsw,
                overrides);
    }

    /**
     * Sets the first-stage indexes of the DualEncoder experiments (default exact). The DualEncoder
     * table always uses exact search, as the published one does; with HNSW,
     * {@link ReproductionResult#measurements()} adds its rows and its recall against exact search.
     */
    public Reproduction indexes(List<IndexKind> kinds) {
        return new Reproduction(dataset, t2rankingDirectory, recallModel, topK, models, crossEncoderNames, kinds, hnsw,
                overrides);
    }

    /** Sets the HNSW parameters of the DualEncoder experiments. */
    public Reproduction hnsw(HnswOptions options) {
        return new Reproduction(dataset, t2rankingDirectory, recallModel, topK, models, crossEncoderNames, indexes,
                options, overrides);
    }

    /** Replaces encoding settings of the DualEncoder and CrossEncoder experiments; T2Ranking keeps its protocol. */
    public Reproduction overrides(EncodingOverrides value) {
        return new Reproduction(dataset, t2rankingDirectory, recallModel, topK, models, crossEncoderNames, indexes,
                hnsw, value);
    }

    /** Runs every table with models from the loader. */
    public ReproductionResult run(ModelLoader loader) {
        return run(loader, true, true);
    }

    /**
     * Runs the DualEncoder table and the T2Ranking table. The CrossEncoder table of the result shows
     * the published rows only, with a note that it was not run.
     */
    public ReproductionResult runDualEncoders(ModelLoader loader) {
        return run(loader, true, false);
    }

    /**
     * Runs the CrossEncoder table only. The DualEncoder table of the result shows the published rows
     * only, and the T2Ranking table is marked not run.
     */
    public ReproductionResult runCrossEncoders(ModelLoader loader) {
        return run(loader, false, true);
    }

    private ReproductionResult run(ModelLoader loader, boolean dualTable, boolean crossTable) {
        RetrievalDataset data = DatasetRegistry.standard().load(dataset);
        PublishedResults published = PublishedResults.rocketqaZh();
        String datasetNote = "Measured on " + data.name() + " (" + data.queries().size() + " queries, "
                + data.corpus().size() + " passages); published on " + published.protocol().dataset() + ".";

        Map<String, ExperimentResult> experiments = new LinkedHashMap<>();
        Comparison dual = Comparison.against(published.dualEncoder());
        if (dualTable) {
            dual.note(datasetNote);
            measureDualEncoders(loader, data, dual, experiments);
        } else {
            dual.note("The DualEncoder table was not run in this reproduction; only the published values are shown.");
        }

        Comparison cross = Comparison.against(published.crossEncoder());
        if (crossTable) {
            cross.note(datasetNote);
            measureCrossEncoders(loader, data, cross, experiments);
        } else {
            cross.note("The CrossEncoder table was not run in this reproduction; only the published values are"
                    + " shown.");
        }

        ResultTable t2ranking = dualTable ? t2rankingTable(loader, experiments) : t2rankingNotRun();
        return new ReproductionResult(data.name(), dual, cross, t2ranking, experiments);
    }

    private void measureDualEncoders(ModelLoader loader, RetrievalDataset data, Comparison dual,
                                     Map<String, ExperimentResult> experiments) {
        for (String model : dualEncoderCandidates(loader)) {
            ModelStatus status = ModelStatus.of(model, loader);
            if (!status.available()) {
                dual.missing(model, status.reason());
                continue;
            }
            LOG.info("DualEncoder table: {} on {}", model, data.name());
            ExperimentSettings settings = ExperimentSettings.defaults(model).withTopK(topK).withOverrides(overrides)
                    .withIndexes(withExact(indexes)).withHnsw(hnsw);
            ExperimentResult result = Experiment.run(data, settings, loader);
            experiments.put(model, result);
            dual.measured(model, result.stage("exact").metrics());
        }
    }

    private void measureCrossEncoders(ModelLoader loader, RetrievalDataset data, Comparison cross,
                                      Map<String, ExperimentResult> experiments) {
        String candidates = recallModel != null ? recallModel : defaultRecallModel(loader);
        cross.note("Every cross encoder re-ranks the same top " + RERANK_DEPTH + " of " + candidates + " (exact"
                + " search); documents below it are dropped, so Recall@50 is the same for all rows.");
        ExperimentSettings firstStageSettings = ExperimentSettings.defaults(candidates).withTopK(topK)
                .withOverrides(overrides);
        ExperimentResult firstStage = experiments.containsKey(candidates) ? experiments.get(candidates)
                : Experiment.run(data, firstStageSettings, loader);
        experiments.putIfAbsent(candidates, firstStage);
        cross.measured(candidates + " (no re-ranking)", firstStage.stage("exact").metrics());

        int measured = 0;
        for (String model : crossEncoderCandidates()) {
            ModelStatus status = ModelStatus.of(model, loader);
            if (!status.available()) {
                cross.missing(model, status.reason());
                continue;
            }
            LOG.info("CrossEncoder table: {} re-ranking the top {} of {}", model, RERANK_DEPTH, candidates);
            ExperimentResult reranked = Experiment.run(data, firstStageSettings.withReranker(model, RERANK_DEPTH),
                    loader);
            experiments.put(candidates + "+" + model, reranked);
            cross.measured(model, reranked.stage("exact+" + model).metrics());
            measured++;
        }
        if (measured == 0) {
            cross.note("No cross encoder is available locally: only the recall model's own ranking was measured.");
        }
    }

    /** Returns the dual encoders this reproduction measures, in table order. */
    public List<String> dualEncoderCandidates(ModelLoader loader) {
        if (!models.isEmpty()) {
            return models;
        }
        List<String> names = new ArrayList<>();
        for (String size : SIZES) {
            names.add("rocketqa-zh-" + size);
        }
        names.addAll(ALWAYS_AVAILABLE);
        return names.stream().filter(loader.registry()::contains).toList();
    }

    /** Returns the cross encoders this reproduction measures, in table order. */
    public List<String> crossEncoderCandidates() {
        if (!crossEncoderNames.isEmpty()) {
            return crossEncoderNames;
        }
        return SIZES.stream().map(size -> "rocketqa-" + size + "-cross-encoder").toList();
    }

    /**
     * Returns one row per dual encoder of this reproduction: whether its weights are available
     * locally, where they are or where they are looked for, and how to get them.
     */
    public ResultTable dualEncoderAvailability(ModelLoader loader) {
        return availabilityTable("Dual encoders", dualEncoderCandidates(loader), loader);
    }

    /** Returns one row per cross encoder of this reproduction, as {@link #dualEncoderAvailability} does. */
    public ResultTable crossEncoderAvailability(ModelLoader loader) {
        return availabilityTable("Cross encoders", crossEncoderCandidates(), loader);
    }

    private static ResultTable availabilityTable(String title, List<String> names, ModelLoader loader) {
        ResultTable table = ResultTable.titled(title + ": weights available locally")
                .column("model", ColumnFormat.TEXT)
                .column("available", ColumnFormat.TEXT)
                .column("location", ColumnFormat.TEXT)
                .column("how to get it", ColumnFormat.TEXT);
        for (String name : names) {
            ModelStatus status = ModelStatus.of(name, loader);
            table.row(name, status.available() ? "yes" : "no", status.location(),
                    status.available() ? "" : status.remedy());
        }
        table.note("Models are looked up in the registry (rqa models), then as local checkpoint paths. Registered"
                + " weights are read from RQA_DATA_MIRROR/<model>/ or the cache RQA_CACHE_DIR/<model>/ (default"
                + " ~/.cache/rqa); rqa models --download NAME fills the cache on a machine that is online.");
        return table;
    }

    private static List<IndexKind> withExact(List<IndexKind> kinds) {
        if (kinds.contains(IndexKind.EXACT)) {
            return kinds;
        }
        List<IndexKind> all = new ArrayList<>(List.of(IndexKind.EXACT));
        all.addAll(kinds);
        return all;
    }

    private static String defaultRecallModel(ModelLoader loader) {
        ModelSpec base = loader.registry().get("rocketqa-zh-base");
        return loader.availability(base).available() ? "rocketqa-zh-base" : "bge-small-zh-v1.5";
    }

    private ResultTable t2rankingTable(ModelLoader loader, Map<String, ExperimentResult> experiments) {
        ResultTable table = t2rankingColumns();
        List<Measure> measures = Measure.parseAll(MTEB_MEASURES);
        if (t2rankingDirectory == null || !Files.isDirectory(t2rankingDirectory)) {
            return t2rankingMissing(table, "T2Ranking files not given; pass a directory holding collection.tsv,"
                    + " queries.dev.tsv and qrels.dev.tsv (rqa tables --t2ranking DIR, or RQA_T2RANKING in the"
                    + " notebooks)");
        }
        RetrievalDataset data = DatasetRegistry.standard().load("t2ranking:" + t2rankingDirectory
                + "?passages=" + T2RANKING_PASSAGES);
        // PaddleNLP's benchmark: 512 tokens, spaces kept, title and text joined by the reader, cosine, exact search.
        EncodingOverrides protocol = EncodingOverrides.NONE.withMaxLengths(512, 512).withRemoveSpaces(false)
                .withTitleMode(TitleMode.NONE);
        for (String model : dualEncoderCandidates(loader)) {
            ModelStatus status = ModelStatus.of(model, loader);
            Object[] row = new Object[measures.size() + 3];
            row[0] = model;
            if (!status.available()) {
                row[row.length - 1] = "missing: " + status.reason();
                table.row(row);
                continue;
            }
            ExperimentSettings settings = ExperimentSettings.defaults(model).withOverrides(protocol)
                    .withQuerySet(QuerySet.WITH_RELEVANT).withMeasures(MTEB_MEASURES).withTopK(1000);
            ExperimentResult result = Experiment.run(data, settings, loader);
            experiments.put("t2ranking/" + model, result);
            MetricsReport metrics = result.stage("exact").metrics();
            for (int i = 0; i < measures.size(); i++) {
                row[i + 1] = metrics.average(measures.get(i));
            }
            row[measures.size() + 1] = metrics.numQueries();
            row[row.length - 1] = "";
            table.row(row);
        }
        table.note("Queries with at least one relevant passage (MTEB); exact cosine search; 512 tokens; qrels kept for"
                + " pid <= " + T2RANKING_PASSAGES + " as PaddleNLP does.");
        return table;
    }

    private static ResultTable t2rankingColumns() {
        ResultTable table = ResultTable.titled("T2Ranking, first " + T2RANKING_PASSAGES + " passages (MTEB style)")
                .column("model", ColumnFormat.TEXT);
        for (Measure measure : Measure.parseAll(MTEB_MEASURES)) {
            table.column(measure.mtebKey(), ColumnFormat.DECIMAL_4);
        }
        return table.column("queries", ColumnFormat.INTEGER).column("note", ColumnFormat.TEXT);
    }

    private static ResultTable t2rankingMissing(ResultTable table, String reason) {
        Object[] row = new Object[table.columnNames().size()];
        row[0] = "all models";
        row[row.length - 1] = "missing: " + reason;
        return table.row(row);
    }

    private static ResultTable t2rankingNotRun() {
        return t2rankingMissing(t2rankingColumns(), "the T2Ranking table was not run in this reproduction");
    }
}
