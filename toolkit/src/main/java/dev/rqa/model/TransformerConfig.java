package dev.rqa.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Architecture of a BERT-style post-LayerNorm encoder, ERNIE 3.0 included.
 *
 * @param numLayers             transformer layers
 * @param hiddenSize            model width
 * @param numHeads              attention heads; {@code hiddenSize} must be a multiple of it
 * @param intermediateSize      feed-forward width
 * @param vocabSize             rows of the word embedding table
 * @param maxPositions          rows of the position embedding table
 * @param typeVocabSize         rows of the token type (segment) embedding table
 * @param taskTypeVocabSize     rows of ERNIE 3.0's task type embedding table, 0 when absent
 * @param activation            feed-forward activation
 * @param layerNormEps          epsilon of every LayerNorm
 * @param padTokenId            id of the padding token; ERNIE masks attention where the id equals it
 */
public record TransformerConfig(int numLayers, int hiddenSize, int numHeads, int intermediateSize,
                                int vocabSize, int maxPositions, int typeVocabSize, int taskTypeVocabSize,
                                Activation activation, double layerNormEps, int padTokenId) {

    public TransformerConfig {
        requirePositive("numLayers", numLayers);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("numHeads", numHeads);
        requirePositive("intermediateSize", intermediateSize);
        requirePositive("vocabSize", vocabSize);
        requirePositive("maxPositions", maxPositions);
        requirePositive("typeVocabSize", typeVocabSize);
        if (taskTypeVocabSize < 0) {
            throw new IllegalArgumentException("taskTypeVocabSize must be >= 0, got " + taskTypeVocabSize);
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(
                    "hiddenSize " + hiddenSize + " is not a multiple of numHeads " + numHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    public int headSize() {
        return hiddenSize / numHeads;
    }

    public boolean hasTaskTypeEmbeddings() {
        return taskTypeVocabSize > 0;
    }

    /** Returns a copy with another number of layers; used by size sweeps and tests. */
    public TransformerConfig withNumLayers(int layers) {
        return new TransformerConfig(layers, hiddenSize, numHeads, intermediateSize, vocabSize, maxPositions,
                typeVocabSize, taskTypeVocabSize, activation, layerNormEps, padTokenId);
    }

    /**
     * Returns the canonical name and expected shape of every backbone tensor (linear weights as
     * [in, out]). Pooler and classifier tensors are not included because they belong to the heads.
     */
    public Map<String, long[]> backboneShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long h = hiddenSize;
        shapes.put("embeddings.word_embeddings.weight", new long[] {vocabSize, h});
        shapes.put("embeddings.position_embeddings.weight", new long[] {maxPositions, h});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {typeVocabSize, h});
        if (hasTaskTypeEmbeddings()) {
            shapes.put("embeddings.task_type_embeddings.weight", new long[] {taskTypeVocabSize, h});
        }
        shapes.put("embeddings.LayerNorm.weight", new long[] {h});
        shapes.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int i = 0; i < numLayers; i++) {
            String layer = "encoder.layer." + i + ".";
            for (String projection : new String[] {"query", "key", "value"}) {
                shapes.put(layer + "attention.self." + projection + ".weight", new long[] {h, h});
                shapes.put(layer + "attention.self." + projection + ".bias", new long[] {h});
            }
            shapes.put(layer + "attention.output.dense.weight", new long[] {h, h});
            shapes.put(layer + "attention.output.dense.bias", new long[] {h});
            shapes.put(layer + "attention.output.LayerNorm.weight", new long[] {h});
            shapes.put(layer + "attention.output.LayerNorm.bias", new long[] {h});
            shapes.put(layer + "intermediate.dense.weight", new long[] {h, intermediateSize});
            shapes.put(layer + "intermediate.dense.bias", new long[] {intermediateSize});
            shapes.put(layer + "output.dense.weight", new long[] {intermediateSize, h});
            shapes.put(layer + "output.dense.bias", new long[] {h});
            shapes.put(layer + "output.LayerNorm.weight", new long[] {h});
            shapes.put(layer + "output.LayerNorm.bias", new long[] {h});
        }
        return shapes;
    }

    /** Returns the multiply-add FLOPs (2 per multiply-add) of one forward pass over one sequence. */
    public double flopsPerSequence(int tokens) {
        double h = hiddenSize;
        double perTokenLinear = 2 * (4 * h * h + 2 * h * intermediateSize);
        // Scores Q K^T and the weighted sum over V: 2 * tokens * h multiply-adds per token.
        double perTokenAttention = 2 * (2.0 * tokens * h);
        return numLayers * tokens * (perTokenLinear + perTokenAttention);
    }
}
