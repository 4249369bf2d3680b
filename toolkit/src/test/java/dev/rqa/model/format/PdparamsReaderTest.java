package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the seeded .pdparams fixtures written by generate.py the way paddle.save writes them. */
class PdparamsReaderTest {

    @Test
    void protocolTwoWithPrefixMatchesRecorded() {
        PdparamsReader.Contents contents = PdparamsReader.read(Fixtures.path("query-encoder/model_state.pdparams"));
        assertEquals(2, contents.protocol());
        assertEquals("ernie.", contents.prefix());
        assertEquals(Set.of("float32"), contents.dtypes());
        Fixtures.assertMatchesRecorded("query-encoder", contents.weights());
    }

    @Test
    void protocolTwoSkipsNameTable() {
        PdparamsReader.Contents contents = PdparamsReader.read(Fixtures.path("query-encoder/model_state.pdparams"));
        assertTrue(contents.ignored().isEmpty(), contents.ignored().toString());
        Map<String, NumpyArray> arrays = PdparamsReader.readArrays(Fixtures.path("query-encoder/model_state.pdparams"));
        assertFalse(arrays.containsKey(PdparamsReader.NAME_TABLE_KEY));
    }

    @Test
    void protocolFourFloat16TuplesMatchRecorded() {
        PdparamsReader.Contents contents = PdparamsReader.read(Fixtures.path("para-encoder/model_state.pdparams"));
        assertEquals(4, contents.protocol());
        assertEquals("", contents.prefix());
        assertEquals(Set.of("float16"), contents.dtypes());
        // Recorded values are the fp16 numbers as float32, so equality shows the widening is exact.
        Fixtures.assertMatchesRecorded("para-encoder", contents.weights());
    }

    @Test
    void protocolThreeOrderedDictWithClassifierMatchesRecorded() {
        PdparamsReader.Contents contents = PdparamsReader.read(Fixtures.path("cross-encoder/model_state.pdparams"));
        assertEquals(3, contents.protocol());
        assertEquals("ernie.", contents.prefix());
        Fixtures.assertMatchesRecorded("cross-encoder", contents.weights());
        assertArrayEquals(new long[] {32, 2}, contents.weights().get("classifier.weight").shape());
    }

    @Test
    void keysKeepFileOrder() {
        Map<String, NumpyArray> arrays = PdparamsReader.readArrays(Fixtures.path("cross-encoder/model_state.pdparams"));
        List<String> keys = List.copyOf(arrays.keySet());
        assertEquals("ernie.embeddings.word_embeddings.weight", keys.get(0));
        assertEquals("classifier.bias", keys.get(keys.size() - 1));
    }

    @Test
    void byteOrdersAndWidthsDecode() {
        Map<String, NumpyArray> arrays = PdparamsReader.readArrays(Fixtures.path("pickles/dtypes.pdparams"));
        JsonObject cases = Fixtures.expected().getAsJsonObject("pickle_cases").getAsJsonObject("dtypes.pdparams");
        assertEquals(cases.keySet(), arrays.keySet());
        for (String key : cases.keySet()) {
            JsonObject recorded = cases.getAsJsonObject(key);
            NumpyArray array = arrays.get(key);
            assertNull(array.defect(), key);
            assertArrayEquals(Fixtures.longs(recorded.getAsJsonArray("shape")), array.shape(), key);
            assertArrayEquals(Fixtures.floats(recorded.getAsJsonArray("values")), array.values(), key);
        }
        assertEquals(">float32", arrays.get("big_f4").dtype());
        assertEquals("float64", arrays.get("little_f8").dtype());
        assertEquals(">float16", arrays.get("big_f2").dtype());
    }

    @Test
    void splitArraysAreJoined() {
        Map<String, NumpyArray> arrays = PdparamsReader.readArrays(Fixtures.path("pickles/split.pdparams"));
        JsonObject recorded = Fixtures.expected().getAsJsonObject("pickle_cases").getAsJsonObject("split.pdparams")
                .getAsJsonObject("embeddings.word_embeddings.weight");
        assertEquals(Set.of("embeddings.word_embeddings.weight"), arrays.keySet());
        NumpyArray joined = arrays.get("embeddings.word_embeddings.weight");
        assertArrayEquals(new long[] {6, 4}, joined.shape());
        assertArrayEquals(Fixtures.floats(recorded.getAsJsonArray("values")), joined.values());
    }

    @Test
    void shapeMismatchNamesTensorAndSizes() {
        Path file = Fixtures.path("pickles/shape-mismatch.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PdparamsReader.read(file));
        assertTrue(error.getMessage().contains("'encoder.layers.0.norm1.weight'"), error.getMessage());
        assertTrue(error.getMessage().contains("40 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("[3, 5]"), error.getMessage());
        assertTrue(error.getMessage().contains("needs 60"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void truncatedFileFailsClearly(@TempDir Path temp) throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.path("query-encoder/model_state.pdparams"));
        for (int length : new int[] {1, 40, original.length / 2, original.length - 1}) {
            Path file = temp.resolve("cut-" + length + ".pdparams");
            Files.write(file, Arrays.copyOf(original, length));
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> PdparamsReader.read(file));
            assertTrue(error.getMessage().contains("truncated"), error.getMessage());
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void notADictFailsClearly(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("list.pdparams");
        // Protocol 2: an empty list.
        Files.write(file, new byte[] {(byte) 0x80, 2, ']', '.'});
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PdparamsReader.read(file));
        assertTrue(error.getMessage().contains("not a dict"), error.getMessage());
    }

    @Test
    void missingFileNamesIt() {
        Path file = Fixtures.path("no-such.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PdparamsReader.read(file));
        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }
}
