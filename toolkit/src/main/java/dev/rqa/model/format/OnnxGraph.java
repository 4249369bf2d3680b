package dev.rqa.model.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ONNX model that weight loading needs: the operator list and the initializers.
 *
 * @param source       where the model was read from
 * @param producer     producer name and version recorded in the file, for example {@code pytorch 2.0.1}
 * @param nodes        operators in file order
 * @param initializers initializers by name, in file order
 */
public record OnnxGraph(String source, String producer, List<OnnxNode> nodes,
                        Map<String, OnnxInitializer> initializers) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
    }

    /** Returns the nodes that take the named value as an input. */
    public List<OnnxNode> consumers(String valueName) {
        List<OnnxNode> result = new ArrayList<>();
        for (OnnxNode node : nodes) {
            if (node.inputs().contains(valueName)) {
                result.add(node);
            }
        }
        return result;
    }

    /** Returns the node that produces the named value, if any. */
    public Optional<OnnxNode> producer(String valueName) {
        for (OnnxNode node : nodes) {
            if (node.outputs().contains(valueName)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    public boolean hasOperator(String opType) {
        return nodes.stream().anyMatch(node -> node.opType().equals(opType));
    }
}
