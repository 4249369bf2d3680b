package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.eval.Experiment;
import dev.rqa.eval.ExperimentResult;
import dev.rqa.eval.ExperimentSettings;
import dev.rqa.eval.IndexKind;
import dev.rqa.eval.QuerySet;
import dev.rqa.index.HnswOptions;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.ExperimentReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rqa evaluate}: encodes a dataset, recalls, optionally re-ranks, and scores the rankings. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a dual encoder (and optionally a cross encoder) on a dataset.",
            "Encodes the corpus and queries, recalls with exact search and/or HNSW, optionally re-ranks, scores",
            "every ranking with trec_eval's measures, prints the table and writes metrics.json, run.trec (and",
            "run.<stage>.trec), report.md and report.html to --out."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Dual encoder: a registry name (rqa models), a local checkpoint, or QUERY_MODEL,PASSAGE_MODEL."
                    + " Repeat to evaluate several models; each gets a subfolder of --out.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--dataset", required = true, paramLabel = "DATASET",
            description = "Registered dataset (rqa datasets) or squad:FILE[,FILE], beir:DIR[#split],"
                    + " t2ranking:DIR[?passages=N]; add ?queries=N[&other-passages=M] for a subset.")
    private String dataset;

    @Option(names = "--index", defaultValue = "exact", paramLabel = "exact|hnsw|exact,hnsw",
            description = "First-stage recall (default: ${DEFAULT-VALUE}).")
    private String index;

    @Option(names = "--top-k", defaultValue = "100", paramLabel = "K",
            description = "Documents retrieved per query (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--hnsw-m", defaultValue = "" + HnswOptions.DEFAULT_M, paramLabel = "M",
            description = "HNSW links per node (default: ${DEFAULT-VALUE}).")
    private int hnswM;

    @Option(names = "--ef-construction", defaultValue = "" + HnswOptions.DEFAULT_EF_CONSTRUCTION, paramLabel = "N",
            description = "HNSW candidate list size while building (default: ${DEFAULT-VALUE}).")
    private int efConstruction;

    @Option(names = "--ef", defaultValue = "" + HnswOptions.DEFAULT_EF, paramLabel = "N",
            description = "HNSW candidate list size while searching; at least --top-k is used (default:"
                    + " ${DEFAULT-VALUE}).")
    private int ef;

    @Option(names = "--reranker", paramLabel = "MODEL",
            description = "Cross encoder that re-ranks the top --rerank-depth of each first stage.")
    private String reranker;

    @Option(names = "--rerank-depth", defaultValue = "50", paramLabel = "N",
            description = "Documents per query the cross encoder scores (default: ${DEFAULT-VALUE}).")
    private int rerankDepth;

    @Option(names = "--rerank-run", paramLabel = "FILE",
            description = "Re-rank this TREC run instead of a first stage (needs --reranker; --model is then"
                    + " not needed).")
    private Path rerankRun;

    @Option(names = "--query-set", defaultValue = "trec_eval", paramLabel = "trec_eval|all|with-relevant",
            description = "Queries the averages cover: trec_eval (queries in run and qrels, the default), all"
                    + " (every judged query, trec_eval -c) or with-relevant (MTEB: queries with a relevant"
                    + " document).")
    private String querySet;

    @Option(names = {"-m", "--measure"}, paramLabel = "MEASURE",
            description = "Measures to compute (trec_eval names such as ndcg_cut.10 or MTEB keys such as"
                    + " ndcg_at_10). Default: nDCG, MAP, MRR, recall, P and hit rate at common cutoffs.")
    private List<String> measures = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for metrics.json, run files and"
            + " report.md (default: runs/<dataset>/<model>).")
    private Path out;

    @Mixin
    private ModelOptions modelOptions;

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        if (models.isEmpty() && rerankRun == null) {
            throw new InvalidInputException("give --model (a dual encoder), or --rerank-run FILE with --reranker");
        }
        if (rerankRun != null && reranker == null) {
            throw new InvalidInputException("--rerank-run needs --reranker: name the cross encoder that re-ranks "
                    + rerankRun);
        }
        RetrievalDataset data = DatasetRegistry.standard().load(dataset);
        writer.printf("dataset %s: %,d passages, %,d queries%n", data.name(), data.corpus().size(),
                data.queries().size());
        writer.flush();

        ModelLoader loader = modelOptions.loader();
        List<String> runModels = models.isEmpty() ? List.of("given-run") : models;
        for (String model : runModels) {
            ExperimentSettings settings = settings(model);
            ExperimentResult result = Experiment.run(data, settings, loader);
            Path directory = outputDirectory(data.name(), model, runModels.size() > 1);
            result.writeTo(directory);
            ExperimentReport.write(result, directory, commandLine());
            writer.println();
            writer.println(result.table().printAll());
            result.stages().stream().filter(s -> s.extras().containsKey("recall_at_10_vs_exact")).forEach(s ->
                    writer.printf("%s recall@10 against exact search: %.4f%n", s.name(),
                            (double) s.extras().get("recall_at_10_vs_exact")));
            writer.printf("%s; results in %s%n", result.stages().get(0).metrics().summary(),
                    directory);
            writer.flush();
        }
        return 0;
    }

    private ExperimentSettings settings(String model) {
        HnswOptions hnsw = HnswOptions.defaults().withM(hnswM).withEfConstruction(efConstruction)
                .withEf(Math.max(ef, topK));
        ExperimentSettings settings = ExperimentSettings.defaults(model)
                .withOverrides(modelOptions.overrides())
                .withIndexes(IndexKind.parseList(index))
                .withTopK(topK)
                .withHnsw(hnsw)
                .withQuerySet(QuerySet.parse(querySet))
                .withMeasures(measures);
        if (reranker != null) {
            settings = settings.withReranker(reranker, rerankDepth);
        }
        if (rerankRun != null) {
            settings = settings.withRerankRun(rerankRun);
        }
        return settings;
    }

    private Path outputDirectory(String datasetName, String model, boolean several) {
        String safeModel = model.replaceAll("[^A-Za-z0-9._+-]", "_");
        if (out == null) {
            return Path.of("runs", datasetName.replaceAll("[^A-Za-z0-9._+-]", "_"), safeModel);
        }
        return several ? out.resolve(safeModel) : out;
    }

    private String commandLine() {
        return CommandLines.quote("rqa", spec.commandLine().getParseResult().originalArgs());
    }
}
