package dev.rqa.model.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Hugging Face safetensors files: an 8-byte little-endian header length, a JSON header
 * giving each tensor's dtype, shape and byte range, then the little-endian data.
 *
 * <p>F32, F16, BF16 and F64 tensors are read as float32; other types are skipped. Names of BERT
 * ({@code bert.} prefix or none) and Hugging Face ERNIE ({@code ernie.} prefix) checkpoints map to
 * canonical names, and PyTorch linear weights ([out, in]) are transposed to [in, out].
 */
public final class SafetensorsReader {

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsReader.class);

    /** Header size limit of the safetensors reference implementation (100 MB). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /**
     * A read checkpoint.
     *
     * @param weights canonical tensors in [in, out] layout
     * @param dtypes  safetensors types found, for example {@code [F16]}
     * @param ignored tensors that are not encoder weights
     */
    public record Contents(StateDict weights, Set<String> dtypes, List<String> ignored) {
    }

    private record Entry(String dtype, long[] shape, long begin, long end) {
    }

    private SafetensorsReader() {
    }

    /** Reads a file and maps its tensors to canonical names and layout. */
    public static Contents read(Path file) {
        Map<String, Tensor> stored = new LinkedHashMap<>();
        Set<String> dtypes = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        readInto(file, stored, dtypes, ignored, true);

        Map<String, Tensor> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : stored.entrySet()) {
            String name = HuggingFaceNames.canonical(entry.getKey());
            Tensor tensor = entry.getValue();
            if (CanonicalNames.isLinearWeight(name)) {
                if (tensor.rank() != 2) {
                    throw new InvalidInputException("tensor '" + entry.getKey() + "' in " + file + " has shape "
                            + tensor.shapeString() + "; a linear weight must be a matrix");
                }
                tensor = Tensors.transpose(tensor);
            }
            if (canonical.put(name, tensor) != null) {
                throw new InvalidInputException(file + " contains two tensors for " + name + " (the second is '"
                        + entry.getKey() + "'); it mixes the weights of several models");
            }
        }
        if (!ignored.isEmpty()) {
            LOG.info("{}: ignored {} tensors that are not encoder weights: {}", file, ignored.size(),
                    ignored.size() > 10 ? ignored.subList(0, 10) + " ..." : ignored);
        }
        return new Contents(new StateDict(canonical, file.toString()), dtypes, ignored);
    }

    /** Reads every floating-point tensor as stored, with its file name and shape. */
    public static Map<String, Tensor> readTensors(Path file) {
        Map<String, Tensor> stored = new LinkedHashMap<>();
        readInto(file, stored, new LinkedHashSet<>(), new ArrayList<>(), false);
        return stored;
    }

    private static void readInto(Path file, Map<String, Tensor> target, Set<String> dtypes, List<String> ignored,
                                 boolean canonicalOnly) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer lengthBytes = readFully(channel, 0, 8, file);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new InvalidInputException(file + " is not a safetensors file: its header length "
                        + headerLength + " does not fit the file of " + size + " bytes");
            }
            String headerText = StandardCharsets.UTF_8.decode(readFully(channel, 8, (int) headerLength, file))
                    .toString();
            long dataStart = 8 + headerLength;
            for (Map.Entry<String, Entry> item : parseHeader(headerText, file).entrySet()) {
                String name = item.getKey();
                Entry entry = item.getValue();
                boolean needed = !canonicalOnly || HuggingFaceNames.canonical(name) != null;
                int itemSize = itemSize(entry.dtype());
                if (!needed || itemSize < 0) {
                    if (needed) {
                        throw new InvalidInputException("tensor '" + name + "' in " + file + " has dtype "
                                + entry.dtype() + "; weights must be F32, F16, BF16 or F64");
                    }
                    ignored.add(name);
                    continue;
                }
                long count = Tensors.elementCount(entry.shape());
                long length = entry.end() - entry.begin();
                if (entry.begin() < 0 || length != count * itemSize || dataStart + entry.end() > size) {
                    throw new InvalidInputException("tensor '" + name + "' in " + file + " has data_offsets ["
                            + entry.begin() + ", " + entry.end() + "] but its shape "
                            + Arrays.toString(entry.shape()) + " of " + entry.dtype() + " needs " + count * itemSize
                            + " bytes within the " + (size - dataStart) + " data bytes; the file is corrupt"
                            + " or truncated");
                }
                if (length > Integer.MAX_VALUE - 8) {
                    throw new InvalidInputException("tensor '" + name + "' in " + file + " has " + length
                            + " bytes, more than a Java array can contain");
                }
                ByteBuffer data = readFully(channel, dataStart + entry.begin(), (int) length, file);
                target.put(name, new Tensor(entry.shape(), decode(data, entry.dtype(), (int) count)));
                dtypes.add(entry.dtype());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("safetensors file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Entry> parseHeader(String text, Path file) {
        JsonObject header;
        try {
            header = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new InvalidInputException(file + " has an invalid safetensors JSON header: " + e.getMessage(), e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> item : header.entrySet()) {
            if (item.getKey().equals("__metadata__")) {
                continue;
            }
            try {
                JsonObject description = item.getValue().getAsJsonObject();
                JsonArray shapeArray = description.getAsJsonArray("shape");
                long[] shape = new long[shapeArray.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeArray.get(i).getAsLong();
                }
                JsonArray offsets = description.getAsJsonArray("data_offsets");
                entries.put(item.getKey(), new Entry(description.get("dtype").getAsString(), shape,
                        offsets.get(0).getAsLong(), offsets.get(1).getAsLong()));
            } catch (RuntimeException e) {
                throw new InvalidInputException(file + ": the header entry of '" + item.getKey()
                        + "' lacks dtype, shape or data_offsets; the file is corrupt", e);
            }
        }
        return entries;
    }

    private static int itemSize(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64" -> 8;
            default -> -1;
        };
    }

    private static float[] decode(ByteBuffer data, String dtype, int count) {
        data.order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        switch (dtype) {
            case "F32" -> data.asFloatBuffer().get(values);
            case "F16" -> {
                for (int i = 0; i < count; i++) {
                    values[i] = HalfFloats.halfToFloat(data.getShort(i * 2) & 0xffff);
                }
            }
            case "BF16" -> {
                for (int i = 0; i < count; i++) {
                    values[i] = HalfFloats.bfloat16ToFloat(data.getShort(i * 2) & 0xffff);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    values[i] = (float) data.getDouble(i * 8);
                }
            }
        }
        return values;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long offset = position;
        while (buffer.hasRemaining()) {
            int count = channel.read(buffer, offset);
            if (count < 0) {
                throw new InvalidInputException(file + " ends at byte " + offset + " but " + buffer.remaining()
                        + " more bytes were expected; the file is truncated");
            }
            offset += count;
        }
        return buffer.flip();
    }
}
