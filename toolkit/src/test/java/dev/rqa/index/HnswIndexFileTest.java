package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.NpyFiles;
import dev.rqa.eval.ScoredDocument;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HnswIndexFileTest {

    private static final int K = 10;
    private static final Embeddings PASSAGES = TestVectors.gaussian(600, 16, 101, 1.0);
    private static final Embeddings QUERIES = TestVectors.gaussian(25, 16, 102, 0);

    @TempDir
    static Path directory;

    private static HnswPassageIndex index;
    private static Path saved;
    private static Path queryFile;
    private static String expected;

    @BeforeAll
    static void saveIndex() throws IOException {
        index = HnswPassageIndex.build(TestVectors.ids("passage-", 600), PASSAGES, Similarity.DOT,
                HnswOptions.defaults().withThreads(1).withEf(64).withProgress(false));
        saved = directory.resolve("index.hnsw");
        index.save(saved);
        queryFile = directory.resolve("queries.npy");
        NpyFiles.write(queryFile, QUERIES);
        expected = format(index.search(QUERIES, K));
    }

    /** Formats results as one line per hit: query row, passage id, and score as Double.toString prints it. */
    static String format(List<List<ScoredDocument>> results) {
        StringBuilder text = new StringBuilder();
        for (int q = 0; q < results.size(); q++) {
            for (ScoredDocument document : results.get(q)) {
                text.append(q).append('\t').append(document.documentId()).append('\t').append(document.score())
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Returns the test JVM's class path entries, also when surefire hides them in a manifest jar. */
    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).toList();
    }

    @Test
    void loadedIndexReturnsSameResults() throws IOException {
        HnswPassageIndex loaded = HnswPassageIndex.load(saved);
        assertEquals(expected, format(loaded.search(QUERIES, K)));
        assertEquals(index.passageIds(), loaded.passageIds());
        assertEquals(Similarity.DOT, loaded.similarity());
        assertEquals(HnswSpace.MIPS_EUCLIDEAN, loaded.space());
        assertEquals(64, loaded.options().ef());
        assertEquals(index.maxNorm(), loaded.maxNorm());
    }

    @Test
    void childJvmReturnsSameResults() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = directory.resolve("child.log");
        Process process = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath()),
                HnswSearchMain.class.getName(), saved.toString(), queryFile.toString(), String.valueOf(K))
                .redirectError(log.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, process.exitValue(), Files.readString(log));
        assertEquals(expected, output);
    }

    @Test
    void jshellReturnsSameResults() throws IOException {
        // A notebook kernel's classes live in JShell's class loader, which the thread's context class
        // loader may not reach. The first snippet sets the context loader to the system loader to model that.
        Path output = directory.resolve("jshell.tsv");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (JShell shell = JShell.builder().out(printer).err(printer).remoteVMOptions("-Xmx512m").build()) {
            classPath().forEach(shell::addToClasspath);
            String[] snippets = {
                "Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());",
                "var index = dev.rqa.index.HnswPassageIndex.load(java.nio.file.Path.of(\"" + path(saved) + "\"));",
                "var queries = dev.rqa.encode.NpyFiles.read(java.nio.file.Path.of(\"" + path(queryFile) + "\"));",
                "var results = index.search(queries, " + K + ");",
                "var text = new StringBuilder();",
                "for (int q = 0; q < results.size(); q++) { for (var d : results.get(q)) { "
                        + "text.append(q).append('\\t').append(d.documentId()).append('\\t').append(d.score())"
                        + ".append('\\n'); } }",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + path(output) + "\"), text);",
            };
            for (String snippet : snippets) {
                for (SnippetEvent event : shell.eval(snippet)) {
                    String diagnostics = shell.diagnostics(event.snippet())
                            .map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                    assertNull(event.exception(), snippet + " threw " + event.exception() + " " + console);
                    assertFalse(event.status() == jdk.jshell.Snippet.Status.REJECTED,
                            snippet + " rejected: " + diagnostics);
                }
            }
        }
        assertEquals(expected, Files.readString(output));
    }

    private static String path(Path file) {
        return file.toAbsolutePath().toString().replace("\\", "\\\\");
    }

    @Test
    void saveReplacesAtomically() throws IOException {
        Path target = directory.resolve("atomic").resolve("index.hnsw");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old content");
        index.save(target);
        try (var listing = Files.list(target.getParent())) {
            assertEquals(List.of(target), listing.toList());
        }
        assertEquals(expected, format(HnswPassageIndex.load(target).search(QUERIES, K)));
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(saved);
        for (int length : new int[] {4, 12, 60, bytes.length / 2, bytes.length - 1}) {
            Path truncated = directory.resolve("truncated-" + length + ".hnsw");
            Files.write(truncated, Arrays.copyOf(bytes, length));
            InvalidInputException error = assertThrows(InvalidInputException.class,
                    () -> HnswPassageIndex.load(truncated), "length " + length);
            assertTrue(error.getMessage().contains(truncated.toString()), error.getMessage());
        }
    }

    @Test
    void rejectsFlippedByte() throws IOException {
        byte[] bytes = Files.readAllBytes(saved);
        bytes[bytes.length / 2] ^= 0x10;
        Path corrupt = directory.resolve("corrupt.hnsw");
        Files.write(corrupt, bytes);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> HnswPassageIndex.load(corrupt));
        assertTrue(error.getMessage().contains(corrupt.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("CRC-32"), error.getMessage());
    }

    @Test
    void rejectsForeignFiles() throws IOException {
        Path npy = queryFile;
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "this is not an index\n");
        Path empty = directory.resolve("empty.hnsw");
        Files.write(empty, new byte[0]);
        for (Path foreign : List.of(npy, text, empty)) {
            InvalidInputException error = assertThrows(InvalidInputException.class,
                    () -> HnswPassageIndex.load(foreign));
            assertTrue(error.getMessage().contains(foreign.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("not an rqa HNSW index"), error.getMessage());
        }
    }

    @Test
    void rejectsUnexpectedClassWithValidChecksum() throws IOException {
        // Header and trailer are intact and the CRC matches, but the payload contains a HashMap. The
        // class filter must reject it instead of deserializing arbitrary objects.
        byte[] bytes = Files.readAllBytes(saved);
        long payloadOffset = ByteBuffer.wrap(bytes, bytes.length - 32, 8).getLong();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(payload)) {
            out.writeObject(new HashMap<>(java.util.Map.of("key", new ArrayList<>(List.of(1, 2)))));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(bytes, 0, (int) payloadOffset);
        file.write(payload.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(file.toByteArray());
        ByteBuffer trailer = ByteBuffer.allocate(32);
        trailer.putLong(payloadOffset).putLong(payload.size()).putLong(crc.getValue());
        trailer.put("RQA-END\n".getBytes(StandardCharsets.US_ASCII));
        file.write(trailer.array());
        Path foreign = directory.resolve("foreign-payload.hnsw");
        Files.write(foreign, file.toByteArray());

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> HnswPassageIndex.load(foreign));
        assertTrue(error.getMessage().contains(foreign.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("could not be read as an HNSW graph"), error.getMessage());
    }

    @Test
    void rejectsMissingFile() {
        Path missing = directory.resolve("missing.hnsw");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> HnswPassageIndex.load(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }
}
