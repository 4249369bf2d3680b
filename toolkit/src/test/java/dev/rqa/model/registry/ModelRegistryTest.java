package dev.rqa.model.registry;

import dev.rqa.InvalidInputException;
import dev.rqa.index.Similarity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRegistryTest {

    private final ModelRegistry registry = ModelRegistry.builtIn();

    @Test
    void bgeDefaultsMatchPublishedModel() {
        ModelSpec spec = registry.get("bge-small-zh-v1.5");
        assertEquals(ModelKind.ENCODER, spec.kind());
        assertEquals(4, spec.architecture().numLayers());
        assertEquals(512, spec.architecture().hiddenSize());
        assertEquals(8, spec.architecture().numHeads());
        assertEquals(Similarity.COSINE, spec.similarity());
        assertEquals("cls", spec.settings().pooling());
        assertTrue(spec.settings().normalize());
        assertEquals("为这个句子生成表示以用于检索相关文章：", spec.settings().queryPrefix());
        assertEquals("classpath:/bge-small-zh-v1.5.onnx", spec.source().files().get("weights"));
    }

    @Test
    void allFifteenRocketqaModelsPresent() {
        for (String size : List.of("base", "medium", "mini", "micro", "nano")) {
            assertEquals(ModelKind.QUERY_ENCODER, registry.get("rocketqa-zh-" + size + "-query-encoder").kind());
            assertEquals(ModelKind.PASSAGE_ENCODER, registry.get("rocketqa-zh-" + size + "-para-encoder").kind());
            ModelSpec cross = registry.get("rocketqa-" + size + "-cross-encoder");
            assertEquals(ModelKind.CROSS_ENCODER, cross.kind());
            assertEquals(384, cross.pairMaxLength());
            assertTrue(cross.source().files().get("weights").endsWith("/rocketqa-" + size + "-cross-encoder.pdparams"));
            ModelSpec pair = registry.get("rocketqa-zh-" + size);
            assertTrue(pair.isPair());
            assertEquals("rocketqa-zh-" + size + "-query-encoder", pair.queryModel());
        }
    }

    @Test
    void rocketqaShapesFollowErnieSizes() {
        assertEquals(12, registry.get("rocketqa-zh-base-query-encoder").architecture().numLayers());
        assertEquals(3, registry.get("rocketqa-zh-base-query-encoder").architecture().taskTypeVocabSize());
        assertEquals(16, registry.get("rocketqa-zh-nano-para-encoder").architecture().taskTypeVocabSize());
        assertEquals(312, registry.get("rocketqa-nano-cross-encoder").architecture().hiddenSize());
        assertEquals(1248, registry.get("rocketqa-nano-cross-encoder").architecture().intermediateSize());
        assertEquals(40000, registry.get("rocketqa-mini-cross-encoder").architecture().vocabSize());
        assertFalse(registry.get("rocketqa-zh-mini-query-encoder").settings().normalize());
        assertEquals(32, registry.get("rocketqa-zh-mini-query-encoder").settings().queryMaxLength());
        assertEquals(384, registry.get("rocketqa-zh-mini-para-encoder").settings().passageMaxLength());
    }

    @Test
    void unknownModelListsKnownNames() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.get("bge-large"));
        assertTrue(error.getMessage().contains("bge-large"), error.getMessage());
        assertTrue(error.getMessage().contains("bge-small-zh-v1.5"), error.getMessage());
        assertTrue(error.getMessage().contains("rocketqa-zh-nano"), error.getMessage());
    }

    @Test
    void pairNamingWrongKindIsRejected() {
        String json = "{\"architectures\":{},\"settingsProfiles\":{},\"models\":[{\"name\":\"p\",\"kind\":\"pair\","
                + "\"query\":\"q\",\"passage\":\"x\",\"similarity\":\"cosine\"}]}";
        assertThrows(IllegalStateException.class,
                () -> ModelRegistry.parse(new java.io.StringReader(json), "test.json"));
    }
}
