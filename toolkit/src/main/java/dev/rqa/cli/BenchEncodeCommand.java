package dev.rqa.cli;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.bench.BenchModel;
import dev.rqa.bench.EncodeBenchmark;
import dev.rqa.bench.LoadAverage;
import dev.rqa.bench.MatmulProbe;
import dev.rqa.bench.OnnxRuntimeEncoder;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.Passage;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.EncoderInput;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TextPreparation;
import dev.rqa.encode.TextTokenizer;
import dev.rqa.encode.TokenizedText;
import dev.rqa.model.Pooling;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.TransformerEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code rqa bench encode}: encodes the same passages with the toolkit's encoder and with ONNX
 * Runtime, and prints the throughput of both, their ratio, the machine's float32 matrix product
 * throughput and the largest difference between the two engines' vectors.
 */
@Command(name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the toolkit's encoder with ONNX Runtime on real passages.",
            "Both engines get the same tokenised passages in the same length-sorted batches and the same "
                    + "number of threads. Timed passes alternate between the engines; each engine's fastest "
                    + "pass gives its figures. The float32 matrix product throughput of the same engine is "
                    + "measured in the same run as the ceiling.",
        })
public final class BenchEncodeCommand implements Callable<Integer> {

    /** Rows of the model-shaped matrix products of the probe: a batch of 8 sequences of 512 tokens. */
    static final int PROBE_ROWS = 4096;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "bge-small-zh-v1.5",
            description = "Registry name of an ONNX model on the class path: bge-small-zh-v1.5 or bge-small-zh "
                    + "(default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--dataset", defaultValue = "cmrc2018",
            description = "Dataset whose passages are encoded (default: ${DEFAULT-VALUE}).")
    private String dataset;

    @Option(names = "--passages", description = "Encode the first N passages (default: all).")
    private Integer passages;

    @Option(names = "--max-length", description = "Maximum tokens per passage, [CLS] and [SEP] included "
            + "(default: the model's passage length, 512 for bge).")
    private Integer maxLength;

    @Option(names = "--batch-size", defaultValue = "32",
            description = "Maximum passages per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-tokens", description = "Maximum padded tokens per batch (default: batch size x max "
            + "length).")
    private Integer maxTokens;

    @Option(names = "--threads", description = "Threads of each engine: ONNX Runtime intra-op threads, toolkit "
            + "workers of one thread each (default: available processors).")
    private Integer threads;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed passes of each engine over the first "
            + "64 passages (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Timed passes of each engine over all passages (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--matmul-repeat", defaultValue = "5",
            description = "Timed runs of each matrix product of the probe (default: ${DEFAULT-VALUE}).")
    private int matmulRepeat;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        validate(threadCount);
        BenchMatmulCommand.useEngineThreads(threadCount);

        try (BenchModel bench = BenchModel.load(model)) {
            EncodingSettings settings = bench.settings();
            int length = maxLength == null ? settings.passageMaxLength() : maxLength;
            int budget = maxTokens == null ? batchSize * length : maxTokens;
            List<Passage> corpus = DatasetRegistry.standard().load(dataset).corpus();
            int count = passages == null ? corpus.size() : Math.min(passages, corpus.size());
            if (passages != null && passages > corpus.size()) {
                out.printf(Locale.ROOT, "%s has %d passages; encoding all of them%n", dataset, corpus.size());
            }
            List<EncoderInput> inputs = corpus.subList(0, count).stream()
                    .map(passage -> TextPreparation.passage(passage, settings)).toList();

            TransformerConfig config = bench.checkpoint().config();
            BatchPlanner planner = new BatchPlanner(batchSize, budget);
            out.printf(Locale.ROOT, "model %s: %s%n", model, bench.checkpoint().source());
            out.printf(Locale.ROOT, "dataset %s, %d passages, max length %d, batch size %d, max tokens %d, %d threads"
                    + " per engine%n", dataset, count, length, batchSize, budget, threadCount);
            out.printf(Locale.ROOT, "load average at start: %s%n", LoadAverage.describe());
            out.flush();

            try (TextTokenizer tokenizer = TextTokenizer.load(bench.checkpoint().tokenizerJson(), settings.lowercase(),
                    length);
                 TransformerEncoder backbone = TransformerEncoder.create(config, bench.checkpoint().weights(),
                         Device.cpu());
                 OnnxRuntimeEncoder reference = new OnnxRuntimeEncoder(bench.onnxFile(), threadCount, planner)) {
                SentenceEncoder encoder = new SentenceEncoder(tokenizer, backbone, Pooling.parse(settings.pooling()),
                        settings.normalize(), planner, threadCount);
                TokenizedText[] texts = encoder.tokenize(inputs);

                MatmulProbe.Result probe = MatmulProbe.run(MatmulProbe.products(config, PROBE_ROWS), threadCount,
                        matmulRepeat);
                out.print(MatmulProbe.format(probe));
                out.flush();

                EncodeBenchmark.Report report = EncodeBenchmark.run(encoder, reference, texts, config, planner,
                        new EncodeBenchmark.Settings(warmup, repeat), probe);
                out.print(EncodeBenchmark.format(report));
                out.printf(Locale.ROOT, "load average at end: %s%n", LoadAverage.describe());
            }
        }
        out.flush();
        return 0;
    }

    private void validate(int threadCount) {
        if (passages != null && passages < 1) {
            throw new InvalidInputException("--passages must be at least 1, got " + passages);
        }
        if (maxLength != null && maxLength < 3) {
            throw new InvalidInputException("--max-length must be at least 3 ([CLS], [SEP] and one token), got "
                    + maxLength);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("--batch-size must be at least 1, got " + batchSize);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new InvalidInputException("--max-tokens must be at least 1, got " + maxTokens);
        }
        if (threadCount < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threadCount);
        }
        if (warmup < 0) {
            throw new InvalidInputException("--warmup must be at least 0, got " + warmup);
        }
        if (repeat < 1) {
            throw new InvalidInputException("--repeat must be at least 1, got " + repeat);
        }
        if (matmulRepeat < 1) {
            throw new InvalidInputException("--matmul-repeat must be at least 1, got " + matmulRepeat);
        }
    }
}
