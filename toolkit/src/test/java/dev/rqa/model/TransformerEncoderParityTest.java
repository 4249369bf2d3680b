package dev.rqa.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.rqa.bench.BenchModel;
import dev.rqa.bench.OnnxRuntimeEncoder;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.Passage;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.EncoderInput;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TextTokenizer;
import dev.rqa.encode.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed encoder against ONNX Runtime running the same bge-small-zh-v1.5 ONNX graph, on real
 * CMRC 2018 passages: [CLS] vectors, hidden states at real tokens, zeros at padding, masks with
 * holes, and workers against a single thread.
 */
class TransformerEncoderParityTest {

    private static final int MAX_LENGTH = 512;
    private static final int PASSAGES = 16;

    private static BenchModel model;
    private static TextTokenizer tokenizer;
    private static TransformerEncoder backbone;
    /** The same weights with the GPU layout of attention, run here on the CPU. */
    private static TransformerEncoder paddedBackbone;
    private static OnnxRuntimeEncoder reference;
    private static BatchPlanner planner;
    private static TokenizedText[] texts;

    @BeforeAll
    static void setUp() {
        model = BenchModel.load("bge-small-zh-v1.5");
        tokenizer = TextTokenizer.load(model.checkpoint().tokenizerJson(), true, MAX_LENGTH);
        backbone = TransformerEncoder.create(model.checkpoint().config(), model.checkpoint().weights(), Device.cpu());
        paddedBackbone = TransformerEncoder.create(model.checkpoint().config(), model.checkpoint().weights(),
                Device.cpu(), true);
        planner = new BatchPlanner(4, 4 * MAX_LENGTH);
        reference = new OnnxRuntimeEncoder(model.onnxFile(), 2, planner);
        // Passages at evenly spaced ranks of text length, from the shortest to the longest.
        List<String> byLength = DatasetRegistry.standard().load("cmrc2018").corpus().stream().map(Passage::text)
                .sorted(Comparator.comparingInt(String::length)).toList();
        List<EncoderInput> inputs = IntStream.range(0, PASSAGES)
                .mapToObj(i -> EncoderInput.of(byLength.get(i * (byLength.size() - 1) / (PASSAGES - 1)))).toList();
        texts = encoder(0).tokenize(inputs);
    }

    @AfterAll
    static void tearDown() {
        reference.close();
        paddedBackbone.close();
        backbone.close();
        tokenizer.close();
        model.close();
    }

    private static SentenceEncoder encoder(int workers) {
        return new SentenceEncoder(tokenizer, backbone, Pooling.CLS, true, planner, workers);
    }

    @Test
    void passagesIncludeTruncatedAndPaddedBatches() {
        long truncated = Arrays.stream(texts).filter(TokenizedText::truncated).count();
        long shorter = Arrays.stream(texts).filter(text -> text.length() < MAX_LENGTH).count();
        assertTrue(truncated > 0 && shorter > 1, truncated + " truncated, " + shorter + " shorter than the maximum");
    }

    @Test
    void clsVectorsMatchOnnxRuntime() {
        float[] toolkit = encoder(2).encodeTokenized(texts, null).embeddings().data();
        float[] onnx = reference.encodeCls(texts, true).data();
        assertTrue(maxAbsDiff(toolkit, onnx) < 1e-5, "max |diff| " + maxAbsDiff(toolkit, onnx));
    }

    @Test
    void workersMatchOneThread() {
        float[] workers = encoder(2).encodeTokenized(texts, null).embeddings().data();
        float[] single = encoder(1).encodeTokenized(texts, null).embeddings().data();
        assertTrue(maxAbsDiff(workers, single) < 1e-6, "max |diff| " + maxAbsDiff(workers, single));
    }

    @Test
    void hiddenStatesMatchOnnxRuntimeAtRealTokens() {
        TokenBatch batch = SentenceEncoder.pad(texts, new int[] {0, 5, 9, 14}, 0);
        assertTrue(maxRealTokenDiff(backbone, batch) < 1e-4, "max |diff| " + maxRealTokenDiff(backbone, batch));
    }

    @Test
    void paddedAttentionMatchesOnnxRuntime() {
        TokenBatch batch = SentenceEncoder.pad(texts, new int[] {0, 5, 9, 14}, 0);
        assertTrue(maxRealTokenDiff(paddedBackbone, batch) < 1e-4,
                "max |diff| " + maxRealTokenDiff(paddedBackbone, batch));
    }

    @Test
    void paddedAttentionClsMatchesOnnxRuntime() {
        SentenceEncoder padded = new SentenceEncoder(tokenizer, paddedBackbone, Pooling.CLS, true, planner, 1);
        float[] toolkit = padded.encodeTokenized(texts, null).embeddings().data();
        float[] onnx = reference.encodeCls(texts, true).data();
        assertTrue(maxAbsDiff(toolkit, onnx) < 1e-5, "max |diff| " + maxAbsDiff(toolkit, onnx));
    }

    @Test
    void paddingPositionsHoldZeros() {
        TokenBatch batch = SentenceEncoder.pad(texts, new int[] {0, 5, 9, 14}, 0);
        float[] hidden = hidden(backbone, batch);
        int dim = backbone.config().hiddenSize();
        double largest = 0;
        for (int cell = 0; cell < batch.attentionMask().length; cell++) {
            if (batch.attentionMask()[cell] == 0) {
                for (int d = 0; d < dim; d++) {
                    largest = Math.max(largest, Math.abs(hidden[cell * dim + d]));
                }
            }
        }
        assertEquals(0.0, largest);
    }

    @Test
    void maskWithHolesMatchesOnnxRuntime() {
        TokenBatch padded = SentenceEncoder.pad(texts, new int[] {1, 2, 3}, 0);
        long[] mask = padded.attentionMask().clone();
        for (int position = 3; position < 8; position++) {
            mask[position] = 0;
        }
        mask[padded.length() + 10] = 0;
        TokenBatch holes = new TokenBatch(padded.size(), padded.length(), padded.inputIds(), padded.tokenTypeIds(),
                mask);
        assertTrue(maxRealTokenDiff(backbone, holes) < 1e-4, "max |diff| " + maxRealTokenDiff(backbone, holes));
        assertTrue(maxRealTokenDiff(paddedBackbone, holes) < 1e-4,
                "padded attention: max |diff| " + maxRealTokenDiff(paddedBackbone, holes));
    }

    @Test
    void firstTokenEqualsForwardAtPositionZero() {
        TokenBatch batch = SentenceEncoder.pad(texts, new int[] {2, 4, 6, 8, 10}, 0);
        int dim = backbone.config().hiddenSize();
        float[] hidden = hidden(backbone, batch);
        float[] first;
        try (NDManager manager = backbone.weightManager().newSubManager()) {
            first = backbone.forwardFirstToken(manager, batch).toFloatArray();
        }
        double max = 0;
        for (int row = 0; row < batch.size(); row++) {
            for (int d = 0; d < dim; d++) {
                max = Math.max(max, Math.abs(first[row * dim + d] - hidden[row * batch.length() * dim + d]));
            }
        }
        assertTrue(max < 1e-5, "max |diff| " + max);
    }

    private static float[] hidden(TransformerEncoder encoder, TokenBatch batch) {
        try (NDManager manager = encoder.weightManager().newSubManager()) {
            return encoder.forward(manager, batch).toFloatArray();
        }
    }

    private static double maxRealTokenDiff(TransformerEncoder encoder, TokenBatch batch) {
        float[] toolkit = hidden(encoder, batch);
        float[][][] onnx = reference.run(batch);
        int dim = backbone.config().hiddenSize();
        double max = 0;
        for (int row = 0; row < batch.size(); row++) {
            for (int position = 0; position < batch.length(); position++) {
                int cell = row * batch.length() + position;
                if (batch.attentionMask()[cell] == 0) {
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    max = Math.max(max, Math.abs(toolkit[cell * dim + d] - onnx[row][position][d]));
                }
            }
        }
        return max;
    }

    private static double maxAbsDiff(float[] left, float[] right) {
        assertEquals(left.length, right.length);
        double max = 0;
        for (int i = 0; i < left.length; i++) {
            max = Math.max(max, Math.abs(left[i] - right[i]));
        }
        return max;
    }
}
