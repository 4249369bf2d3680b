package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.data.FetchSettings;
import dev.rqa.data.FileFetcher;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep where checkpoints are available locally: the seeded ERNIE 3.0 test checkpoints (2 layers,
 * hidden 32, vocabulary 118) registered as rocketqa-zh-nano and its cross encoder, in a mirror
 * directory laid out like the download cache. Real weights must be used, labelled "real", and
 * evaluated with and without re-ranking.
 */
class RealWeightsSweepTest {

    @TempDir
    static Path mirror;
    @TempDir
    static Path cache;
    private static SweepResult result;

    private static final String REGISTRY = """
            {
              "architectures": {
                "fixture-ernie": {"layers": 2, "hidden": 32, "heads": 4, "intermediate": 64, "vocab": 118,
                  "positions": 64, "typeVocab": 4, "taskTypes": 3, "activation": "gelu", "layerNormEps": 1e-12,
                  "padId": 0}
              },
              "settingsProfiles": {
                "rocketqa": {"queryMaxLength": 32, "passageMaxLength": 64, "queryPrefix": "", "passagePrefix": "",
                  "lowercase": true, "removeSpaces": true, "titleMode": "pair", "pooling": "cls", "normalize": false}
              },
              "models": [
                {"name": "rocketqa-zh-nano-query-encoder", "kind": "query-encoder", "architecture": "fixture-ernie",
                 "settings": "rocketqa", "similarity": "cosine",
                 "source": {"format": "pdparams", "files": {
                   "weights": "https://example.invalid/rocketqa-zh-nano-query-encoder.pdparams",
                   "vocab": "https://example.invalid/vocab.txt"}}},
                {"name": "rocketqa-zh-nano-para-encoder", "kind": "passage-encoder", "architecture": "fixture-ernie",
                 "settings": "rocketqa", "similarity": "cosine",
                 "source": {"format": "pdparams", "files": {
                   "weights": "https://example.invalid/rocketqa-zh-nano-para-encoder.pdparams",
                   "vocab": "https://example.invalid/vocab.txt"}}},
                {"name": "rocketqa-zh-nano", "kind": "pair", "similarity": "cosine",
                 "query": "rocketqa-zh-nano-query-encoder", "passage": "rocketqa-zh-nano-para-encoder"},
                {"name": "rocketqa-nano-cross-encoder", "kind": "cross-encoder", "architecture": "fixture-ernie",
                 "pairMaxLength": 64, "lowercase": true, "removeSpaces": true,
                 "source": {"format": "pdparams", "files": {
                   "weights": "https://example.invalid/rocketqa-nano-cross-encoder.pdparams",
                   "vocab": "https://example.invalid/vocab.txt"}}}
              ]
            }
            """;

    @BeforeAll
    static void runSweep() throws IOException {
        Map<String, String> fixtures = Map.of(
                "rocketqa-zh-nano-query-encoder", "query-encoder",
                "rocketqa-zh-nano-para-encoder", "para-encoder",
                "rocketqa-nano-cross-encoder", "cross-encoder");
        for (Map.Entry<String, String> model : fixtures.entrySet()) {
            Path folder = Files.createDirectories(mirror.resolve(model.getKey()));
            copyResource("/checkpoints/" + model.getValue() + "/model_state.pdparams",
                    folder.resolve(model.getKey() + ".pdparams"));
            copyResource("/checkpoints/" + model.getValue() + "/vocab.txt", folder.resolve("vocab.txt"));
        }
        ModelRegistry registry = ModelRegistry.parse(new StringReader(REGISTRY), "test registry");
        FileFetcher fetcher = new FileFetcher(new FetchSettings(mirror, cache, true, Duration.ofSeconds(2),
                Duration.ofSeconds(5), false));

        result = SizeSweep.of("nano")
                .dataset("cmrc2018?queries=6&other-passages=6")
                .passages(10).queries(3).warmup(1).recall(4).maxLength(48)
                .loaders((Device device) -> ModelLoader.create(device).withRegistry(registry).withFetcher(fetcher))
                .run();
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = RealWeightsSweepTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Files.copy(in, target);
        }
    }

    @Test
    void localCheckpointsAreUsed() {
        SweepRow row = result.rows().get(0);
        assertEquals(SweepRow.Status.MEASURED, row.status());
        assertEquals(WeightSource.REAL, row.dualWeights());
        assertEquals(WeightSource.REAL, row.crossWeights());
        assertEquals("real", row.weightsLabel());
        assertEquals("rocketqa-nano-cross-encoder", row.crossEncoder());
        assertEquals("own tokenizer", row.tokenizer());
    }

    @Test
    void qualityIncludesReranking() {
        SweepQuality quality = result.rows().get(0).quality();
        assertNotNull(quality);
        assertEquals(6, quality.queries());
        assertTrue(quality.hasReranked());
        assertTrue(quality.rerankedMrrAt10() >= 0, "re-ranked MRR@10 " + quality.rerankedMrrAt10());
        assertTrue(quality.rerankedMrrAt10() <= 1, "re-ranked MRR@10 " + quality.rerankedMrrAt10());
        assertTrue(quality.recallAt50() >= quality.recallAt1(), quality.toString());
        assertEquals(quality.rerankedMrrAt10(), quality.finalMrrAt10());
    }

    @Test
    void qualityTableShowsRerankedFigures() {
        assertEquals(1, result.qualityTable().rowCount());
        assertFalse(result.qualityTable().cell(0, "re-ranked MRR@10").contains("speed only"));
        assertTrue(result.plots().containsKey(SweepPlots.QUALITY));
    }

    @Test
    void noStandInTokenizerIsNamed() {
        assertTrue(result.table().notes().stream().noneMatch(note -> note.startsWith("Tokenizer of")),
                String.join("\n", result.table().notes()));
    }
}
