package dev.rqa.model.format;

import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Derives a {@link TransformerConfig} from the shapes of canonical weights, for checkpoints that
 * come without a config file. Shapes cannot tell the number of attention heads, the activation,
 * the LayerNorm epsilon or the padding id, so the caller supplies them.
 */
public final class ConfigInference {

    private ConfigInference() {
    }

    /**
     * Returns the architecture implied by the weights.
     *
     * @throws InvalidInputException when an embedding table or the first layer is missing, or the
     *                               hidden size is not a multiple of {@code numHeads}
     */
    public static TransformerConfig fromWeights(StateDict weights, int numHeads, Activation activation,
                                                double layerNormEps, int padTokenId) {
        Tensor words = require(weights, CanonicalNames.WORD_EMBEDDINGS);
        int vocabSize = dimension(words, 0);
        int hiddenSize = dimension(words, 1);
        int maxPositions = dimension(require(weights, "embeddings.position_embeddings.weight"), 0);
        int typeVocabSize = dimension(require(weights, "embeddings.token_type_embeddings.weight"), 0);
        Optional<Tensor> taskTypes = weights.find("embeddings.task_type_embeddings.weight");
        int taskTypeVocabSize = taskTypes.isPresent() ? dimension(taskTypes.get(), 0) : 0;

        int numLayers = 0;
        for (String name : weights.names()) {
            OptionalInt layer = CanonicalNames.layerIndex(name);
            if (layer.isPresent()) {
                numLayers = Math.max(numLayers, layer.getAsInt() + 1);
            }
        }
        if (numLayers == 0) {
            throw new InvalidInputException(weights.source() + " contains no encoder layers (no encoder.layer.N tensors)");
        }
        int intermediateSize = dimension(require(weights, "encoder.layer.0.intermediate.dense.weight"), 1);

        if (numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new InvalidInputException("cannot split hidden size " + hiddenSize + " of " + weights.source()
                    + " into " + numHeads + " attention heads; give the model's real head count");
        }
        return new TransformerConfig(numLayers, hiddenSize, numHeads, intermediateSize, vocabSize, maxPositions,
                typeVocabSize, taskTypeVocabSize, activation, layerNormEps, padTokenId);
    }

    private static Tensor require(StateDict weights, String name) {
        Tensor tensor = weights.find(name).orElseThrow(() -> new InvalidInputException(
                "tensor '" + name + "' not found in " + weights.source()
                        + "; the file is not a BERT or ERNIE encoder checkpoint"));
        if (tensor.rank() != 2) {
            throw new InvalidInputException("tensor '" + name + "' in " + weights.source() + " has shape "
                    + tensor.shapeString() + "; expected a matrix");
        }
        return tensor;
    }

    private static int dimension(Tensor tensor, int axis) {
        return Math.toIntExact(tensor.shape()[axis]);
    }
}
