package dev.rqa.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * A BERT-style post-LayerNorm transformer encoder (BERT, ERNIE 3.0, bge) written with DJL NDArray
 * operations, for inference only.
 *
 * <p>The forward pass is the standard one: word + position + token type (+ ERNIE's task type row 0)
 * embeddings, LayerNorm, then per layer self-attention with residual and LayerNorm, and a
 * feed-forward block with residual and LayerNorm. Three algebraically exact rewrites are applied
 * when the weights are loaded, because they remove work from every batch:
 * <ul>
 *   <li>the query, key and value projections are fused into one [3h, h] matrix, so each layer runs
 *       one large matrix product instead of three;</li>
 *   <li>the attention scale 1/sqrt(head size) is folded into the query weights and bias;</li>
 *   <li>ERNIE's task type embedding (always row 0 at inference) is added to the position table.</li>
 * </ul>
 *
 * <p>Every intermediate array is closed as soon as it has been consumed, so native memory per batch
 * stays near the size of the largest activation instead of growing with the number of layers.
 */
public final class TransformerEncoder implements AutoCloseable {

    /** Additive attention bias for padding; PaddleNLP's ERNIE and Hugging Face BERT both make exp() of it 0. */
    private static final float MASK_BIAS = -10000f;

    private final TransformerConfig config;
    private final NDManager manager;
    private final NDArray wordEmbeddings;
    private final NDArray positionEmbeddings;
    private final NDArray tokenTypeEmbeddings;
    private final NDArray embeddingNormWeight;
    private final NDArray embeddingNormBias;
    private final List<Layer> layers;

    private record Layer(NDArray qkvWeight, NDArray qkvBias, NDArray outputWeight, NDArray outputBias,
                         NDArray attentionNormWeight, NDArray attentionNormBias,
                         NDArray intermediateWeight, NDArray intermediateBias,
                         NDArray ffnOutputWeight, NDArray ffnOutputBias,
                         NDArray ffnNormWeight, NDArray ffnNormBias) {
    }

    private TransformerEncoder(TransformerConfig config, NDManager manager, NDArray wordEmbeddings,
                               NDArray positionEmbeddings, NDArray tokenTypeEmbeddings,
                               NDArray embeddingNormWeight, NDArray embeddingNormBias, List<Layer> layers) {
        this.config = config;
        this.manager = manager;
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenTypeEmbeddings = tokenTypeEmbeddings;
        this.embeddingNormWeight = embeddingNormWeight;
        this.embeddingNormBias = embeddingNormBias;
        this.layers = layers;
    }

    /**
     * Copies the backbone weights of a state dict to a device. The caller must have validated the
     * state dict against the config; missing tensors still fail here with their name.
     */
    public static TransformerEncoder create(TransformerConfig config, StateDict weights, Device device) {
        NDManager manager = PyTorchEngine.get().newBaseManager(device);
        try {
            WeightUploader upload = new WeightUploader(manager, weights);
            int hidden = config.hiddenSize();

            NDArray positions = upload.plain("embeddings.position_embeddings.weight");
            if (config.hasTaskTypeEmbeddings()) {
                // Inference always uses task type 0, so its row is a constant added to every position.
                float[] taskRow = upload.row("embeddings.task_type_embeddings.weight", 0, hidden);
                try (NDArray task = manager.create(taskRow)) {
                    positions.addi(task);
                }
            }

            List<Layer> layers = new ArrayList<>();
            float scale = (float) (1.0 / Math.sqrt(config.headSize()));
            for (int i = 0; i < config.numLayers(); i++) {
                String prefix = "encoder.layer." + i + ".";
                layers.add(new Layer(
                        upload.fusedQkvWeight(prefix + "attention.self.", hidden, scale),
                        upload.fusedQkvBias(prefix + "attention.self.", hidden, scale),
                        upload.linearWeight(prefix + "attention.output.dense.weight"),
                        upload.plain(prefix + "attention.output.dense.bias"),
                        upload.plain(prefix + "attention.output.LayerNorm.weight"),
                        upload.plain(prefix + "attention.output.LayerNorm.bias"),
                        upload.linearWeight(prefix + "intermediate.dense.weight"),
                        upload.plain(prefix + "intermediate.dense.bias"),
                        upload.linearWeight(prefix + "output.dense.weight"),
                        upload.plain(prefix + "output.dense.bias"),
                        upload.plain(prefix + "output.LayerNorm.weight"),
                        upload.plain(prefix + "output.LayerNorm.bias")));
            }
            return new TransformerEncoder(config, manager,
                    upload.plain("embeddings.word_embeddings.weight"),
                    positions,
                    upload.plain("embeddings.token_type_embeddings.weight"),
                    upload.plain("embeddings.LayerNorm.weight"),
                    upload.plain("embeddings.LayerNorm.bias"),
                    layers);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public TransformerConfig config() {
        return config;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Returns the manager that owns the weights, for heads that keep their own weights beside them. */
    public NDManager weightManager() {
        return manager;
    }

    /**
     * Runs the encoder and returns the last hidden state, shape [batch, length, hidden], attached to
     * {@code batchManager}. Sequences longer than the position table are rejected, since truncation
     * belongs to the tokenizer.
     */
    public NDArray forward(NDManager batchManager, TokenBatch batch) {
        if (batch.length() > config.maxPositions()) {
            throw new IllegalArgumentException("sequence length " + batch.length()
                    + " exceeds the model's " + config.maxPositions() + " positions; truncate before encoding");
        }
        Shape tokenShape = new Shape(batch.size(), batch.length());
        try (NDManager scratch = batchManager.newSubManager()) {
            NDArray ids = scratch.create(batch.inputIds(), tokenShape);
            NDArray types = scratch.create(batch.tokenTypeIds(), tokenShape);
            NDArray mask = scratch.create(batch.attentionMask(), tokenShape);

            NDArray hidden = embed(ids, types, batch.length());
            NDArray maskBias = attentionBias(mask);
            for (Layer layer : layers) {
                NDArray next = layerForward(layer, hidden, maskBias, batch.size(), batch.length());
                hidden.close();
                hidden = next;
            }
            hidden.attach(batchManager);
            return hidden;
        }
    }

    private NDArray embed(NDArray ids, NDArray types, int length) {
        NDArrayEx ex = ids.getNDArrayInternal();
        NDArray sum = ex.embedding(ids, wordEmbeddings, SparseFormat.DENSE).singletonOrThrow();
        try (NDArray typeVectors = ex.embedding(types, tokenTypeEmbeddings, SparseFormat.DENSE).singletonOrThrow();
             NDArray positions = positionEmbeddings.get(new NDIndex("0:{}", length))) {
            sum.addi(typeVectors);
            sum.addi(positions);
        }
        NDArray normed = layerNorm(sum, embeddingNormWeight, embeddingNormBias);
        sum.close();
        return normed;
    }

    /** Returns [batch, 1, 1, length] with 0 for tokens and {@link #MASK_BIAS} for padding. */
    private static NDArray attentionBias(NDArray mask) {
        try (NDArray floatMask = mask.toType(DataType.FLOAT32, false);
             NDArray inverted = floatMask.sub(1f)) {
            NDArray bias = inverted.mul(-MASK_BIAS);
            NDArray expanded = bias.expandDims(1).expandDims(1);
            if (expanded != bias) {
                bias.close();
            }
            return expanded;
        }
    }

    private NDArray layerForward(Layer layer, NDArray input, NDArray maskBias, int batchSize, int length) {
        int heads = config.numHeads();
        int headSize = config.headSize();
        int hidden = config.hiddenSize();

        // One product for Q, K and V, then split into [3, batch, heads, length, headSize].
        NDArray qkv = linear(input, layer.qkvWeight(), layer.qkvBias());
        NDArray split = qkv.reshape(batchSize, length, 3, heads, headSize).transpose(2, 0, 3, 1, 4);
        qkv.close();
        NDArray query = split.get(0);
        NDArray key = split.get(1);
        NDArray value = split.get(2);

        NDArray keyTransposed = key.transpose(0, 1, 3, 2);
        NDArray scores = query.matMul(keyTransposed);
        query.close();
        key.close();
        keyTransposed.close();
        scores.addi(maskBias);
        NDArray probabilities = scores.softmax(-1);
        scores.close();
        NDArray context = probabilities.matMul(value);
        probabilities.close();
        value.close();
        split.close();

        NDArray merged = context.transpose(0, 2, 1, 3).reshape(batchSize, length, hidden);
        context.close();
        NDArray attentionOutput = linear(merged, layer.outputWeight(), layer.outputBias());
        merged.close();
        attentionOutput.addi(input);
        NDArray attended = layerNorm(attentionOutput, layer.attentionNormWeight(), layer.attentionNormBias());
        attentionOutput.close();

        NDArray intermediate = linear(attended, layer.intermediateWeight(), layer.intermediateBias());
        NDArray activated = activate(intermediate);
        if (activated != intermediate) {
            intermediate.close();
        }
        NDArray ffnOutput = linear(activated, layer.ffnOutputWeight(), layer.ffnOutputBias());
        activated.close();
        ffnOutput.addi(attended);
        NDArray output = layerNorm(ffnOutput, layer.ffnNormWeight(), layer.ffnNormBias());
        ffnOutput.close();
        attended.close();
        return output;
    }

    private NDArray activate(NDArray x) {
        switch (config.activation()) {
            case GELU:
                return x.getNDArrayInternal().gelu();
            case GELU_TANH:
                return geluTanh(x);
            case RELU:
                return x.maximum(0f);
            default:
                throw new IllegalStateException("unhandled activation " + config.activation());
        }
    }

    /** GELU with the tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    private static NDArray geluTanh(NDArray x) {
        try (NDArray cube = x.pow(3f);
             NDArray inner = cube.mul(0.044715f).addi(x).muli((float) Math.sqrt(2 / Math.PI));
             NDArray tanh = inner.tanh()) {
            return tanh.addi(1f).muli(x).muli(0.5f).duplicate();
        }
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(config.hiddenSize()), weight, bias, (float) config.layerNormEps())
                .singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
