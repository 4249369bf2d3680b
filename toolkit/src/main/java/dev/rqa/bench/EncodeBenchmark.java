package dev.rqa.bench;

import ai.djl.engine.Engine;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TokenizedText;
import dev.rqa.model.PyTorchEngine;
import dev.rqa.model.TransformerConfig;
import dev.rqa.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the toolkit's encoder against ONNX Runtime on the same tokenised passages, in the same
 * batches, with the same number of threads, and checks that both give the same vectors.
 *
 * <p>Timed passes alternate between the engines (toolkit first in even passes, ONNX Runtime first
 * in odd ones), so a slow spell of a shared machine hits both; each engine's fastest pass gives its
 * figures. Tokenisation is done once, before any timing.
 */
public final class EncodeBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(EncodeBenchmark.class);

    /** Passages of the untimed warm-up passes. */
    static final int WARMUP_PASSAGES = 64;

    /**
     * @param warmup untimed passes of each engine over the first {@link #WARMUP_PASSAGES} passages
     * @param repeat timed passes of each engine over all passages
     */
    public record Settings(int warmup, int repeat) {

        public Settings {
            if (warmup < 0 || repeat < 1) {
                throw new IllegalArgumentException("warm-up must be >= 0 and repeat >= 1, got " + warmup + " and "
                        + repeat);
            }
        }
    }

    /**
     * The timed passes of one engine.
     *
     * @param engine    engine name and version
     * @param threading how the engine used its threads
     * @param seconds   wall-clock seconds of each timed pass
     */
    public record EngineRun(String engine, String threading, double[] seconds) {

        public EngineRun {
            seconds = seconds.clone();
        }

        public double bestSeconds() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }
    }

    /**
     * A complete comparison.
     *
     * @param passages     passages encoded per pass
     * @param tokens       real tokens, special tokens included
     * @param paddedTokens tokens after padding each batch to its longest passage
     * @param batches      batches per pass
     * @param truncated    passages cut to the maximum length
     * @param flops        model FLOPs of one pass ({@link TransformerConfig#flopsPerSequence} over real tokens)
     * @param maxAbsDiff   largest absolute difference between the engines' pooled vectors
     * @param matmul       the machine's matrix product throughput, or null when not probed
     */
    public record Report(int passages, long tokens, long paddedTokens, int batches, long truncated, double flops,
                         EngineRun toolkit, EngineRun onnxRuntime, double maxAbsDiff, MatmulProbe.Result matmul) {

        public double passagesPerSecond(EngineRun run) {
            return passages / run.bestSeconds();
        }

        public double tokensPerSecond(EngineRun run) {
            return tokens / run.bestSeconds();
        }

        public double gflops(EngineRun run) {
            return flops / run.bestSeconds() / 1e9;
        }

        /** Returns toolkit throughput divided by ONNX Runtime throughput. */
        public double speedRatio() {
            return onnxRuntime.bestSeconds() / toolkit.bestSeconds();
        }

        /** Returns the toolkit's model GFLOP/s as a fraction of the peak matrix product throughput. */
        public double matmulFraction() {
            return matmul == null ? Double.NaN : gflops(toolkit) / matmul.peakGflops();
        }
    }

    private EncodeBenchmark() {
    }

    /**
     * Runs the comparison.
     *
     * @param toolkit   the toolkit's encoder, [CLS]-pooled and L2-normalised as the reference is
     * @param reference ONNX Runtime on the same model, with the same planner and thread count
     * @param texts     passages tokenised by {@code toolkit.tokenize}
     * @param config    architecture, for FLOPs
     * @param planner   the planner both engines use, for the padding count
     * @param matmul    probe result to compare with, or null
     */
    public static Report run(SentenceEncoder toolkit, OnnxRuntimeEncoder reference, TokenizedText[] texts,
                             TransformerConfig config, BatchPlanner planner, Settings settings,
                             MatmulProbe.Result matmul) {
        int[] lengths = new int[texts.length];
        long tokens = 0;
        long truncated = 0;
        double flops = 0;
        for (int i = 0; i < texts.length; i++) {
            lengths[i] = texts[i].length();
            tokens += lengths[i];
            truncated += texts[i].truncated() ? 1 : 0;
            flops += config.flopsPerSequence(lengths[i]);
        }
        List<int[]> batches = planner.plan(lengths);

        TokenizedText[] warmupTexts = Arrays.copyOf(texts, Math.min(texts.length, WARMUP_PASSAGES));
        double[] toolkitSeconds = new double[settings.repeat()];
        double[] referenceSeconds = new double[settings.repeat()];
        Embeddings toolkitVectors = null;
        Embeddings referenceVectors = null;
        try (Progress progress = Progress.start("bench encode", 2L * (settings.warmup() + settings.repeat()),
                "passes")) {
            for (int pass = 0; pass < settings.warmup(); pass++) {
                toolkit.encodeTokenized(warmupTexts, null);
                progress.step(1);
                reference.encodeCls(warmupTexts, toolkit.normalize());
                progress.step(1);
            }
            for (int pass = 0; pass < settings.repeat(); pass++) {
                boolean toolkitFirst = pass % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    long start = System.nanoTime();
                    if (toolkitFirst == (turn == 0)) {
                        toolkitVectors = toolkit.encodeTokenized(texts, null).embeddings();
                        toolkitSeconds[pass] = (System.nanoTime() - start) / 1e9;
                        LOG.info("toolkit pass {}: {} s", pass + 1, String.format(Locale.ROOT, "%.2f",
                                toolkitSeconds[pass]));
                    } else {
                        referenceVectors = reference.encodeCls(texts, toolkit.normalize());
                        referenceSeconds[pass] = (System.nanoTime() - start) / 1e9;
                        LOG.info("ONNX Runtime pass {}: {} s", pass + 1, String.format(Locale.ROOT, "%.2f",
                                referenceSeconds[pass]));
                    }
                    progress.step(1);
                }
            }
        }

        int workers = toolkit.workerCount();
        EngineRun toolkitRun = new EngineRun("toolkit (DJL " + Engine.getDjlVersion() + ", PyTorch "
                + PyTorchEngine.get().getVersion() + ")",
                workers == 1 ? "1 worker, engine threads" : workers + " workers x 1 thread", toolkitSeconds);
        EngineRun referenceRun = new EngineRun("ONNX Runtime " + reference.version(),
                reference.threads() + " intra-op thread" + (reference.threads() == 1 ? "" : "s"), referenceSeconds);
        return new Report(texts.length, tokens, BatchPlanner.paddedTokens(batches, lengths), batches.size(), truncated,
                flops, toolkitRun, referenceRun, maxAbsDiff(toolkitVectors, referenceVectors), matmul);
    }

    private static double maxAbsDiff(Embeddings left, Embeddings right) {
        if (left.rows() != right.rows() || left.dim() != right.dim()) {
            throw new IllegalStateException("the engines returned " + left.rows() + " x " + left.dim() + " and "
                    + right.rows() + " x " + right.dim() + " vectors");
        }
        double max = 0;
        float[] a = left.data();
        float[] b = right.data();
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Returns the report as the table {@code rqa bench encode} prints. */
    public static String format(Report report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "passages %d, tokens %d (padded %d, %.1f %% padding), batches %d,"
                        + " truncated %d; model FLOPs per pass %.3f TFLOP%n",
                report.passages(), report.tokens(), report.paddedTokens(),
                100.0 * (report.paddedTokens() - report.tokens()) / report.tokens(), report.batches(),
                report.truncated(), report.flops() / 1e12));
        text.append(String.format(Locale.ROOT, "%-36s %-24s %9s %11s %11s %9s%n", "engine", "threads", "seconds",
                "passages/s", "tokens/s", "GFLOP/s"));
        for (EngineRun run : List.of(report.toolkit(), report.onnxRuntime())) {
            text.append(String.format(Locale.ROOT, "%-36s %-24s %9.2f %11.2f %11.0f %9.1f%n", run.engine(),
                    run.threading(), run.bestSeconds(), report.passagesPerSecond(run), report.tokensPerSecond(run),
                    report.gflops(run)));
        }
        text.append(String.format(Locale.ROOT, "toolkit / ONNX Runtime throughput: %.2f%n", report.speedRatio()));
        if (report.matmul() != null) {
            text.append(String.format(Locale.ROOT, "toolkit GFLOP/s / peak float32 matrix product throughput"
                    + " (%.1f GFLOP/s): %.1f %%%n", report.matmul().peakGflops(), 100 * report.matmulFraction()));
        }
        text.append(String.format(Locale.ROOT, "max |toolkit - ONNX Runtime| over pooled vectors: %.2e%n",
                report.maxAbsDiff()));
        text.append("seconds per timed pass: toolkit ").append(join(report.toolkit().seconds()))
                .append(", ONNX Runtime ").append(join(report.onnxRuntime().seconds())).append('\n');
        text.append("figures use each engine's fastest pass; GFLOP/s counts the model's FLOPs over real tokens for"
                + " both engines (the toolkit skips padding, and with [CLS] pooling computes the last layer"
                + " at [CLS] only)\n");
        return text.toString();
    }

    private static String join(double[] seconds) {
        StringBuilder text = new StringBuilder();
        for (double value : seconds) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format(Locale.ROOT, "%.2f", value));
        }
        return text.toString();
    }
}
