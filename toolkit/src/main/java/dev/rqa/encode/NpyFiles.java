package dev.rqa.encode;

import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes embedding matrices as NumPy {@code .npy} files: a 2-D float32 array in C order.
 *
 * <p>Format as specified in NumPy's {@code numpy.lib.format} (NEP 1): the magic string
 * {@code \x93NUMPY}, a major and minor version byte, a little-endian header length (2 bytes in
 * version 1.0, 4 bytes in 2.0 and 3.0), and a Python dict literal with the keys {@code descr},
 * {@code fortran_order} and {@code shape}, padded with spaces and ending in a newline so that the
 * data starts at a multiple of 64 bytes. Files written here use version 1.0 and {@code '<f4'}.
 * Reading also accepts versions 2.0 and 3.0 and big-endian {@code '>f4'}.
 */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy 1.x and 2.x align the data start to 64 bytes. */
    private static final int ALIGNMENT = 64;
    /** Version 1.0 stores the header length in an unsigned 16-bit field. */
    private static final int MAX_V1_HEADER = 65535;
    /** Bound on header size when reading, so a corrupt length cannot make us allocate gigabytes. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int COPY_FLOATS = 1 << 16;

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(\\w+)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyFiles() {
    }

    /** Writes the matrix as a float32 C-order array of shape (rows, dim), atomically. */
    public static void write(Path path, Embeddings embeddings) throws IOException {
        byte[] header = header(embeddings.rows(), embeddings.dim());
        AtomicFiles.write(path, out -> {
            out.write(header);
            writeFloats(out, embeddings.data());
        });
    }

    /**
     * Reads a 2-D float32 array in C order.
     *
     * @throws InvalidInputException when the file is missing, is not an {@code .npy} file, has
     *                               another dtype, Fortran order or another rank, or is truncated
     */
    public static Embeddings read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            Header header = readHeader(path, channel, fileSize);
            long expectedBytes = header.dataOffset + (long) header.rows * header.dim * Float.BYTES;
            if (fileSize < expectedBytes) {
                throw new InvalidInputException(path + " is truncated: shape (" + header.rows + ", " + header.dim
                        + ") needs " + expectedBytes + " bytes but the file has " + fileSize
                        + "; write it again");
            }
            if (fileSize > expectedBytes) {
                throw new InvalidInputException(path + " has " + (fileSize - expectedBytes)
                        + " bytes after the array of shape (" + header.rows + ", " + header.dim
                        + "); it is not a single .npy array (an .npz archive or a damaged file?)");
            }
            float[] data = new float[header.rows * header.dim];
            readFloats(channel, header.dataOffset, data, header.order);
            return new Embeddings(header.rows, header.dim, data);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("vector file not found: " + path, e);
        }
    }

    static byte[] header(int rows, int dim) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }";
        int preamble = MAGIC.length + 2 + 2;
        int unpadded = preamble + dict.length() + 1;
        int padded = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        StringBuilder text = new StringBuilder(dict);
        text.append(" ".repeat(padded - unpadded)).append('\n');
        int headerLength = text.length();
        if (headerLength > MAX_V1_HEADER) {
            throw new IllegalStateException("npy header too long: " + headerLength);
        }
        ByteBuffer buffer = ByteBuffer.allocate(preamble + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        buffer.put(text.toString().getBytes(StandardCharsets.US_ASCII));
        return buffer.array();
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(COPY_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += COPY_FLOATS) {
            int count = Math.min(COPY_FLOATS, data.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(data, start, count);
            out.write(buffer.array(), 0, count * Float.BYTES);
        }
    }

    private static void readFloats(FileChannel channel, long offset, float[] data, ByteOrder order)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(COPY_FLOATS * Float.BYTES).order(order);
        long position = offset;
        for (int start = 0; start < data.length; start += COPY_FLOATS) {
            int count = Math.min(COPY_FLOATS, data.length - start);
            buffer.clear().limit(count * Float.BYTES);
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("unexpected end of file at byte " + position);
                }
                position += read;
            }
            buffer.flip();
            buffer.asFloatBuffer().get(data, start, count);
        }
    }

    private record Header(int rows, int dim, ByteOrder order, long dataOffset) {
    }

    private static Header readHeader(Path path, FileChannel channel, long fileSize) throws IOException {
        ByteBuffer preamble = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, preamble, 0);
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.position() <= i || preamble.get(i) != MAGIC[i]) {
                throw new InvalidInputException(path + " is not an .npy file: it does not start with the NumPy "
                        + "magic string \\x93NUMPY; save the array with numpy.save");
            }
        }
        if (preamble.position() < preamble.capacity()) {
            throw new InvalidInputException(path + " is truncated inside the .npy preamble");
        }
        int major = preamble.get(6) & 0xff;
        int minor = preamble.get(7) & 0xff;
        int lengthBytes;
        if (major == 1) {
            lengthBytes = 2;
        } else if (major == 2 || major == 3) {
            lengthBytes = 4;
        } else {
            throw new InvalidInputException(path + " uses .npy format version " + major + "." + minor
                    + ", which is not supported (expected 1.0, 2.0 or 3.0)");
        }

        ByteBuffer lengthBuffer = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBuffer, preamble.capacity());
        if (lengthBuffer.position() < lengthBytes) {
            throw new InvalidInputException(path + " is truncated inside the .npy header length");
        }
        long headerLength = lengthBytes == 2 ? lengthBuffer.getShort(0) & 0xffff : lengthBuffer.getInt(0) & 0xffffffffL;
        long dataOffset = preamble.capacity() + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES || dataOffset > fileSize) {
            throw new InvalidInputException(path + " is truncated or damaged: its header claims " + headerLength
                    + " bytes but the file has " + fileSize + " bytes in all");
        }
        ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBuffer, preamble.capacity() + lengthBytes);
        String text = new String(headerBuffer.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(path, text, dataOffset);
    }

    private static Header parseHeader(Path path, String text, long dataOffset) {
        String dict = text.strip();
        if (!dict.startsWith("{") || !dict.endsWith("}")) {
            throw new InvalidInputException(path + " has a malformed .npy header (expected a Python dict): " + dict);
        }

        String descr = find(path, DESCR, dict, "descr");
        ByteOrder order;
        if (descr.equals("<f4")) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (descr.equals(">f4")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new InvalidInputException(path + " has dtype '" + descr + "', but embeddings must be float32 "
                    + "('<f4'); convert with numpy.save(path, array.astype(numpy.float32))");
        }

        String fortran = find(path, FORTRAN, dict, "fortran_order");
        if (fortran.equals("True")) {
            throw new InvalidInputException(path + " stores its array in Fortran (column-major) order; save a "
                    + "C-order copy with numpy.save(path, numpy.ascontiguousarray(array))");
        }
        if (!fortran.equals("False")) {
            throw new InvalidInputException(path + " has an invalid fortran_order value '" + fortran + "'");
        }

        List<Long> shape = parseShape(path, find(path, SHAPE, dict, "shape"));
        if (shape.size() != 2) {
            throw new InvalidInputException(path + " contains an array of shape " + formatShape(shape)
                    + ", expected a 2-D array (rows, dim)");
        }
        long rows = shape.get(0);
        long dim = shape.get(1);
        if (dim == 0) {
            throw new InvalidInputException(path + " contains vectors of dimension 0");
        }
        if (rows * dim > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path + " contains " + rows + " x " + dim
                    + " values, more than one Java array can hold (2^31 - 9); split the file by rows");
        }
        return new Header((int) rows, (int) dim, order, dataOffset);
    }

    private static String find(Path path, Pattern pattern, String dict, String key) {
        Matcher matcher = pattern.matcher(dict);
        if (!matcher.find()) {
            throw new InvalidInputException(path + " has a malformed .npy header without '" + key + "': " + dict);
        }
        return matcher.group(1).trim();
    }

    private static List<Long> parseShape(Path path, String text) {
        List<Long> shape = new ArrayList<>();
        for (String part : text.split(",")) {
            String value = part.trim();
            if (value.isEmpty()) {
                continue;
            }
            // Python 2 wrote long integers with an L suffix.
            if (value.toUpperCase(Locale.ROOT).endsWith("L")) {
                value = value.substring(0, value.length() - 1);
            }
            try {
                long dimension = Long.parseLong(value);
                if (dimension < 0 || dimension > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                shape.add(dimension);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(path + " has an invalid shape entry '" + part.trim()
                        + "' in its .npy header");
            }
        }
        return shape;
    }

    private static String formatShape(List<Long> shape) {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        return shape.toString().replace('[', '(').replace(']', ')');
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }
}
