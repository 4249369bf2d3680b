package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;

/** Reads the real bge-small-zh-v1.5 ONNX export shipped on the class path. */
class OnnxCheckpointsTest {

    private static OnnxGraph graph;
    private static OnnxCheckpoints.Mapping mapping;

    @BeforeAll
    static void readModel() {
        graph = OnnxCheckpoints.readResource("/bge-small-zh-v1.5.onnx");
        mapping = OnnxCheckpoints.map(graph);
    }

    @Test
    void graphHasNodesAndInitializers() {
        assertEquals(436, graph.nodes().size());
        assertEquals(69, graph.initializers().size());
        assertEquals("pytorch 2.0.1", graph.producer());
    }

    @Test
    void mapsTwentyFourAnonymousMatMulWeights() {
        long anonymous = mapping.initializerNames().values().stream().filter(n -> n.startsWith("onnx::MatMul_")).count();
        assertEquals(24, anonymous);
        assertEquals("onnx::MatMul_541", mapping.initializerNames().get("encoder.layer.0.attention.self.query.weight"));
        assertEquals("onnx::MatMul_553", mapping.initializerNames().get("encoder.layer.0.output.dense.weight"));
        assertEquals("onnx::MatMul_592", mapping.initializerNames().get("encoder.layer.3.output.dense.weight"));
    }

    @Test
    void everyBackboneTensorHasItsShape() {
        TransformerConfig expected = new TransformerConfig(4, 512, 8, 2048, 21128, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        StateDict weights = mapping.weights();
        for (Map.Entry<String, long[]> entry : expected.backboneShapes().entrySet()) {
            Tensor tensor = weights.get(entry.getKey());
            assertArrayEquals(entry.getValue(), tensor.shape(), entry.getKey());
        }
        assertEquals(expected.backboneShapes().size(), weights.names().size());
    }

    @Test
    void intermediateWeightKeepsInOutLayout() {
        Tensor weight = mapping.weights().get("encoder.layer.0.intermediate.dense.weight");
        assertArrayEquals(new long[] {512, 2048}, weight.shape());
    }

    @Test
    void valuesMatchOnnxPythonPackage() {
        // Reference values printed by onnx 1.12 (numpy_helper.to_array) for the same file.
        StateDict weights = mapping.weights();
        float[] words = weights.get("embeddings.word_embeddings.weight").data();
        assertEquals(0.0059967041015625f, words[0]);
        assertEquals(-0.026641845703125f, words[1]);
        assertEquals(0.0042724609375f, words[words.length - 1]);
        assertEquals(465.0300055742264, sum(words), 1e-6);
        float[] query = weights.get("encoder.layer.0.attention.self.query.weight").data();
        assertEquals(-0.01763916015625f, query[0]);
        assertEquals(-0.10693359375f, query[query.length - 1]);
        assertEquals(-7.976102650165558, sum(query), 1e-6);
        float[] output = weights.get("encoder.layer.3.output.dense.weight").data();
        assertEquals(-13.210517227649689, sum(output), 1e-6);
        Tensor intermediate = weights.get("encoder.layer.0.intermediate.dense.weight");
        assertEquals(0.0120697021484375f, intermediate.data()[3 * 2048 + 1000]);
        assertEquals(6.542321085929871, sum(weights.get("encoder.layer.3.output.LayerNorm.bias").data()), 1e-9);
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }

    @Test
    void infersConfigFromGraph() {
        TransformerConfig config = OnnxCheckpoints.inferConfig(graph, mapping.weights(), 8, 0);
        TransformerConfig expected = new TransformerConfig(4, 512, 8, 2048, 21128, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        assertEquals(expected, config);
    }

    @Test
    void inferredConfigValidates() {
        TransformerConfig config = OnnxCheckpoints.inferConfig(graph, mapping.weights(), 8, 0);
        CheckpointValidator.Report report = CheckpointValidator.validate(config, mapping.weights(), 0);
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
    }

    @Test
    void wrongLayerCountFailsNamingTensor() {
        TransformerConfig config = new TransformerConfig(6, 512, 8, 2048, 21128, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(config, mapping.weights(), 0));
        assertTrue(error.getMessage().contains("encoder.layer.4.attention.self.query.weight"), error.getMessage());
        assertTrue(error.getMessage().contains("bge-small-zh-v1.5.onnx"), error.getMessage());
    }

    @Test
    void fewerLayersReportsExtraLayers() {
        TransformerConfig config = new TransformerConfig(3, 512, 8, 2048, 21128, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(config, mapping.weights(), 0));
        assertTrue(error.getMessage().contains("4 layers"), error.getMessage());
    }

    @Test
    void wrongHiddenSizeNamesBothShapes() {
        TransformerConfig config = new TransformerConfig(4, 384, 8, 2048, 21128, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(config, mapping.weights(), 0));
        assertTrue(error.getMessage().contains("embeddings.word_embeddings.weight"), error.getMessage());
        assertTrue(error.getMessage().contains("[21128, 512]"), error.getMessage());
        assertTrue(error.getMessage().contains("[21128, 384]"), error.getMessage());
    }

    @Test
    void wrongVocabSizeNamesBothShapes() {
        TransformerConfig config = new TransformerConfig(4, 512, 8, 2048, 40000, 512, 2, 0, Activation.GELU,
                1e-12, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(config, mapping.weights(), 0));
        assertTrue(error.getMessage().contains("[40000, 512]"), error.getMessage());
        assertTrue(error.getMessage().contains("[21128, 512]"), error.getMessage());
    }

    @Test
    void firstVersionMapsTheSameWay() {
        OnnxGraph first = OnnxCheckpoints.readResource("/bge-small-zh.onnx");
        OnnxCheckpoints.Mapping firstMapping = OnnxCheckpoints.map(first);
        assertEquals(mapping.weights().names(), firstMapping.weights().names());
    }

    @Test
    void truncatedFileFailsClearly() {
        byte[] start = new byte[] {0x08, 0x06, 0x3a, (byte) 0x8a, (byte) 0xa6, (byte) 0x9d, 0x2d, 0x0a, 0x49};
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> OnnxGraphReader.read(new ByteArrayInputStream(start), "cut.onnx"));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void missingResourceNamesIt() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> OnnxCheckpoints.readResource("/no-such-model.onnx"));
        assertNotNull(error.getMessage());
        assertTrue(error.getMessage().contains("/no-such-model.onnx"));
    }
}
