package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

class CheckpointLoaderTest {

    private static final int VOCAB = Fixtures.expected().getAsJsonObject("settings").get("vocab_size").getAsInt();
    private static final TransformerConfig FIXTURE = new TransformerConfig(2, 32, 4, 64, VOCAB, 64, 4, 3,
            Activation.GELU, 1e-12, 0);

    @ParameterizedTest
    @ValueSource(strings = {"query-encoder", "para-encoder", "cross-encoder", "cross-encoder-hf"})
    void fixtureDirectoryLoads(String name) {
        JsonObject recorded = Fixtures.checkpoint(name);
        LoadedCheckpoint checkpoint = CheckpointLoader.load(Fixtures.path(name));
        assertEquals(FIXTURE, checkpoint.config());
        assertEquals(recorded.get("format").getAsString().equals("pdparams") ? CheckpointFormat.PDPARAMS
                : CheckpointFormat.SAFETENSORS, checkpoint.format());
        assertEquals(recorded.get("has_pooler").getAsBoolean(), checkpoint.hasPooler());
        assertEquals(recorded.get("has_classifier").getAsBoolean(), checkpoint.hasClassifier());
        assertEquals(recorded.get("num_labels").getAsInt(), checkpoint.numLabels());
        assertTrue(checkpoint.lowerCase());
        assertTrue(Files.isRegularFile(checkpoint.tokenizerJson()));
        assertTrue(checkpoint.warnings().isEmpty(), checkpoint.warnings().toString());
        Fixtures.assertMatchesRecorded(name, checkpoint.weights());
    }

    @Test
    void generatedTokenizerGivesReferenceIds() throws IOException {
        LoadedCheckpoint checkpoint = CheckpointLoader.load(Fixtures.path("para-encoder"));
        JsonObject passage = Fixtures.expected().getAsJsonArray("passages").get(1).getAsJsonObject();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(checkpoint.tokenizerJson()).optTruncation(false).optPadding(false).build()) {
            assertArrayEquals(Fixtures.longs(passage.getAsJsonArray("input_ids")),
                    tokenizer.encode(passage.get("text").getAsString()).getIds());
        }
    }

    @Test
    void weightsFilePathSelectsFile() {
        LoadedCheckpoint checkpoint = CheckpointLoader.load(Fixtures.path("cross-encoder/model_state.pdparams"));
        assertEquals(CheckpointFormat.PDPARAMS, checkpoint.format());
        assertTrue(checkpoint.source().contains("pickle protocol 3"), checkpoint.source());
        assertTrue(checkpoint.hasClassifier());
    }

    @Test
    void lowerCaseOptionOverridesFiles() {
        LoadedCheckpoint checkpoint = CheckpointLoader.load(Fixtures.path("cross-encoder-hf"),
                LoadOptions.defaults().withLowerCase(false));
        assertFalse(checkpoint.lowerCase());
        assertEquals(false, TokenizerFiles.lowerCase(checkpoint.tokenizerJson()).orElseThrow());
    }

    @Test
    void missingConfigNeedsCallerConfig(@TempDir Path temp) throws IOException {
        copy("query-encoder/model_state.pdparams", temp);
        copy("query-encoder/vocab.txt", temp);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> CheckpointLoader.load(temp));
        assertTrue(error.getMessage().contains("no config.json or model_config.json"), error.getMessage());
        LoadedCheckpoint checkpoint = CheckpointLoader.load(temp, LoadOptions.defaults().withConfig(FIXTURE));
        assertEquals(FIXTURE, checkpoint.config());
    }

    @Test
    void wrongCallerConfigFailsValidation(@TempDir Path temp) throws IOException {
        copy("query-encoder/model_state.pdparams", temp);
        copy("query-encoder/vocab.txt", temp);
        TransformerConfig wrong = FIXTURE.withNumLayers(3);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointLoader.load(temp, LoadOptions.defaults().withConfig(wrong)));
        assertTrue(error.getMessage().contains("encoder.layer.2.attention.self.query.weight"), error.getMessage());
    }

    @Test
    void missingVocabularyFails(@TempDir Path temp) throws IOException {
        copy("query-encoder/model_state.pdparams", temp);
        copy("query-encoder/model_config.json", temp);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> CheckpointLoader.load(temp));
        assertTrue(error.getMessage().contains("vocab.txt"), error.getMessage());
    }

    @Test
    void severalWeightFilesNeedAChoice(@TempDir Path temp) throws IOException {
        Files.copy(Fixtures.path("query-encoder/model_state.pdparams"), temp.resolve("a.pdparams"));
        Files.copy(Fixtures.path("query-encoder/model_state.pdparams"), temp.resolve("b.pdparams"));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> CheckpointLoader.load(temp));
        assertTrue(error.getMessage().contains("several weight files"), error.getMessage());
    }

    @Test
    void emptyDirectoryFails(@TempDir Path temp) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> CheckpointLoader.load(temp));
        assertTrue(error.getMessage().contains("no model weights"), error.getMessage());
    }

    @Test
    void onnxResourceNeedsHeadCount() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointLoader.loadOnnxResource("/bge-small-zh-v1.5.onnx", "/bge-small-zh-v1.5-tokenizer.json",
                        LoadOptions.defaults()));
        assertTrue(error.getMessage().contains("attention heads"), error.getMessage());
    }

    @Test
    void onnxResourceLoadsLowerCased() {
        LoadedCheckpoint checkpoint = CheckpointLoader.loadOnnxResource("/bge-small-zh-v1.5.onnx",
                "/bge-small-zh-v1.5-tokenizer.json", LoadOptions.defaults().withNumHeads(8).withLowerCase(true));
        assertEquals(new TransformerConfig(4, 512, 8, 2048, 21128, 512, 2, 0, Activation.GELU, 1e-12, 0),
                checkpoint.config());
        assertEquals(CheckpointFormat.ONNX, checkpoint.format());
        assertTrue(checkpoint.lowerCase());
        assertEquals(true, TokenizerFiles.lowerCase(checkpoint.tokenizerJson()).orElseThrow());
        assertFalse(checkpoint.hasPooler());
        assertFalse(checkpoint.hasClassifier());
    }

    @Test
    void onnxDirectoryFindsTokenizer(@TempDir Path temp) throws IOException {
        // A directory with an ONNX file and its <model>-tokenizer.json, laid out as in the langchain4j jar.
        try (var onnx = CheckpointLoaderTest.class.getResourceAsStream("/bge-small-zh.onnx");
             var tokenizer = CheckpointLoaderTest.class.getResourceAsStream("/bge-small-zh-tokenizer.json")) {
            Files.copy(onnx, temp.resolve("bge-small-zh.onnx"));
            Files.copy(tokenizer, temp.resolve("bge-small-zh-tokenizer.json"));
        }
        LoadedCheckpoint checkpoint = CheckpointLoader.load(temp, LoadOptions.defaults().withNumHeads(8));
        assertEquals(4, checkpoint.config().numLayers());
        assertFalse(checkpoint.lowerCase());
    }

    private static void copy(String fixture, Path directory) throws IOException {
        Path source = Fixtures.path(fixture);
        Files.copy(source, directory.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
