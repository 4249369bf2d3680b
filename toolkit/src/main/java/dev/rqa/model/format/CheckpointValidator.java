package dev.rqa.model.format;

import dev.rqa.InvalidInputException;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Checks that canonical weights fit a {@link TransformerConfig} before an encoder is built from them.
 */
public final class CheckpointValidator {

    /** Problems listed in one error message; the rest are counted. */
    private static final int MAX_LISTED = 8;

    /**
     * Outcome of a successful check.
     *
     * @param warnings tensors that the encoder will not use, for example a task type table when
     *                 the config disables task ids
     */
    public record Report(List<String> warnings) {

        public Report {
            warnings = List.copyOf(warnings);
        }
    }

    private CheckpointValidator() {
    }

    /**
     * Checks every backbone tensor for presence and shape, the layer count, and the pooler and
     * classifier heads when present.
     *
     * @param numLabels classifier outputs the config declares, or 0 when it declares none
     * @throws InvalidInputException naming each wrong tensor with the expected and the actual
     *                               shape and the source file
     */
    public static Report validate(TransformerConfig config, StateDict weights, int numLabels) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String source = weights.source();

        Map<String, long[]> expected = config.backboneShapes();
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            checkShape(weights, entry.getKey(), entry.getValue(), errors);
        }

        TreeSet<Integer> extraLayers = new TreeSet<>();
        int storedLayers = 0;
        for (String name : weights.names()) {
            OptionalInt layer = CanonicalNames.layerIndex(name);
            if (layer.isPresent()) {
                storedLayers = Math.max(storedLayers, layer.getAsInt() + 1);
                if (layer.getAsInt() >= config.numLayers()) {
                    extraLayers.add(layer.getAsInt());
                }
            }
        }
        if (!extraLayers.isEmpty()) {
            errors.add(source + " contains " + storedLayers + " layers (encoder.layer.0 to encoder.layer."
                    + (storedLayers - 1) + ") but the config has " + config.numLayers()
                    + "; layers " + extraLayers + " would be ignored");
        }

        long hidden = config.hiddenSize();
        Optional<Tensor> pooler = weights.find(CanonicalNames.POOLER_WEIGHT);
        if (pooler.isPresent() || weights.contains(CanonicalNames.POOLER_BIAS)) {
            checkShape(weights, CanonicalNames.POOLER_WEIGHT, new long[] {hidden, hidden}, errors);
            checkShape(weights, CanonicalNames.POOLER_BIAS, new long[] {hidden}, errors);
        }
        Optional<Tensor> classifier = weights.find(CanonicalNames.CLASSIFIER_WEIGHT);
        if (classifier.isPresent() || weights.contains(CanonicalNames.CLASSIFIER_BIAS)) {
            long labels = numLabels > 0 ? numLabels
                    : classifier.filter(t -> t.rank() == 2).map(t -> t.shape()[1]).orElse(2L);
            checkShape(weights, CanonicalNames.CLASSIFIER_WEIGHT, new long[] {hidden, labels}, errors);
            checkShape(weights, CanonicalNames.CLASSIFIER_BIAS, new long[] {labels}, errors);
            if (pooler.isEmpty()) {
                errors.add(source + " has a classifier but no pooler.dense tensors; a BERT or ERNIE cross"
                        + " encoder scores tanh(pooler([CLS])), so the checkpoint is incomplete");
            }
        }

        for (String name : weights.names()) {
            boolean head = name.startsWith("pooler.") || name.startsWith("classifier.");
            if (!expected.containsKey(name) && !head && CanonicalNames.layerIndex(name).isEmpty()) {
                warnings.add("tensor '" + name + "' in " + source + " is not used by the configured encoder");
            }
        }

        if (!errors.isEmpty()) {
            throw new InvalidInputException(describe(source, errors));
        }
        return new Report(warnings);
    }

    private static void checkShape(StateDict weights, String name, long[] expectedShape, List<String> errors) {
        Optional<Tensor> tensor = weights.find(name);
        if (tensor.isEmpty()) {
            errors.add("tensor '" + name + "' is missing from " + weights.source() + " (the config expects shape "
                    + Arrays.toString(expectedShape) + ")");
        } else if (!Arrays.equals(tensor.get().shape(), expectedShape)) {
            errors.add("tensor '" + name + "' in " + weights.source() + " has shape " + tensor.get().shapeString()
                    + " but the config expects " + Arrays.toString(expectedShape));
        }
    }

    private static String describe(String source, List<String> errors) {
        StringBuilder message = new StringBuilder("checkpoint ").append(source)
                .append(" does not match its config (").append(errors.size())
                .append(errors.size() == 1 ? " problem" : " problems")
                .append("; check the model size and config file): ");
        for (int i = 0; i < Math.min(errors.size(), MAX_LISTED); i++) {
            message.append(i == 0 ? "" : "; ").append(errors.get(i));
        }
        if (errors.size() > MAX_LISTED) {
            message.append("; and ").append(errors.size() - MAX_LISTED).append(" more");
        }
        return message.toString();
    }
}
