package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class CheckpointValidatorTest {

    private static final int VOCAB = Fixtures.expected().getAsJsonObject("settings").get("vocab_size").getAsInt();
    private static final TransformerConfig FIXTURE = new TransformerConfig(2, 32, 4, 64, VOCAB, 64, 4, 3,
            Activation.GELU, 1e-12, 0);

    private static StateDict cross() {
        return PdparamsReader.read(Fixtures.path("cross-encoder/model_state.pdparams")).weights();
    }

    @Test
    void fixturePasses() {
        assertTrue(CheckpointValidator.validate(FIXTURE, cross(), 2).warnings().isEmpty());
    }

    @Test
    void wrongLabelCountNamesClassifier() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(FIXTURE, cross(), 3));
        assertTrue(error.getMessage().contains("'classifier.weight'"), error.getMessage());
        assertTrue(error.getMessage().contains("[32, 2]"), error.getMessage());
        assertTrue(error.getMessage().contains("[32, 3]"), error.getMessage());
        assertTrue(error.getMessage().contains("model_state.pdparams"), error.getMessage());
    }

    @Test
    void extraLayersAreReported() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(FIXTURE.withNumLayers(1), cross(), 2));
        assertTrue(error.getMessage().contains("contains 2 layers"), error.getMessage());
        assertTrue(error.getMessage().contains("[1]"), error.getMessage());
    }

    @Test
    void missingPoolerBiasIsNamed() {
        Map<String, Tensor> tensors = new LinkedHashMap<>(cross().asMap());
        tensors.remove("pooler.dense.bias");
        StateDict weights = new StateDict(tensors, "edited.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(FIXTURE, weights, 2));
        assertTrue(error.getMessage().contains("'pooler.dense.bias' is missing from edited.pdparams"),
                error.getMessage());
    }

    @Test
    void classifierWithoutPoolerFails() {
        Map<String, Tensor> tensors = new LinkedHashMap<>(cross().asMap());
        tensors.remove("pooler.dense.weight");
        tensors.remove("pooler.dense.bias");
        StateDict weights = new StateDict(tensors, "edited.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(FIXTURE, weights, 2));
        assertTrue(error.getMessage().contains("no pooler"), error.getMessage());
    }

    @Test
    void unusedTaskTypesWarn() {
        TransformerConfig withoutTaskIds = new TransformerConfig(2, 32, 4, 64, VOCAB, 64, 4, 0, Activation.GELU,
                1e-12, 0);
        CheckpointValidator.Report report = CheckpointValidator.validate(withoutTaskIds, cross(), 2);
        assertEquals(1, report.warnings().size());
        assertTrue(report.warnings().get(0).contains("embeddings.task_type_embeddings.weight"));
    }

    @Test
    void wrongShapeNamesBothShapes() {
        Map<String, Tensor> tensors = new LinkedHashMap<>(cross().asMap());
        tensors.put("encoder.layer.1.output.dense.weight", new Tensor(new long[] {32, 64}, new float[32 * 64]));
        StateDict weights = new StateDict(tensors, "edited.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointValidator.validate(FIXTURE, weights, 2));
        assertTrue(error.getMessage().contains("'encoder.layer.1.output.dense.weight' in edited.pdparams has shape"
                + " [32, 64] but the config expects [64, 32]"), error.getMessage());
    }
}
