package dev.rqa.model.registry;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.encode.Embeddings;
import dev.rqa.index.Similarity;
import dev.rqa.model.RandomWeights;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.format.CheckpointFormat;
import dev.rqa.model.format.CheckpointLoader;
import dev.rqa.model.format.LoadedCheckpoint;
import dev.rqa.model.format.TokenizerFiles;
import dev.rqa.rerank.CrossEncoder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoders built by {@link ModelLoader} from weights made in memory, as speed-only sweeps build them. */
class InMemoryModelTest {

    private static final ModelLoader LOADER = ModelLoader.create(Device.cpu()).withEmbeddingCache(null);
    private static final ModelSpec NANO_QUERY = ModelRegistry.builtIn().get("rocketqa-zh-nano-query-encoder");

    private static Path tokenizer() {
        return TokenizerFiles.withLowerCase(TokenizerFiles.fromResource("/bge-small-zh-v1.5-tokenizer.json"), true);
    }

    private static LoadedCheckpoint encoder(long seed) {
        TransformerConfig nano = NANO_QUERY.architecture();
        return CheckpointLoader.fromMemory(nano, RandomWeights.encoder(nano, seed), tokenizer(), true);
    }

    private static DualEncoder dualEncoder(long seed) {
        EncodingSettings settings = NANO_QUERY.settings().withMaxLengths(32, 64);
        return LOADER.dualEncoder("nano", encoder(seed), encoder(seed + 1), settings, Similarity.COSINE,
                "seed " + seed);
    }

    @Test
    void generatedCheckpointIsMarkedGenerated() {
        LoadedCheckpoint checkpoint = encoder(1);
        assertEquals(CheckpointFormat.GENERATED, checkpoint.format());
        assertFalse(checkpoint.hasClassifier());
        assertTrue(checkpoint.source().contains("seed 1"), checkpoint.source());
    }

    @Test
    void dualEncoderEncodesWithArchitectureWidth() {
        try (DualEncoder encoder = dualEncoder(11)) {
            Embeddings queries = encoder.encodeQueries(List.of(new Query("q", "故宫在哪里")));
            Embeddings passages = encoder.encodePassages(List.of(new Passage("p", "故宫", "故宫位于北京。")));
            assertEquals(312, queries.dim());
            assertEquals(312, passages.dim());
            assertEquals("nano query encoder", encoder.queryTower().model());
        }
    }

    @Test
    void sameSeedEncodesIdentically() {
        float[] first;
        float[] second;
        try (DualEncoder encoder = dualEncoder(11)) {
            first = encoder.encodeQueries(List.of(new Query("q", "长城有多长"))).data();
        }
        try (DualEncoder encoder = dualEncoder(11)) {
            second = encoder.encodeQueries(List.of(new Query("q", "长城有多长"))).data();
        }
        assertArrayEquals(first, second);
    }

    @Test
    void crossEncoderScoresAreProbabilities() {
        TransformerConfig nano = NANO_QUERY.architecture();
        LoadedCheckpoint checkpoint = CheckpointLoader.fromMemory(nano, RandomWeights.crossEncoder(nano, 3),
                tokenizer(), true);
        try (CrossEncoder cross = LOADER.crossEncoder("nano cross", checkpoint, 48, true)) {
            float[] scores = cross.score(List.of("故宫在哪里", "长城有多长"),
                    List.of("故宫位于北京。", "长城全长两万多公里。".repeat(10)), null);
            assertEquals(2, scores.length);
            for (float score : scores) {
                assertTrue(score > 0, "score " + score);
                assertTrue(score < 1, "score " + score);
            }
            assertEquals(48, cross.maxLength());
            assertEquals(1, cross.truncatedPairs());
        }
    }

    @Test
    void crossEncoderNeedsClassifier() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> LOADER.crossEncoder("plain", encoder(1), 48, true));
        assertTrue(error.getMessage().contains("no pooler and classifier"), error.getMessage());
    }

    @Test
    void tokenizerLargerThanVocabularyIsRejected() {
        TransformerConfig small = new TransformerConfig(1, 24, 2, 48, 1000, 64, 2, 0,
                NANO_QUERY.architecture().activation(), 1e-12, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> CheckpointLoader.fromMemory(small, RandomWeights.encoder(small, 1), tokenizer(), true));
        assertTrue(error.getMessage().contains("embeds only 1000"), error.getMessage());
    }
}
