package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class ModelConfigReaderTest {

    private static final int VOCAB = Fixtures.expected().getAsJsonObject("settings").get("vocab_size").getAsInt();

    /** The architecture generate.py writes into every fixture config. */
    private static final TransformerConfig FIXTURE = new TransformerConfig(2, 32, 4, 64, VOCAB, 64, 4, 3,
            Activation.GELU, 1e-12, 0);

    @Test
    void initArgsNestedOnce() {
        CheckpointConfig config = ModelConfigReader.read(Fixtures.path("query-encoder/model_config.json"));
        assertEquals(FIXTURE, config.transformer());
        assertEquals(0, config.numLabels());
        assertEquals("ErnieModel > ErnieModel", config.architecture());
    }

    @Test
    void initArgsNestedTwice() {
        CheckpointConfig config = ModelConfigReader.read(Fixtures.path("cross-encoder/model_config.json"));
        assertEquals(FIXTURE, config.transformer());
        assertEquals(2, config.numLabels());
        assertEquals("ErnieForSequenceClassification > ErnieModel > ErnieModel", config.architecture());
    }

    @Test
    void paddleNlpConfigJson() {
        CheckpointConfig config = ModelConfigReader.read(Fixtures.path("para-encoder/config.json"));
        assertEquals(FIXTURE, config.transformer());
        assertEquals(0, config.numLabels());
    }

    @Test
    void huggingFaceErnieConfig() {
        CheckpointConfig config = ModelConfigReader.read(Fixtures.path("cross-encoder-hf/config.json"));
        assertEquals(FIXTURE, config.transformer());
        assertEquals(2, config.numLabels());
        assertEquals("ErnieForSequenceClassification", config.architecture());
    }

    @Test
    void flatOldStyleUsesDefaults(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 18000, \"hidden_size\": 768, \"num_hidden_layers\": 12,"
                + " \"num_attention_heads\": 12, \"hidden_act\": \"relu\", \"max_position_embeddings\": 513,"
                + " \"init_class\": \"ErnieModel\"}");
        TransformerConfig config = ModelConfigReader.read(file).transformer();
        assertEquals(new TransformerConfig(12, 768, 12, 3072, 18000, 513, 2, 0, Activation.RELU, 1e-12, 0), config);
    }

    @Test
    void taskTypesNeedUseTaskId(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 100, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 2, \"task_type_vocab_size\": 16}");
        assertEquals(0, ModelConfigReader.read(file).transformer().taskTypeVocabSize());
    }

    @Test
    void layerNormEpsilonIsRead(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 100, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 2, \"layer_norm_eps\": 1e-5, \"num_labels\": 3}");
        CheckpointConfig config = ModelConfigReader.read(file);
        assertEquals(1e-5, config.transformer().layerNormEps());
        assertEquals(3, config.numLabels());
    }

    @Test
    void missingKeyIsNamed(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 100, \"hidden_size\": 8, \"num_attention_heads\": 2}");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ModelConfigReader.read(file));
        assertTrue(error.getMessage().contains("'num_hidden_layers'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void headsThatDoNotDivideHiddenFail(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 100, \"hidden_size\": 10, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 3}");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ModelConfigReader.read(file));
        assertTrue(error.getMessage().contains("not a multiple"), error.getMessage());
    }

    @Test
    void otherModelTypeIsRejected(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"model_type\": \"xlm-roberta\", \"vocab_size\": 100, \"hidden_size\": 8,"
                + " \"num_hidden_layers\": 1, \"num_attention_heads\": 2}");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ModelConfigReader.read(file));
        assertTrue(error.getMessage().contains("'xlm-roberta'"), error.getMessage());
    }

    @Test
    void nonZeroTaskIdIsRejected(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": 100, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 2, \"use_task_id\": true, \"task_id\": 2}");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ModelConfigReader.read(file));
        assertTrue(error.getMessage().contains("task_id 2"), error.getMessage());
    }

    @Test
    void invalidJsonNamesFile(@TempDir Path temp) throws IOException {
        Path file = write(temp, "{\"vocab_size\": ");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ModelConfigReader.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    private static Path write(Path directory, String json) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }
}
