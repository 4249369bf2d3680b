package dev.rqa.cli;

import dev.rqa.bench.SizeSweep;
import dev.rqa.bench.SweepResult;
import dev.rqa.bench.SweepSettings;
import dev.rqa.model.registry.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rqa sweep}: index build time, query latency and memory of the RocketQA-zh sizes on CPU and GPU. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Measures index build time, query latency and memory of RocketQA-zh sizes and other dual encoders.",
            "It times them as PaddleNLP's CPU timing table does: encoding and indexing N passages, and per-query",
            "latency of encode + exact recall of the top K + cross-encoder re-ranking of those K, with p50/p95/p99,",
            "the split by stage and peak memory. Models without",
            "local weights run with seeded random weights of their exact architecture and are labelled 'speed only'",
            "(no quality figures); models with real weights are also evaluated on the dataset. A requested device",
            "that is not present gets rows marked 'absent'. Writes sweep.csv, latency-samples.csv, sweep.md, PNG",
            "plots, report.md and report.html to --out."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE[,SIZE...]",
            defaultValue = "base,medium,mini,micro,nano",
            description = "RocketQA-zh sizes: base, medium, mini, micro, nano (default: ${DEFAULT-VALUE}). Each is"
                    + " rocketqa-zh-SIZE with rocketqa-SIZE-cross-encoder. Give \"\" for none.")
    private List<String> sizes = new ArrayList<>();

    @Option(names = "--models", split = ",", paramLabel = "MODEL[,MODEL...]",
            description = "Further registered dual encoders, for example bge-small-zh-v1.5,bge-small-zh; a speed-only"
                    + " cross encoder of the same architecture re-ranks for them.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--devices", split = ",", paramLabel = "cpu|gpu|cpu,gpu", defaultValue = "cpu",
            description = "Devices to measure on, in order (default: ${DEFAULT-VALUE}). A device that is not present"
                    + " is reported as absent; the other devices still run.")
    private List<String> devices = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = SweepSettings.DEFAULT_DATASET,
            description = "Dataset that passages and queries come from (default: ${DEFAULT-VALUE}); any spec that"
                    + " rqa evaluate accepts.")
    private String dataset;

    @Option(names = "--passages", paramLabel = "N", defaultValue = "" + SweepSettings.DEFAULT_PASSAGES,
            description = "Passages encoded into the index, cycling through the corpus when it has fewer (default:"
                    + " ${DEFAULT-VALUE}, as in PaddleNLP's timing).")
    private int passages;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "" + SweepSettings.DEFAULT_QUERIES,
            description = "Timed queries per model and device (default: ${DEFAULT-VALUE}).")
    private int queries;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + SweepSettings.DEFAULT_WARMUP,
            description = "Untimed warm-up queries per model and device (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--recall", paramLabel = "K", defaultValue = "" + SweepSettings.DEFAULT_RECALL,
            description = "Passages recalled per query and re-ranked by the cross encoder (default:"
                    + " ${DEFAULT-VALUE}, as in PaddleNLP's timing).")
    private int recall;

    @Option(names = "--max-length", paramLabel = "TOKENS", defaultValue = "" + SweepSettings.DEFAULT_MAX_LENGTH,
            description = "Maximum tokens of a passage and of a query-passage pair, special tokens included"
                    + " (default: ${DEFAULT-VALUE}, RocketQA's).")
    private int maxLength;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SweepSettings.DEFAULT_SEED,
            description = "Seed of the random weights of speed-only models (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--no-quality", description = "Skip the quality evaluation of models with real weights.")
    private boolean noQuality;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ModelLoader.DEFAULT_BATCH_SIZE,
            description = "Maximum sequences per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + ModelLoader.DEFAULT_MAX_TOKENS,
            description = "Maximum padded tokens per forward pass (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep",
            description = "Directory for the results (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        SizeSweep sweep = SizeSweep.of(sizes)
                .models(models)
                .devices(devices)
                .dataset(dataset)
                .passages(passages)
                .queries(queries)
                .warmup(warmup)
                .recall(recall)
                .maxLength(maxLength)
                .seed(seed)
                .quality(!noQuality)
                .batching(batchSize, maxTokens)
                .command(CommandLines.quote("rqa", spec.commandLine().getParseResult().originalArgs()))
                .listener(line -> {
                    writer.println(line);
                    writer.flush();
                });
        SweepResult result = sweep.run();
        SweepResult.Output output = result.writeTo(out);

        writer.println();
        writer.println(result.table().toText());
        writer.println();
        writer.println(result.detailTable().toText());
        if (result.qualityTable().rowCount() > 0) {
            writer.println();
            writer.println(result.qualityTable().toText());
        }

        writer.printf("%nresults in %s (%s, %s, %s, report.md, report.html and %d plots)%n", out,
                output.csv().getFileName(), output.samples().getFileName(), output.markdown().getFileName(),
                output.report().images().size());
        writer.flush();
        return 0;
    }
}
