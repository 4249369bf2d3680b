package dev.rqa.cli;

import dev.rqa.bench.RandomVectors;
import dev.rqa.encode.NpyFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchHnswCommandTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path directory;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static List<String> smallRun(String... extra) {
        List<String> args = new ArrayList<>(List.of("bench", "hnsw", "--passages", "400", "--queries", "30", "--dim",
                "16", "--ef", "4,64", "-M", "8", "--ef-construction", "40", "--threads", "1",
                "--warmup-queries", "5"));
        args.addAll(List.of(extra));
        return args;
    }

    private static boolean hnswlibInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import hnswlib, numpy").start();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Test
    void benchWithoutPythonReportsAbsentReference() {
        Result result = execute(smallRun("--python", directory.resolve("no-python").toString())
                .toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("C++ hnswlib reference absent"), result.out());
        assertTrue(result.out().contains("no-python not found"), result.out());
        assertTrue(result.out().contains("java_recall@10"), result.out());
    }

    @Test
    void benchWithoutHnswlibModuleReportsAbsentReference() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "Debian python3 is not installed");
        // Python without site-packages cannot import Debian's numpy or hnswlib.
        Path wrapper = directory.resolve("python-without-site");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + PYTHON + " -S \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = execute(smallRun("--python", wrapper.toString()).toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("C++ hnswlib reference absent: missing Python module"), result.out());
        assertTrue(result.out().contains("python3-hnswlib"), result.out());
    }

    @Test
    void benchWithHnswlibPrintsBothLibraries() throws IOException, InterruptedException {
        Assumptions.assumeTrue(hnswlibInstalled(), "python3-hnswlib is not installed");
        Path tsv = directory.resolve("bench.tsv");

        Result result = execute(smallRun("--similarity", "dot", "--output", tsv.toString()).toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("space mips-euclidean"), result.out());
        assertTrue(result.out().contains("Java/C++ time ratio"), result.out());
        assertTrue(result.out().contains("qps_java/cpp"), result.out());
        List<String> lines = Files.readAllLines(tsv);
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).startsWith("C++ hnswlib"), lines.get(3));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            if (fields[1].equals("64")) {
                assertTrue(Double.parseDouble(fields[2]) >= 0.9, line);
            }
        }
    }

    @Test
    void benchHoldsOutQueriesFromNpyFile() throws IOException {
        Path vectors = directory.resolve("vectors.npy");
        NpyFiles.write(vectors, RandomVectors.generate(300, 12, 5, 0, 0));

        Result result = execute("bench", "hnsw", "--vectors", vectors.toString(), "--queries", "20", "--ef", "8",
                "--threads", "1", "--no-reference");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("holding out the last 20 of 300 rows"), result.out());
        assertTrue(result.out().contains("280 passages x 12, 20 queries"), result.out());
        assertTrue(result.out().contains("disabled with --no-reference"), result.out());
    }

    @Test
    void benchRejectsInvalidOptions() {
        Result zeroEf = execute("bench", "hnsw", "--ef", "0", "--no-reference");
        assertEquals(RqaCli.EXIT_INVALID_INPUT, zeroEf.exitCode());
        assertTrue(zeroEf.err().contains("ef must be at least 1"), zeroEf.err());

        Result similarity = execute("bench", "hnsw", "--similarity", "euclid", "--no-reference");
        assertEquals(RqaCli.EXIT_INVALID_INPUT, similarity.exitCode());
        assertTrue(similarity.err().contains("unknown similarity 'euclid'"), similarity.err());

        Path missing = Path.of("missing-vectors.npy");
        Result file = execute("bench", "hnsw", "--vectors", missing.toString(), "--no-reference");
        assertEquals(RqaCli.EXIT_INVALID_INPUT, file.exitCode());
        assertTrue(file.err().contains("missing-vectors.npy"), file.err());
    }
}
