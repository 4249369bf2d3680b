package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rqa.InvalidInputException;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SafetensorsReaderTest {

    @Test
    void ernieFixtureMatchesRecorded() {
        SafetensorsReader.Contents contents = SafetensorsReader.read(Fixtures.path("cross-encoder-hf/model.safetensors"));
        assertEquals(Set.of("F32"), contents.dtypes());
        // The recorded tensors are in canonical [in, out] layout, so this also checks the transposition.
        Fixtures.assertMatchesRecorded("cross-encoder-hf", contents.weights());
    }

    @Test
    void ernieFixtureEqualsPdparamsCrossEncoder() {
        StateDict fromSafetensors = SafetensorsReader.read(Fixtures.path("cross-encoder-hf/model.safetensors"))
                .weights();
        StateDict fromPaddle = PdparamsReader.read(Fixtures.path("cross-encoder/model_state.pdparams")).weights();
        assertEquals(fromPaddle.names(), fromSafetensors.names());
        for (String name : fromPaddle.names()) {
            assertArrayEquals(fromPaddle.get(name).shape(), fromSafetensors.get(name).shape(), name);
            assertArrayEquals(fromPaddle.get(name).data(), fromSafetensors.get(name).data(), name);
        }
    }

    @Test
    void storedLayoutIsOutIn() {
        Map<String, Tensor> stored = SafetensorsReader.readTensors(Fixtures.path("cross-encoder-hf/model.safetensors"));
        assertArrayEquals(new long[] {64, 32}, stored.get("ernie.encoder.layer.0.intermediate.dense.weight").shape());
        assertArrayEquals(new long[] {2, 32}, stored.get("classifier.weight").shape());
    }

    @Test
    void halfPrecisionTypesWiden(@TempDir Path temp) throws IOException {
        Map<String, Object[]> tensors = new LinkedHashMap<>();
        // 1.0, -2.0, smallest subnormal, 65504 (largest half)
        tensors.put("embeddings.LayerNorm.weight", new Object[] {"F16", new long[] {4},
            shorts(0x3C00, 0xC000, 0x0001, 0x7BFF)});
        // bfloat16 1.0, -0.5, 3.140625
        tensors.put("embeddings.LayerNorm.bias", new Object[] {"BF16", new long[] {3}, shorts(0x3F80, 0xBF00, 0x4049)});
        tensors.put("pooler.dense.bias", new Object[] {"F64", new long[] {2}, doubles(0.1, -3.5)});
        Path file = write(temp.resolve("half.safetensors"), tensors);
        StateDict weights = SafetensorsReader.read(file).weights();
        assertArrayEquals(new float[] {1f, -2f, 0x1p-24f, 65504f}, weights.get("embeddings.LayerNorm.weight").data());
        assertArrayEquals(new float[] {1f, -0.5f, 3.140625f}, weights.get("embeddings.LayerNorm.bias").data());
        assertArrayEquals(new float[] {0.1f, -3.5f}, weights.get("pooler.dense.bias").data());
    }

    @Test
    void bertNamesMapWithAndWithoutPrefix(@TempDir Path temp) throws IOException {
        Map<String, Object[]> tensors = new LinkedHashMap<>();
        // [out 3, in 2] in PyTorch layout.
        tensors.put("bert.encoder.layer.0.attention.self.query.weight", new Object[] {"F32", new long[] {3, 2},
            floats(1, 2, 3, 4, 5, 6)});
        tensors.put("embeddings.LayerNorm.gamma", new Object[] {"F32", new long[] {2}, floats(7, 8)});
        tensors.put("bert.embeddings.position_ids", new Object[] {"I64", new long[] {1, 2}, new byte[16]});
        tensors.put("cls.predictions.bias", new Object[] {"F32", new long[] {2}, floats(0, 0)});
        Path file = write(temp.resolve("bert.safetensors"), tensors);
        SafetensorsReader.Contents contents = SafetensorsReader.read(file);
        Tensor query = contents.weights().get("encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[] {2, 3}, query.shape());
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, query.data());
        assertArrayEquals(new float[] {7, 8}, contents.weights().get("embeddings.LayerNorm.weight").data());
        assertEquals(List.of("bert.embeddings.position_ids", "cls.predictions.bias"), contents.ignored());
    }

    @Test
    void offsetsThatDisagreeWithShapeFail(@TempDir Path temp) throws IOException {
        Map<String, Object[]> tensors = new LinkedHashMap<>();
        tensors.put("pooler.dense.bias", new Object[] {"F32", new long[] {3}, floats(1, 2)});
        Path file = write(temp.resolve("bad.safetensors"), tensors);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(file));
        assertTrue(error.getMessage().contains("'pooler.dense.bias'"), error.getMessage());
        assertTrue(error.getMessage().contains("needs 12 bytes"), error.getMessage());
    }

    @Test
    void truncatedFileFails(@TempDir Path temp) throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.path("cross-encoder-hf/model.safetensors"));
        Path file = temp.resolve("cut.safetensors");
        Files.write(file, java.util.Arrays.copyOf(original, original.length - 100));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(file));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void garbageHeaderFails(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("garbage.safetensors");
        Files.write(file, "this is not a safetensors file".getBytes(StandardCharsets.UTF_8));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(file));
        assertTrue(error.getMessage().contains("not a safetensors file"), error.getMessage());
    }

    /** Writes a safetensors file from name to {dtype, shape, little-endian bytes}. */
    static Path write(Path file, Map<String, Object[]> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Object[]> entry : tensors.entrySet()) {
            byte[] bytes = (byte[]) entry.getValue()[2];
            long[] shape = (long[]) entry.getValue()[1];
            header.append(header.length() > 1 ? "," : "").append('"').append(entry.getKey()).append("\":{\"dtype\":\"")
                    .append(entry.getValue()[0]).append("\",\"shape\":").append(java.util.Arrays.toString(shape))
                    .append(",\"data_offsets\":[").append(data.size()).append(',').append(data.size() + bytes.length)
                    .append("]}");
            data.write(bytes);
        }
        header.append(",\"__metadata__\":{\"format\":\"pt\"}}");
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + headerBytes.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(headerBytes.length).put(headerBytes).put(data.toByteArray());
        Files.write(file, out.array());
        return file;
    }

    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private static byte[] shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return buffer.array();
    }

    private static byte[] doubles(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }
}
