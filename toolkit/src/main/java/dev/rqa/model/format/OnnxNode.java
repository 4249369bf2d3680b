package dev.rqa.model.format;

import java.util.List;
import java.util.Map;

/**
 * One operator of an ONNX graph, with the attributes this package uses.
 *
 * @param name       node name, for PyTorch exports the module path such as
 *                   {@code /encoder/layer.0/attention/self/query/MatMul}
 * @param opType     operator, for example {@code MatMul}
 * @param inputs     names of the values it consumes, in order
 * @param outputs    names of the values it produces
 * @param attributes integer attributes as {@link Long}, integer lists as {@code long[]}, float
 *                   attributes as {@link Float}, and tensor attributes (the value of a
 *                   {@code Constant} node) as {@link OnnxInitializer}
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, Object> attributes) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    long longAttribute(String key, long defaultValue) {
        Object value = attributes.get(key);
        return value instanceof Long number ? number : defaultValue;
    }
}
