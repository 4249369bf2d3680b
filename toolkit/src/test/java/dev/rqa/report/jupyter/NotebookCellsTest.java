package dev.rqa.report.jupyter;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookCellsTest {

    private static final String NOTEBOOK = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
            + "{\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {}, \"source\": [\"# 标题\\n\"]},"
            + "{\"cell_type\": \"code\", \"id\": \"c1\", \"metadata\": {}, \"outputs\": [],"
            + " \"source\": [\"\\n\", \"  int x = 1;\\n\", \"x\"]},"
            + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": \"   \"}]}";

    @Test
    void sourceListsAreJoined(@TempDir Path dir) throws Exception {
        NotebookCells cells = NotebookCells.read(write(dir, NOTEBOOK));

        assertEquals("\n  int x = 1;\nx", cells.cells().get(1).source());
    }

    @Test
    void describeGivesPositionIdAndFirstLine(@TempDir Path dir) throws Exception {
        NotebookCells cells = NotebookCells.read(write(dir, NOTEBOOK));

        assertEquals("cell 2 of 3 (id \"c1\", \"int x = 1;\")", cells.describe(1));
    }

    @Test
    void describeWithoutId(@TempDir Path dir) throws Exception {
        NotebookCells cells = NotebookCells.read(write(dir, NOTEBOOK));

        assertEquals("cell 3 of 3 (\"\")", cells.describe(2));
    }

    @Test
    void blankCodeCellsAreNotCounted(@TempDir Path dir) throws Exception {
        assertEquals(1, NotebookCells.read(write(dir, NOTEBOOK)).codeCellCount());
    }

    @Test
    void longFirstLineIsShortened() {
        NotebookCells.Cell cell = new NotebookCells.Cell(0, "code", "", "x".repeat(200));

        assertEquals(83, cell.firstLine().length());
        assertTrue(cell.firstLine().endsWith("..."));
    }

    @Test
    void invalidJsonNamesFile(@TempDir Path dir) throws Exception {
        Path file = write(dir, "{\"cells\": [");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NotebookCells.read(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void oldNbformatIsRejected(@TempDir Path dir) throws Exception {
        Path file = write(dir, "{\"nbformat\": 3, \"worksheets\": []}");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NotebookCells.read(file));

        assertTrue(error.getMessage().contains("nbformat 4"), error.getMessage());
    }

    private static Path write(Path dir, String json) throws Exception {
        Path file = dir.resolve("test.ipynb");
        Files.writeString(file, json);
        return file;
    }
}
