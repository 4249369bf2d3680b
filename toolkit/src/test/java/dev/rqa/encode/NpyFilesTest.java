package dev.rqa.encode;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixtures under {@code npy/} were written by NumPy 1.24 with
 * {@code toolkit/src/test/scripts/make_npy_fixtures.py}.
 */
class NpyFilesTest {

    private static final float[] FIXTURE = {
        -0.5f, -0.375f, -0.25f, -0.125f,
        0f, 0.125f, 0.25f, 0.375f,
        0.5f, 0.625f, 0.75f, -1e-30f,
    };

    @TempDir
    Path directory;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NpyFilesTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsNumpyFile() throws Exception {
        Embeddings matrix = NpyFiles.read(resource("float32_3x4.npy"));
        assertEquals(3, matrix.rows());
        assertEquals(4, matrix.dim());
        assertArrayEquals(FIXTURE, matrix.data());
    }

    @Test
    void readsBigEndianFile() throws Exception {
        assertArrayEquals(FIXTURE, NpyFiles.read(resource("float32_bigendian_3x4.npy")).data());
    }

    @Test
    void readsEmptyMatrix() throws Exception {
        Embeddings matrix = NpyFiles.read(resource("float32_empty_0x4.npy"));
        assertEquals(0, matrix.rows());
        assertEquals(4, matrix.dim());
    }

    @Test
    void writesSameBytesAsNumpy() throws Exception {
        Path written = directory.resolve("matrix.npy");
        NpyFiles.write(written, new Embeddings(3, 4, FIXTURE.clone()));
        assertArrayEquals(Files.readAllBytes(resource("float32_3x4.npy")), Files.readAllBytes(written));
    }

    @Test
    void roundTripKeepsValues() throws IOException {
        float[] data = new float[7 * 300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * 1000;
        }
        data[5] = Float.MIN_VALUE;
        data[6] = -0f;
        Path file = directory.resolve("sub").resolve("round.npy");
        NpyFiles.write(file, new Embeddings(7, 300, data));
        Embeddings back = NpyFiles.read(file);
        assertEquals(7, back.rows());
        assertEquals(300, back.dim());
        assertArrayEquals(data, back.data());
        assertEquals(0, (Files.size(file) - 7 * 300 * Float.BYTES) % 64);
    }

    @Test
    void headerAlignsDataTo64Bytes() {
        for (int rows : new int[] {0, 1, 12345, Integer.MAX_VALUE / 1024}) {
            assertEquals(0, NpyFiles.header(rows, 1024).length % 64, "rows " + rows);
        }
    }

    @Test
    void numpyReadsWrittenFile() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Debian python3 is not installed");
        Path file = directory.resolve("for-numpy.npy");
        NpyFiles.write(file, new Embeddings(3, 4, FIXTURE.clone()));
        Process process = new ProcessBuilder(python.toString(), "-c",
                "import sys, numpy; a = numpy.load(sys.argv[1]); "
                        + "print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], repr(a.tolist()))",
                file.toString()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        Assumptions.assumeFalse(output.contains("No module named 'numpy'"), "python3-numpy is not installed");
        assertEquals("float32 (3, 4) True [[-0.5, -0.375, -0.25, -0.125], [0.0, 0.125, 0.25, 0.375], "
                + "[0.5, 0.625, 0.75, -1.0000000031710769e-30]]", output);
    }

    @Test
    void rejectsFloat64() throws Exception {
        Path file = resource("float64_3x4.npy");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("'<f8'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void rejectsFortranOrder() throws Exception {
        Path file = resource("float32_fortran_3x4.npy");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("Fortran"), error.getMessage());
    }

    @Test
    void rejectsOneDimensionalArray() throws Exception {
        Path file = resource("float32_vector_5.npy");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("(5,)"), error.getMessage());
    }

    @Test
    void rejectsTruncatedData() throws Exception {
        byte[] bytes = Files.readAllBytes(resource("float32_3x4.npy"));
        Path file = directory.resolve("truncated.npy");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() throws Exception {
        byte[] bytes = Files.readAllBytes(resource("float32_3x4.npy"));
        for (int length : new int[] {0, 3, 7, 9, 40}) {
            Path file = directory.resolve("header-" + length + ".npy");
            Files.write(file, Arrays.copyOf(bytes, length));
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file),
                    "length " + length);
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void rejectsTrailingBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(resource("float32_3x4.npy"));
        Path file = directory.resolve("longer.npy");
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 4));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("4 bytes after the array"), error.getMessage());
    }

    @Test
    void rejectsForeignFile() throws IOException {
        Path file = directory.resolve("vectors.tsv");
        Files.writeString(file, "0.1\t0.2\n0.3\t0.4\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains("not an .npy file"), error.getMessage());
    }

    @Test
    void rejectsUnknownVersionAndBadShape() throws IOException {
        for (List<Object> example : List.of(
                List.<Object>of(9, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", "version 9.0"),
                List.<Object>of(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, x), }", "'x'"),
                List.<Object>of(1, "{'descr': '<f4', 'fortran_order': False, }", "without 'shape'"),
                List.<Object>of(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 0), }", "dimension 0"),
                List.<Object>of(1, "not a dict", "malformed"))) {
            byte[] header = ((String) example.get(1) + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[10 + header.length];
            bytes[0] = (byte) 0x93;
            System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
            bytes[6] = (byte) (int) (Integer) example.get(0);
            bytes[8] = (byte) header.length;
            System.arraycopy(header, 0, bytes, 10, header.length);
            Path file = directory.resolve("bad.npy");
            Files.write(file, bytes);
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
            assertTrue(error.getMessage().contains((String) example.get(2)), error.getMessage());
        }
    }

    @Test
    void rejectsMissingFile() {
        Path file = directory.resolve("missing.npy");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NpyFiles.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void writeLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("clean.npy");
        NpyFiles.write(file, new Embeddings(2, 2, new float[] {1, 2, 3, 4}));
        NpyFiles.write(file, new Embeddings(1, 2, new float[] {5, 6}));
        try (var listing = Files.list(directory)) {
            assertEquals(List.of(file), listing.toList());
        }
        assertArrayEquals(new float[] {5, 6}, NpyFiles.read(file).data());
    }
}
