package dev.rqa.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TokenizedText;
import dev.rqa.model.TokenBatch;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The same ONNX model run by ONNX Runtime, used as the speed reference of {@code rqa bench} and as
 * the correctness oracle of the encoder tests. It is never used to produce results.
 *
 * <p>It takes the same tokenised inputs and the same length-sorted batches as the toolkit's encoder,
 * so the two differ only in the engine.
 */
public final class OnnxRuntimeEncoder implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final BatchPlanner planner;
    private final int threads;

    /**
     * @param onnxFile model with inputs input_ids, attention_mask, token_type_ids and output last_hidden_state
     * @param threads  intra-op threads; the PyTorch engine uses one per core, so benchmarks pass the same
     */
    public OnnxRuntimeEncoder(Path onnxFile, int threads, BatchPlanner planner) {
        try {
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            session = environment.createSession(onnxFile.toString(), options);
            this.planner = planner;
            this.threads = threads;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    /** Encodes tokenised texts and returns the L2-normalised [CLS] vector of each, in input order. */
    public Embeddings encodeCls(TokenizedText[] texts, boolean normalize) {
        int[] lengths = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            lengths[i] = texts[i].length();
        }
        float[] output = null;
        int dim = 0;
        for (int[] batch : planner.plan(lengths)) {
            float[][][] hidden = run(SentenceEncoder.pad(texts, batch, 0));
            if (output == null) {
                dim = hidden[0][0].length;
                output = new float[texts.length * dim];
            }
            for (int row = 0; row < batch.length; row++) {
                float[] cls = hidden[row][0];
                double norm = 0;
                for (float v : cls) {
                    norm += v * v;
                }
                double scale = normalize ? 1.0 / Math.max(Math.sqrt(norm), 1e-12) : 1.0;
                for (int d = 0; d < dim; d++) {
                    output[batch[row] * dim + d] = (float) (cls[d] * scale);
                }
            }
        }
        return new Embeddings(texts.length, dim, output == null ? new float[0] : output);
    }

    /** Runs one padded batch and returns last_hidden_state as [batch][length][hidden]. */
    public float[][][] run(TokenBatch batch) {
        long[] shape = {batch.size(), batch.length()};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.inputIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.attentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.tokenTypeIds()), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                     "token_type_ids", types), java.util.Set.of("last_hidden_state"))) {
            return (float[][][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime inference failed: " + e.getMessage(), e);
        }
    }

    /** Returns the intra-op thread count the session was created with. */
    public int threads() {
        return threads;
    }

    /** Returns the ONNX Runtime version, for reports. */
    public String version() {
        return environment.getVersion();
    }

    /** Returns the names of the model's inputs, for error messages. */
    public List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX Runtime session", e);
        }
    }
}
