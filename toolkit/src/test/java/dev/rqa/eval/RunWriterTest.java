package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunWriterTest {

    @TempDir
    Path directory;

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeRanksInTrecOrder() throws IOException {
        Run run = Judgements.run("q1", "a", 0.5, "q1", "b", 0.9, "q1", "c", 0.5);
        Path path = directory.resolve("out.run");

        RunWriter.write(path, run, "dense");

        assertEquals(List.of("q1 Q0 b 1 0.9 dense", "q1 Q0 c 2 0.5 dense", "q1 Q0 a 3 0.5 dense"),
                Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    @Test
    void roundTripKeepsScoresAndOrder() {
        Run run = Judgements.run(
                "q1", "a", 0.1 + 0.2, "q1", "b", 0.30000000000000004, "q1", "c", 1.0 / 3.0,
                "q1", "d", 1e-300, "q1", "e", -0.0, "q1", "f", 0.0, "q1", "g", Double.MAX_VALUE,
                "q2", "x", 0.7271234567891234);
        Path path = directory.resolve("round.run");

        RunWriter.write(path, run, "t");
        Run reread = RunReader.read(path);

        assertEquals(run.asMap(), reread.asMap());
    }

    @Test
    void replaceLeavesNoTemporaryFile() throws IOException {
        Path path = directory.resolve("out.run");
        Files.writeString(path, "old content\n");

        RunWriter.write(path, Judgements.run("q1", "a", 1.0), "t");

        assertEquals(List.of("out.run"), fileNames());
        assertEquals(List.of("q1 Q0 a 1 1.0 t"), Files.readAllLines(path));
    }

    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path path = directory.resolve("out.run");
        Run run = Judgements.run("q1", "a", 1.0, "q1", "b c", 0.5);

        assertThrows(InvalidInputException.class, () -> RunWriter.write(path, run, "t"));

        assertEquals(List.of(), fileNames());
    }

    @Test
    void invalidValuesRejected() {
        Path path = directory.resolve("out.run");

        assertThrows(InvalidInputException.class, () -> RunWriter.write(path, Judgements.run("q1", "a", 1.0), "my run"));
        assertThrows(InvalidInputException.class, () -> RunWriter.write(path, Judgements.run("q1", "a", Double.NaN), "t"));
        assertThrows(InvalidInputException.class, () -> RunWriter.write(path, Judgements.run("#q", "a", 1.0), "t"));
        assertThrows(InvalidInputException.class,
                () -> RunWriter.write(path, Judgements.run("q1", "a", 1.0, "q1", "a", 0.5), "t"));
        assertFalse(Files.exists(path));
    }
}
