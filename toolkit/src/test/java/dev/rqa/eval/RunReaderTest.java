package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReaderTest {

    @TempDir
    Path directory;

    private Path write(String name, String content) throws IOException {
        Path path = directory.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private InvalidInputException readFails(String content) throws IOException {
        Path path = write("bad.run", content);
        return assertThrows(InvalidInputException.class, () -> RunReader.read(path));
    }

    @Test
    void rankColumnIgnored() throws IOException {
        Run run = RunReader.read(write("r.run", "q1 Q0 a 1 0.2 t\nq1 Q0 b 2 0.9 t\nq1 Q0 c 3 0.2 t\n"));

        assertEquals(List.of("b", "c", "a"), run.results("q1").stream().map(ScoredDocument::documentId).toList());
    }

    @Test
    void readScientificAndNegativeScores() throws IOException {
        Run run = RunReader.read(write("r.run", "q1 Q0 a 1 1.5E-3 t\nq1\tQ0\tb\t2\t-2\tt\n"));

        assertEquals(List.of(new ScoredDocument("a", 1.5e-3), new ScoredDocument("b", -2.0)), run.results("q1"));
    }

    @Test
    void readGoldenRun() {
        Run run = RunReader.read(GoldenTrecEval.run("binary"));

        assertEquals(13, run.queryIds().size());
    }

    @Test
    void wrongColumnCountNamesFileAndLine() throws IOException {
        InvalidInputException error = readFails("q1 Q0 a 1 0.5 t\n# note\nq1 Q0 b 2 0.4\n");

        assertTrue(error.getMessage().contains("bad.run:3:"), error.getMessage());
        assertTrue(error.getMessage().contains("found 5"), error.getMessage());
    }

    @Test
    void extraColumnRejected() throws IOException {
        InvalidInputException error = readFails("q1 Q0 a 1 0.5 t extra\n");

        assertTrue(error.getMessage().contains("bad.run:1:"), error.getMessage());
        assertTrue(error.getMessage().contains("found 7"), error.getMessage());
    }

    @Test
    void nonNumericScoreRejected() throws IOException {
        InvalidInputException error = readFails("q1 Q0 a 1 0.5 t\nq1 Q0 b 2 high t\n");

        assertTrue(error.getMessage().contains("bad.run:2:"), error.getMessage());
        assertTrue(error.getMessage().contains("score 'high' is not a number"), error.getMessage());
    }

    @Test
    void nanScoreRejected() throws IOException {
        InvalidInputException error = readFails("q1 Q0 a 1 NaN t\n");

        assertTrue(error.getMessage().contains("bad.run:1:"), error.getMessage());
        assertTrue(error.getMessage().contains("'NaN'"), error.getMessage());
    }

    @Test
    void duplicateDocumentRejected() throws IOException {
        InvalidInputException error = readFails("q1 Q0 a 1 0.5 t\nq2 Q0 a 1 0.5 t\nq1 Q0 a 2 0.4 t\n");

        assertTrue(error.getMessage().contains("bad.run:3:"), error.getMessage());
        assertTrue(error.getMessage().contains("first at line 1"), error.getMessage());
        assertTrue(error.getMessage().contains("document 'a'"), error.getMessage());
    }

    @Test
    void emptyRunRejected() throws IOException {
        InvalidInputException error = readFails("\n");

        assertTrue(error.getMessage().contains("no results"), error.getMessage());
    }

    @Test
    void missingFileRejected() {
        Path path = directory.resolve("absent.run");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> RunReader.read(path));

        assertTrue(error.getMessage().contains("absent.run not found"), error.getMessage());
    }
}
