package dev.rqa.model;

import dev.rqa.model.format.CheckpointValidator;
import dev.rqa.model.registry.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomWeightsTest {

    private static TransformerConfig architecture(String size) {
        return ModelRegistry.builtIn().get("rocketqa-zh-" + size + "-query-encoder").architecture();
    }

    @Test
    void sameSeedGivesSameValues() {
        TransformerConfig nano = architecture("nano");
        StateDict first = RandomWeights.encoder(nano, 7);
        StateDict second = RandomWeights.encoder(nano, 7);
        assertEquals(first.names(), second.names());
        for (String name : first.names()) {
            assertArrayEquals(first.get(name).data(), second.get(name).data(), name);
        }
    }

    @Test
    void otherSeedGivesOtherValues() {
        TransformerConfig nano = architecture("nano");
        float[] first = RandomWeights.encoder(nano, 7).get("encoder.layer.0.attention.self.query.weight").data();
        float[] second = RandomWeights.encoder(nano, 8).get("encoder.layer.0.attention.self.query.weight").data();
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void tensorsDifferWithinOneSeed() {
        StateDict weights = RandomWeights.encoder(architecture("nano"), 7);
        assertFalse(Arrays.equals(weights.get("encoder.layer.0.attention.self.query.weight").data(),
                weights.get("encoder.layer.0.attention.self.key.weight").data()));
    }

    /** The word embeddings span 12 chunks of 2^20 values, so chunks drawing the same numbers would show here. */
    @Test
    void chunksDrawDistinctValues() {
        float[] words = RandomWeights.encoder(architecture("nano"), 7).get("embeddings.word_embeddings.weight").data();
        int chunk = 1 << 20;
        assertFalse(Arrays.equals(Arrays.copyOfRange(words, chunk, chunk + 64),
                Arrays.copyOfRange(words, 2 * chunk, 2 * chunk + 64)));
    }

    @Test
    void everySizeValidatesAgainstItsArchitecture() {
        for (String size : List.of("base", "medium", "mini", "micro", "nano")) {
            TransformerConfig config = architecture(size);
            StateDict weights = RandomWeights.crossEncoder(config, 1);
            assertTrue(CheckpointValidator.validate(config, weights, 2).warnings().isEmpty(), size);
        }
    }

    @Test
    void crossEncoderHasPoolerAndTwoClasses() {
        TransformerConfig micro = architecture("micro");
        StateDict weights = RandomWeights.crossEncoder(micro, 1);
        assertArrayEquals(new long[] {384, 384}, weights.get("pooler.dense.weight").shape());
        assertArrayEquals(new long[] {384, 2}, weights.get("classifier.weight").shape());
        assertArrayEquals(new long[] {2}, weights.get("classifier.bias").shape());
        assertFalse(RandomWeights.encoder(micro, 1).contains("pooler.dense.weight"));
    }

    @Test
    void valuesFollowBertInitialisation() {
        TransformerConfig mini = architecture("mini");
        StateDict weights = RandomWeights.encoder(mini, 3);

        float[] matrix = weights.get("encoder.layer.2.intermediate.dense.weight").data();
        double mean = 0;
        for (float value : matrix) {
            mean += value;
        }
        mean /= matrix.length;
        double variance = 0;
        for (float value : matrix) {
            variance += (value - mean) * (value - mean);
        }
        double std = Math.sqrt(variance / matrix.length);
        assertEquals(0.0, mean, 1e-3);
        assertEquals(RandomWeights.DEFAULT_STD, std, 5e-4);

        for (float value : weights.get("encoder.layer.2.output.LayerNorm.weight").data()) {
            assertEquals(1f, value);
        }
        for (float value : weights.get("encoder.layer.2.output.LayerNorm.bias").data()) {
            assertEquals(0f, value);
        }
        for (float value : weights.get("encoder.layer.2.attention.self.value.bias").data()) {
            assertEquals(0f, value);
        }
    }

    @Test
    void paddingRowIsZero() {
        TransformerConfig nano = architecture("nano");
        float[] words = RandomWeights.encoder(nano, 3).get("embeddings.word_embeddings.weight").data();
        int width = nano.hiddenSize();
        int pad = nano.padTokenId();
        for (int i = pad * width; i < (pad + 1) * width; i++) {
            assertEquals(0f, words[i]);
        }
        assertTrue(words[(pad + 1) * width] != 0f);
    }

    /** Base has about 118 million values; generating them must take seconds, not minutes. */
    @Test
    void baseGeneratesInSeconds() {
        TransformerConfig base = architecture("base");
        long start = System.nanoTime();
        StateDict weights = RandomWeights.encoder(base, 5);
        double seconds = (System.nanoTime() - start) / 1e9;
        long values = 0;
        for (Map.Entry<String, Tensor> entry : weights.asMap().entrySet()) {
            values += entry.getValue().data().length;
        }
        assertTrue(values > 110_000_000L, "base holds " + values + " values");
        assertTrue(seconds < 30, "generating base took " + seconds + " s");
    }
}
