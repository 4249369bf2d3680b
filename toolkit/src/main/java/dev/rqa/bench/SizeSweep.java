package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.eval.Experiment;
import dev.rqa.eval.ExperimentResult;
import dev.rqa.eval.ExperimentSettings;
import dev.rqa.index.ExactIndex;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelRegistry;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.LatencySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Measures RocketQA-zh sizes (and other registered dual encoders) on the CPU and the GPU: index
 * build time, per-query latency of recall plus re-ranking, peak memory, and quality where real
 * weights are available locally.
 *
 * <pre>{@code
 * SweepResult result = SizeSweep.of("base", "medium", "mini", "micro", "nano")
 *         .devices("cpu", "gpu").passages(1398).recall(30).run();
 * result.writeTo(Path.of("runs/sweep"));
 * }</pre>
 *
 * <p>Models whose checkpoints are not available locally run with seeded random weights of their
 * exact architecture ({@link SweepPipeline}) and are labelled "speed only". A requested device
 * that is not present gets rows with status "absent" and is never replaced by another device.
 * Configurations run one after another on the devices in the requested order.
 */
public final class SizeSweep {

    private static final Logger LOG = LoggerFactory.getLogger(SizeSweep.class);
    /** Measures in the order of the quality columns: MRR@10, Recall@1 and Recall@50 as hit rates, nDCG@10. */
    private static final List<String> QUALITY_MEASURES = List.of("recip_rank_cut.10", "hit_rate.1,50", "ndcg_cut.10");
    private static final int QUALITY_TOP_K = 100;

    private final List<String> sizes;
    private List<String> models = List.of();
    private List<String> devices = List.of("cpu");
    private String datasetSpec = SweepSettings.DEFAULT_DATASET;
    private RetrievalDataset dataset;
    private int passages = SweepSettings.DEFAULT_PASSAGES;
    private int queries = SweepSettings.DEFAULT_QUERIES;
    private int warmup = SweepSettings.DEFAULT_WARMUP;
    private int recall = SweepSettings.DEFAULT_RECALL;
    private int maxLength = SweepSettings.DEFAULT_MAX_LENGTH;
    private long seed = SweepSettings.DEFAULT_SEED;
    private boolean quality = true;
    private int batchSize = ModelLoader.DEFAULT_BATCH_SIZE;
    private int maxTokens = ModelLoader.DEFAULT_MAX_TOKENS;
    private DeviceProbe probe = DeviceProbe.system();
    private Function<Device, ModelLoader> loaders = ModelLoader::create;
    private Consumer<String> listener = LOG::info;
    private String command;

    private SizeSweep(List<String> sizes) {
        this.sizes = List.copyOf(sizes);
    }

    /** Starts a sweep over RocketQA-zh sizes: base, medium, mini, micro and/or nano. */
    public static SizeSweep of(String... sizes) {
        return new SizeSweep(Arrays.asList(sizes));
    }

    public static SizeSweep of(List<String> sizes) {
        return new SizeSweep(sizes);
    }

    /** Adds registered dual encoders, such as bge-small-zh-v1.5, measured after the sizes. */
    public SizeSweep models(String... names) {
        return models(Arrays.asList(names));
    }

    public SizeSweep models(List<String> names) {
        this.models = List.copyOf(names);
        return this;
    }

    /** Sets the devices, {@code cpu} and/or {@code gpu} (default: cpu). */
    public SizeSweep devices(String... names) {
        return devices(Arrays.asList(names));
    }

    public SizeSweep devices(List<String> names) {
        this.devices = List.copyOf(names);
        return this;
    }

    /** Takes passages and queries from a dataset spec such as {@code cmrc2018} (the default). */
    public SizeSweep dataset(String spec) {
        this.datasetSpec = spec;
        this.dataset = null;
        return this;
    }

    /** Takes passages and queries from a dataset already loaded. */
    public SizeSweep dataset(RetrievalDataset loaded) {
        this.dataset = loaded;
        this.datasetSpec = loaded.name();
        return this;
    }

    /** Sets the number of passages in the index (default 1,398, as in PaddleNLP's timing). */
    public SizeSweep passages(int count) {
        this.passages = count;
        return this;
    }

    /** Sets the number of timed queries per configuration (default 100). */
    public SizeSweep queries(int count) {
        this.queries = count;
        return this;
    }

    /** Sets the number of untimed warm-up queries per configuration (default 5). */
    public SizeSweep warmup(int count) {
        this.warmup = count;
        return this;
    }

    /** Sets the passages recalled and re-ranked per query (default 30, as in PaddleNLP's timing). */
    public SizeSweep recall(int count) {
        this.recall = count;
        return this;
    }

    /** Sets the maximum tokens of a passage and of a query-passage pair (default 384, RocketQA's). */
    public SizeSweep maxLength(int tokens) {
        this.maxLength = tokens;
        return this;
    }

    /** Sets the seed of the random weights of speed-only models (default 42). */
    public SizeSweep seed(long value) {
        this.seed = value;
        return this;
    }

    /** Turns the quality evaluation of models with real weights on or off (default on). */
    public SizeSweep quality(boolean enabled) {
        this.quality = enabled;
        return this;
    }

    /** Sets the maximum sequences and padded tokens per forward pass. */
    public SizeSweep batching(int sequences, int paddedTokens) {
        this.batchSize = sequences;
        this.maxTokens = paddedTokens;
        return this;
    }

    /** Replaces the probe that reports which devices are present; tests use it to describe other machines. */
    public SizeSweep deviceProbe(DeviceProbe value) {
        this.probe = value;
        return this;
    }

    /**
     * Sets how a model loader is created for a device, which decides the registry and where model
     * files are found; by default {@link ModelLoader#create}. The sweep turns the embedding cache off
     * and sets the batching on each loader.
     */
    public SizeSweep loaders(Function<Device, ModelLoader> factory) {
        this.loaders = factory;
        return this;
    }

    /**
     * Sends one line per step (loading, index build, queries, absent devices) to a listener. Without
     * one, the lines are logged.
     */
    public SizeSweep listener(Consumer<String> value) {
        this.listener = value;
        return this;
    }

    /** Records the command line that produced the sweep; by default one is rebuilt from the settings. */
    public SizeSweep command(String commandLine) {
        this.command = commandLine;
        return this;
    }

    /** Returns the settings as they stand, validated. */
    public SweepSettings settings() {
        return new SweepSettings(sizes, models, devices, datasetSpec, passages, queries, warmup, recall, maxLength,
                seed, quality, batchSize, maxTokens);
    }

    /** Runs every configuration and returns the measurements. */
    public SweepResult run() {
        SweepSettings settings = settings();
        ModelRegistry registry = loaders.apply(Device.cpu()).registry();
        List<SweepModel> sweepModels = new ArrayList<>();
        settings.sizes().forEach(size -> sweepModels.add(SweepModel.rocketqaSize(size, registry)));
        settings.models().forEach(name -> sweepModels.add(SweepModel.registered(name, registry)));
        requireLengthFits(sweepModels, settings.maxLength());
        List<SweepDevice> sweepDevices = SweepDevice.resolve(settings.devices(), probe);

        RetrievalDataset data = dataset != null ? dataset : DatasetRegistry.standard().load(settings.dataset());
        if (data.queries().isEmpty()) {
            throw new InvalidInputException("dataset " + data.name() + " has no queries to time");
        }
        List<Passage> indexed = IndexBuildBenchmark.cycle(data.corpus(), settings.passages());
        Map<String, Passage> passagesById = new LinkedHashMap<>();
        indexed.forEach(passage -> passagesById.put(passage.id(), passage));
        List<Query> warmupQueries = cycleQueries(data.queries(), 0, settings.warmup());
        List<Query> timedQueries = cycleQueries(data.queries(), settings.warmup(), settings.queries());
        listener.accept(String.format(Locale.ROOT, "dataset %s: %,d passages indexed (corpus %,d), %,d timed queries"
                        + " after %,d warm-up", data.name(), indexed.size(), data.corpus().size(), timedQueries.size(),
                warmupQueries.size()));

        EnvironmentInfo environment = EnvironmentInfo.capture();
        List<SweepRow> rows = new ArrayList<>();
        int total = sweepModels.size() * sweepDevices.size();
        int done = 0;
        for (SweepDevice device : sweepDevices) {
            if (!device.isPresent()) {
                listener.accept(device.name() + " absent: " + device.absenceReason() + "; its " + sweepModels.size()
                        + " configuration(s) are reported as absent and the other devices still run");
                for (SweepModel model : sweepModels) {
                    rows.add(SweepRow.notMeasured(model, device.name(), SweepRow.Status.ABSENT,
                            device.absenceReason()));
                }
                done += sweepModels.size();
                continue;
            }
            ModelLoader loader = loaders.apply(device.device()).withEmbeddingCache(null)
                    .withBatching(settings.batchSize(), settings.maxTokens());
            for (SweepModel model : sweepModels) {
                done++;
                listener.accept(String.format(Locale.ROOT, "[%d/%d] %s (%s) on %s", done, total, model.name(),
                        model.sizeLabel(), device.name()));
                rows.add(measure(model, device, loader, settings, indexed, passagesById, warmupQueries,
                        timedQueries));
            }
        }

        if (settings.quality()) {
            rows = addQuality(rows, sweepDevices, settings, data);
        }
        String commandLine = command != null ? command : settings.commandLine();
        return new SweepResult(settings, rows, environment, commandLine, data.provenance());
    }

    private SweepRow measure(SweepModel model, SweepDevice device, ModelLoader loader, SweepSettings settings,
                             List<Passage> indexed, Map<String, Passage> passagesById, List<Query> warmupQueries,
                             List<Query> timedQueries) {
        double loadBefore = LoadAverage.oneMinute();
        try (MemoryMonitor memory = MemoryMonitor.start()) {
            long start = System.nanoTime();
            try (SweepPipeline pipeline = SweepPipeline.load(model, loader, settings.maxLength(), settings.seed())) {
                double loadSeconds = (System.nanoTime() - start) / 1e9;
                listener.accept(String.format(Locale.ROOT, "  weights: %s; cross encoder %s; %s; loaded in %.1f s",
                        weightsDescription(pipeline, settings.seed()), pipeline.crossEncoder().name(),
                        pipeline.tokenizerNote(), loadSeconds));

                IndexBuildBenchmark.Outcome outcome = IndexBuildBenchmark.measure(pipeline.dualEncoder(), indexed,
                        device.device());
                try (ExactIndex index = outcome.index()) {
                    reportIndex(outcome.build(), settings);

                    QueryLatencies latency = LatencyBenchmark.measure(pipeline.dualEncoder(), index,
                            pipeline.crossEncoder(), passagesById, warmupQueries, timedQueries, settings.recall(),
                            "queries " + model.name() + " on " + device.name());
                    reportLatency(latency);

                    long gpuMemory = device.device().isGpu() ? gpuMemoryUsed(device) : -1;
                    MemoryMonitor.Peak peak = memory.peak();
                    double loadAfter = LoadAverage.oneMinute();
                    reportMemory(peak, loadBefore, loadAfter);
                    return new SweepRow(model, device.name(), SweepRow.Status.MEASURED, "", pipeline.dualWeights(),
                            pipeline.crossWeights(), pipeline.crossEncoder().name(), pipeline.tokenizerNote(),
                            loadSeconds, outcome.build(), latency, peak, gpuMemory, loadBefore, loadAfter, null);
                }
            }
        } catch (RuntimeException e) {
            if (!device.device().isGpu()) {
                throw e;
            }
            // A GPU can fail where the CPU does not, for example out of memory or in a libtorch without CUDA
            // kernels. The configuration is recorded as failed and the sweep goes on.
            String message = e.getClass().getSimpleName() + ": " + firstSentence(String.valueOf(e.getMessage()));
            LOG.warn("{} on {} failed: {}", model.name(), device.name(), message);
            LOG.debug("{} on {} failed", model.name(), device.name(), e);
            listener.accept("  failed: " + message);
            return SweepRow.notMeasured(model, device.name(), SweepRow.Status.FAILED, message);
        }
    }

    private void reportIndex(IndexBuild build, SweepSettings settings) {
        listener.accept(String.format(Locale.ROOT, "  index build: %,d passages in %s, %.1f passages/s (%.1f tokens"
                        + " per passage, %,d truncated at %d)", build.passages(),
                Durations.minutesSeconds(build.seconds()), build.passagesPerSecond(),
                (double) build.stats().tokens() / build.stats().texts(), build.stats().truncated(),
                settings.maxLength()));
    }

    private void reportLatency(QueryLatencies latency) {
        LatencySummary total = latency.total();
        listener.accept(String.format(Locale.ROOT, "  query latency over %d queries: p50 %s, p95 %s, p99 %s (encode"
                        + " %s, recall %s, re-rank %s at p50)", latency.queries(), Durations.latency(total.p50()),
                Durations.latency(total.p95()), Durations.latency(total.p99()),
                Durations.latency(latency.encode().p50()), Durations.latency(latency.recallStage().p50()),
                Durations.latency(latency.rerank().p50())));
    }

    private void reportMemory(MemoryMonitor.Peak peak, double loadBefore, double loadAfter) {
        double mebibyte = 1 << 20;
        listener.accept(String.format(Locale.ROOT, "  peak RSS %,.0f MiB (%,.0f MiB at start), peak heap %,.0f MiB;"
                        + " load average %.2f before, %.2f after", peak.peakRssBytes() / mebibyte,
                peak.baselineRssBytes() / mebibyte, peak.peakHeapBytes() / mebibyte, loadBefore, loadAfter));
    }

    /** Returns the first line of an engine message up to its first full stop, cutting libtorch's backend lists. */
    private static String firstSentence(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end + 1) : line;
    }

    private long gpuMemoryUsed(SweepDevice device) {
        try {
            OptionalLong used = probe.gpuMemoryUsed(device.device().getDeviceId());
            return used.orElse(-1);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot read the GPU memory in use: {}", e.toString());
            return -1;
        }
    }

    private static String weightsDescription(SweepPipeline pipeline, long seed) {
        if (pipeline.dualWeights() == WeightSource.REAL && pipeline.crossWeights() == WeightSource.REAL) {
            return "real";
        }
        return "dual encoder " + pipeline.dualWeights().label() + ", cross encoder "
                + pipeline.crossWeights().label() + " (random weights from seed " + seed + ")";
    }

    /**
     * Evaluates each model whose dual encoder has real weights once, on the first device it was
     * measured on, and attaches the figures to all its measured rows.
     */
    private List<SweepRow> addQuality(List<SweepRow> rows, List<SweepDevice> devices, SweepSettings settings,
                                      RetrievalDataset data) {
        Map<String, SweepQuality> byModel = new LinkedHashMap<>();
        for (SweepRow row : rows) {
            String name = row.model().name();
            if (!row.isMeasured() || row.dualWeights() != WeightSource.REAL || byModel.containsKey(name)) {
                continue;
            }
            SweepDevice device = devices.stream().filter(d -> d.name().equals(row.device())).findFirst().orElseThrow();
            listener.accept("quality of " + name + " on " + data.name() + " (" + device.name() + ")");
            byModel.put(name, evaluate(row, device, settings, data));
        }
        List<SweepRow> result = new ArrayList<>();
        for (SweepRow row : rows) {
            SweepQuality value = row.isMeasured() ? byModel.get(row.model().name()) : null;
            result.add(value == null ? row : row.withQuality(value));
        }
        return result;
    }

    private SweepQuality evaluate(SweepRow row, SweepDevice device, SweepSettings settings, RetrievalDataset data) {
        SweepModel model = row.model();
        boolean rerank = row.crossWeights() == WeightSource.REAL;
        ExperimentSettings experiment = ExperimentSettings.defaults(model.dualEncoder().name())
                .withOverrides(EncodingOverrides.NONE.withMaxLengths(null, settings.maxLength()))
                .withTopK(Math.max(QUALITY_TOP_K, settings.recall()))
                .withMeasures(QUALITY_MEASURES);
        if (rerank) {
            // NOTE: Experiment builds the cross encoder with its registry length (384 for RocketQA), not --max-length.
            experiment = experiment.withReranker(model.crossEncoder().name(), settings.recall());
        }
        ModelLoader loader = loaders.apply(device.device()).withBatching(settings.batchSize(), settings.maxTokens());
        ExperimentResult result = Experiment.run(data, experiment, loader);
        String reranked = "exact+" + (rerank ? model.crossEncoder().name() : "");
        double nan = Double.NaN;
        SweepQuality quality = new SweepQuality(result.stage("exact").metrics().numQueries(),
                result.metric("exact", "recip_rank_cut.10"), result.metric("exact", "hit_rate.1"),
                result.metric("exact", "hit_rate.50"), result.metric("exact", "ndcg_cut.10"),
                rerank ? result.metric(reranked, "recip_rank_cut.10") : nan,
                rerank ? result.metric(reranked, "hit_rate.1") : nan,
                rerank ? result.metric(reranked, "ndcg_cut.10") : nan, device.name());
        listener.accept(String.format(Locale.ROOT, "  %s: MRR@10 %.4f, Recall@1 %.4f, Recall@50 %.4f, nDCG@10 %.4f"
                        + " over %d queries", model.name(), quality.mrrAt10(), quality.recallAt1(),
                quality.recallAt50(), quality.ndcgAt10(), quality.queries()));
        return quality;
    }

    private static void requireLengthFits(List<SweepModel> models, int maxLength) {
        for (SweepModel model : models) {
            int positions = model.architecture().maxPositions();
            if (maxLength > positions) {
                throw new InvalidInputException("--max-length " + maxLength + " exceeds the " + positions
                        + " positions of " + model.name() + "; give at most " + positions);
            }
        }
    }

    /** Returns {@code count} queries starting at {@code offset}, wrapping around the query list. */
    private static List<Query> cycleQueries(List<Query> queries, int offset, int count) {
        List<Query> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(queries.get((offset + i) % queries.size()));
        }
        return result;
    }
}
