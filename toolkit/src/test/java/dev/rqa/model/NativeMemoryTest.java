package dev.rqa.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoding the same batch many times in per-batch NDManagers must keep the process's resident
 * memory flat: every native array made for a batch, masked selections included, has to be freed.
 * A tiny random-weight model keeps 10,000 batches to seconds, while one leaked activation per
 * batch would still add hundreds of MB.
 *
 * <p>Resident memory moves by tens of MB between single samples even without a leak (malloc arenas
 * of several threads, the JIT compiler), so the test compares the median of the first third of the
 * samples taken after warm-up with the median of the last third; a leak raises every sample.
 */
class NativeMemoryTest {

    private static final int BATCHES = 10_000;
    private static final int WARMUP = 2_000;
    private static final int SAMPLE_EVERY = 400;
    /** One leaked [8, 48, 32] float activation per batch would add 10,000 x 48 KB = 480 MB. */
    private static final long MAX_GROWTH_BYTES = 30L << 20;

    private static final TransformerConfig CONFIG = new TransformerConfig(1, 32, 2, 64, 100, 64, 2, 0,
            Activation.GELU, 1e-12, 0);

    private static TransformerEncoder encoder;
    private static TokenizedText[] texts;
    private static TokenBatch batch;

    @BeforeAll
    static void setUp() {
        encoder = TransformerEncoder.create(CONFIG, randomWeights(new Random(7)), Device.cpu());
        Random random = new Random(11);
        texts = new TokenizedText[8];
        for (int row = 0; row < texts.length; row++) {
            long[] ids = new long[48 - 5 * row];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1 + random.nextInt(CONFIG.vocabSize() - 1);
            }
            texts[row] = new TokenizedText(ids, new long[ids.length], false);
        }
        batch = SentenceEncoder.pad(texts, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, CONFIG.padTokenId());
    }

    @AfterAll
    static void tearDown() {
        encoder.close();
    }

    @Test
    void forwardWithMaskedSelectionKeepsResidentMemoryFlat() throws InterruptedException, ExecutionException {
        // One engine thread: a 2-thread OpenMP team on a busy 2-core machine makes each tiny batch wait.
        List<Long> samples = EngineThreads.workers(1).submit(() -> {
            List<Long> rss = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                sample(i, rss);
                try (NDManager manager = encoder.weightManager().newSubManager()) {
                    NDArray hidden = encoder.forward(manager, batch);
                    NDArray mask = manager.create(batch.attentionMask(), new Shape(batch.size(), batch.length()));
                    NDArray pooled = Pooling.MEAN.apply(hidden, mask);
                    NDArray realTokens = hidden.get(mask.toType(DataType.BOOLEAN, false));
                    NDArray first = encoder.forwardFirstToken(manager, batch);
                    pooled.toFloatArray();
                    realTokens.toFloatArray();
                    first.toFloatArray();
                }
            }
            sample(BATCHES, rss);
            return rss;
        }).get();
        assertFlat(samples, "batches");
    }

    @Test
    void sentenceEncoderWorkersKeepResidentMemoryFlat() {
        SentenceEncoder sentences = new SentenceEncoder(null, encoder, Pooling.MEAN, true, new BatchPlanner(2, 1 << 20),
                2);
        List<Long> samples = new ArrayList<>();
        int calls = BATCHES / 4;
        for (int i = 0; i < calls; i++) {
            if (i % (SAMPLE_EVERY / 4) == 0 && i >= WARMUP / 4) {
                samples.add(settledResidentBytes());
            }
            sentences.encodeTokenized(texts, null);
        }
        samples.add(settledResidentBytes());
        assertFlat(samples, "calls of 4 batches on 2 workers");
    }

    private static void sample(int iteration, List<Long> samples) {
        if (iteration >= WARMUP && iteration % SAMPLE_EVERY == 0) {
            samples.add(settledResidentBytes());
        }
    }

    private static void assertFlat(List<Long> samples, String unit) {
        int third = samples.size() / 3;
        long growth = median(samples.subList(samples.size() - third, samples.size())) - median(samples.subList(0, third));
        assertTrue(growth < MAX_GROWTH_BYTES, "resident memory grew by " + (growth >> 20) + " MB over "
                + unit + "; samples (MB): " + samples.stream().map(bytes -> bytes >> 20).toList());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Returns VmRSS after a garbage collection, so that Java garbage does not count as native growth. */
    private static long settledResidentBytes() {
        System.gc();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    private static StateDict randomWeights(Random random) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> entry : CONFIG.backboneShapes().entrySet()) {
            long count = Arrays.stream(entry.getValue()).reduce(1, (a, b) -> a * b);
            float[] data = new float[(int) count];
            boolean normWeight = entry.getKey().endsWith("LayerNorm.weight");
            for (int i = 0; i < data.length; i++) {
                data[i] = normWeight ? 1f : (float) (random.nextGaussian() * 0.1);
            }
            tensors.put(entry.getKey(), new Tensor(entry.getValue(), data));
        }
        return new StateDict(tensors, "random weights for the native memory test");
    }
}
