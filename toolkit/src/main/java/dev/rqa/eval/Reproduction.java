package dev.rqa.eval;

import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.encode.TitleMode;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelKind;
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

    private Reproduction(String dataset, Path t2rankingDirectory, String recallModel, int topK) {
        this.dataset = dataset;
        this.t2rankingDirectory = t2rankingDirectory;
        this.recallModel = recallModel;
        this.topK = topK;
    }

    /** Reproduces the tables on a dataset spec, for example {@code cmrc2018} or {@code cmrc2018?queries=300}. */
    public static Reproduction on(String datasetSpec) {
        return new Reproduction(datasetSpec, null, null, 100);
    }

    /** Adds the MTEB-style table on T2Ranking files in this directory (collection.tsv, queries.dev.tsv, qrels.dev.tsv). */
    public Reproduction t2ranking(Path directory) {
        return new Reproduction(dataset, directory, recallModel, topK);
    }

    /** Sets the dual encoder whose top 50 the cross encoders re-rank (default: RocketQA-zh base if available, else bge). */
    public Reproduction recallModel(String model) {
        return new Reproduction(dataset, t2rankingDirectory, model, topK);
    }

    /** Runs every table with models from the loader. */
    public ReproductionResult run(ModelLoader loader) {
        RetrievalDataset data = DatasetRegistry.standard().load(dataset);
        PublishedResults published = PublishedResults.rocketqaZh();
        String datasetNote = "Measured on " + data.name() + " (" + data.queries().size() + " queries, "
                + data.corpus().size() + " passages); published on " + published.protocol().dataset() + ".";

        Map<String, ExperimentResult> experiments = new LinkedHashMap<>();
        Comparison dual = Comparison.against(published.dualEncoder()).note(datasetNote);
        for (String model : dualEncoderCandidates(loader)) {
            ModelSpec spec = loader.registry().get(model);
            ModelLoader.Availability availability = loader.availability(spec);
            if (!availability.available()) {
                dual.missing(model, "weights not available locally; run rqa models --download " + model);
                continue;
            }
            LOG.info("DualEncoder table: {} on {}", model, data.name());
            ExperimentResult result = Experiment.run(data, ExperimentSettings.defaults(model).withTopK(topK), loader);
            experiments.put(model, result);
            dual.measured(model, result.stage("exact").metrics());
        }

        Comparison cross = Comparison.against(published.crossEncoder()).note(datasetNote);
        String candidates = recallModel != null ? recallModel : defaultRecallModel(loader);
        ExperimentResult firstStage = experiments.containsKey(candidates) ? experiments.get(candidates)
                : Experiment.run(data, ExperimentSettings.defaults(candidates).withTopK(topK), loader);
        cross.note("Every cross encoder re-ranks the same top " + RERANK_DEPTH + " of " + candidates + " (exact"
                + " search); documents below it are dropped, so Recall@50 is the same for all rows.");
        cross.measured(candidates + " (no re-ranking)", firstStage.stage("exact").metrics());
        for (String size : SIZES) {
            String model = "rocketqa-" + size + "-cross-encoder";
            ModelSpec spec = loader.registry().get(model);
            if (!loader.availability(spec).available()) {
                cross.missing(model, "weights not available locally; run rqa models --download " + model);
                continue;
            }
            ExperimentSettings settings = ExperimentSettings.defaults(candidates).withTopK(topK)
                    .withReranker(model, RERANK_DEPTH);
            ExperimentResult reranked = Experiment.run(data, settings, loader);
            experiments.put(candidates + "+" + model, reranked);
            cross.measured(model, reranked.stage("exact+" + model).metrics());
        }

        ResultTable t2ranking = t2rankingTable(loader, experiments);
        return new ReproductionResult(data.name(), dual, cross, t2ranking, experiments);
    }

    private List<String> dualEncoderCandidates(ModelLoader loader) {
        List<String> models = new ArrayList<>();
        for (String size : SIZES) {
            models.add("rocketqa-zh-" + size);
        }
        models.addAll(ALWAYS_AVAILABLE);
        return models.stream().filter(loader.registry()::contains).toList();
    }

    private static String defaultRecallModel(ModelLoader loader) {
        ModelSpec base = loader.registry().get("rocketqa-zh-base");
        return loader.availability(base).available() ? "rocketqa-zh-base" : "bge-small-zh-v1.5";
    }

    private ResultTable t2rankingTable(ModelLoader loader, Map<String, ExperimentResult> experiments) {
        ResultTable table = ResultTable.titled("T2Ranking, first " + T2RANKING_PASSAGES + " passages (MTEB style)")
                .column("model", ColumnFormat.TEXT);
        List<Measure> measures = Measure.parseAll(MTEB_MEASURES);
        for (Measure measure : measures) {
            table.column(measure.mtebKey(), ColumnFormat.DECIMAL_4);
        }
        table.column("queries", ColumnFormat.INTEGER).column("note", ColumnFormat.TEXT);

        if (t2rankingDirectory == null || !Files.isDirectory(t2rankingDirectory)) {
            Object[] row = new Object[measures.size() + 3];
            row[0] = "all models";
            row[row.length - 1] = "missing: T2Ranking files not given; pass --t2ranking DIR holding collection.tsv,"
                    + " queries.dev.tsv and qrels.dev.tsv";
            table.row(row);
            return table;
        }
        RetrievalDataset data = DatasetRegistry.standard().load("t2ranking:" + t2rankingDirectory
                + "?passages=" + T2RANKING_PASSAGES);
        // PaddleNLP's benchmark: 512 tokens, spaces kept, title and text joined by the reader, cosine, exact search.
        EncodingOverrides protocol = EncodingOverrides.NONE.withMaxLengths(512, 512).withRemoveSpaces(false)
                .withTitleMode(TitleMode.NONE);
        for (String model : dualEncoderCandidates(loader)) {
            ModelSpec spec = loader.registry().get(model);
            Object[] row = new Object[measures.size() + 3];
            row[0] = model;
            if (!loader.availability(spec).available()) {
                row[row.length - 1] = "missing: weights not available locally; run rqa models --download " + model;
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

    /** Returns the registry's dual encoders in table order; used by notebooks to list what will run. */
    public static List<String> dualEncoders(ModelLoader loader) {
        List<String> names = new ArrayList<>();
        for (ModelSpec spec : loader.registry().all()) {
            if (spec.kind() == ModelKind.PAIR || spec.kind() == ModelKind.ENCODER) {
                names.add(spec.name());
            }
        }
        return names;
    }
}
