package dev.rqa.notebook;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headings and outputs read from an executed notebook. */
class ExecutedNotebookTest {

    @Test
    void headingsOutsideCodeFences() {
        List<ExecutedNotebook.Heading> headings = ExecutedNotebook.headings("""
                # 标题
                text
                ```
                # a shell comment, not a heading
                ```
                ## 小节
                #not-a-heading
                ### Third level
                """);

        assertEquals(List.of(new ExecutedNotebook.Heading("标题", 1), new ExecutedNotebook.Heading("小节", 2),
                new ExecutedNotebook.Heading("Third level", 3)), headings);
    }

    @Test
    void elementsInNotebookOrder(@TempDir Path directory) throws IOException {
        Path file = SyntheticNotebooks.write(directory, "01-demo", "measured");

        ExecutedNotebook notebook = ExecutedNotebook.read(file);

        assertEquals("01-demo", notebook.name());
        assertEquals("01 · 演示", notebook.title());
        List<ExecutedNotebook.Element> elements = notebook.elements();
        assertEquals(5, elements.size(), elements.toString());
        assertEquals(new ExecutedNotebook.Heading("表格", 2), elements.get(0));
        ExecutedNotebook.Table table = assertInstanceOf(ExecutedNotebook.Table.class, elements.get(1));
        assertTrue(table.html().contains("<table"), table.html());
        assertTrue(table.markdown().contains("| model |"), table.markdown());
        assertEquals(new ExecutedNotebook.Text("print", "已测量：measured\n"), elements.get(2));
        assertEquals(new ExecutedNotebook.Heading("图", 2), elements.get(3));
        ExecutedNotebook.Image image = assertInstanceOf(ExecutedNotebook.Image.class, elements.get(4));
        assertEquals("plot", image.cellId());
        assertArrayEquals(SyntheticNotebooks.png(), image.png());
    }

    @Test
    void notNotebookRejected(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("broken.ipynb");
        java.nio.file.Files.writeString(file, "{\"nbformat\": 3, \"worksheets\": []}");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ExecutedNotebook.read(file));
        assertTrue(error.getMessage().contains("broken.ipynb"), error.getMessage());
    }
}
