package dev.rqa.cli;

import dev.rqa.encode.Embeddings;
import dev.rqa.encode.NpyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodeCommandTest {

    private static int run(StringWriter err, String... args) {
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void linesBecomeNormalisedRows(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("texts.txt");
        Files.writeString(input, "故宫在哪里\n长城有多长\n黄河发源于青海\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("vectors.npy");

        StringWriter err = new StringWriter();
        int code = run(err, "encode", "--model", "bge-small-zh-v1.5", "--input", input.toString(), "--output",
                output.toString(), "--as", "query", "--no-cache", "--device", "cpu");
        assertEquals(0, code, err.toString());

        Embeddings vectors = NpyFiles.read(output);
        assertEquals(3, vectors.rows());
        assertEquals(512, vectors.dim());
        double norm = 0;
        for (float value : vectors.row(1)) {
            norm += value * value;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }

    @Test
    void malformedJsonLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"故宫\"}\n{\"text\": \"长城\"\n", StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        int code = run(err, "encode", "--model", "bge-small-zh-v1.5", "--input", input.toString(), "--output",
                dir.resolve("v.npy").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("texts.jsonl:2"), err.toString());
    }

    @Test
    void emptyLineNamesLine(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("texts.txt");
        Files.writeString(input, "故宫\n\n长城\n", StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        int code = run(err, "encode", "--model", "bge-small-zh-v1.5", "--input", input.toString(), "--output",
                dir.resolve("v.npy").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("texts.txt:2: empty line"), err.toString());
        assertTrue(Files.notExists(dir.resolve("v.npy")), "no output is written on error");
    }
}
