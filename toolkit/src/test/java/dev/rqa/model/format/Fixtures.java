package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The seeded checkpoints under test resources {@code checkpoints/} and their expected.json. */
final class Fixtures {

    private static JsonObject expected;

    private Fixtures() {
    }

    static Path directory() {
        try {
            return Path.of(Fixtures.class.getResource("/checkpoints/expected.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String relative) {
        return directory().resolve(relative);
    }

    static synchronized JsonObject expected() {
        if (expected == null) {
            try {
                expected = JsonParser.parseString(Files.readString(path("expected.json"), StandardCharsets.UTF_8))
                        .getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    static JsonObject checkpoint(String name) {
        return expected().getAsJsonObject("checkpoints").getAsJsonObject(name);
    }

    static long[] longs(JsonArray array) {
        long[] result = new long[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = array.get(i).getAsLong();
        }
        return result;
    }

    static float[] floats(JsonArray array) {
        float[] result = new float[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) array.get(i).getAsDouble();
        }
        return result;
    }

    static double sum(float[] values) {
        double total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }

    /**
     * Checks that weights hold exactly the recorded tensors: names, shapes, first and last values
     * (exact, since every value is a float32 printed to round-trip) and the float64 sum.
     */
    static void assertMatchesRecorded(String checkpoint, StateDict weights) {
        JsonObject tensors = checkpoint(checkpoint).getAsJsonObject("tensors");
        assertEquals(tensors.keySet(), weights.names(), "tensor names of " + checkpoint);
        for (Map.Entry<String, JsonElement> entry : tensors.entrySet()) {
            JsonObject recorded = entry.getValue().getAsJsonObject();
            Tensor tensor = weights.get(entry.getKey());
            assertArrayEquals(longs(recorded.getAsJsonArray("shape")), tensor.shape(), entry.getKey());
            float[] first = floats(recorded.getAsJsonArray("first"));
            for (int i = 0; i < first.length; i++) {
                assertEquals(first[i], tensor.data()[i], entry.getKey() + " value " + i);
            }
            assertEquals((float) recorded.get("last").getAsDouble(), tensor.data()[tensor.data().length - 1],
                    entry.getKey() + " last value");
            assertEquals(recorded.get("sum").getAsDouble(), sum(tensor.data()), 1e-9,
                    entry.getKey() + " sum");
        }
    }
}
