package dev.rqa.notebook;

import dev.rqa.InvalidInputException;
import dev.rqa.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One report collected from executed notebooks. */
class NotebookReportTest {

    @Test
    void executedNotebooksListedByName(@TempDir Path out) throws IOException {
        SyntheticNotebooks.write(out, "02-b", "m");
        SyntheticNotebooks.write(out, "01-a", "m");
        Files.writeString(out.resolve(".01-a.partial.ipynb"), "{}");
        Files.createDirectories(out.resolve("report"));

        List<Path> notebooks = NotebookReport.executedIn(out);

        assertEquals(List.of(out.resolve("01-a.ipynb"), out.resolve("02-b.ipynb")), notebooks);
    }

    @Test
    void emptyFolderRejected(@TempDir Path out) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> NotebookReport.executedIn(out));
        assertTrue(error.getMessage().contains("no executed notebooks"), error.getMessage());
        assertThrows(InvalidInputException.class, () -> NotebookReport.executedIn(out.resolve("missing")));
    }

    @Test
    void reportStructure(@TempDir Path out, @TempDir Path reportFolder) throws IOException {
        List<Path> notebooks = List.of(SyntheticNotebooks.write(out, "01-demo", "bge-small-zh-v1.5"));

        Report.Output output = NotebookReport.collect(notebooks, "environment/run-notebooks.sh && ./rqa report")
                .writeTo(reportFolder);

        String markdown = Files.readString(output.markdown(), StandardCharsets.UTF_8);
        List<String> lines = markdown.lines().toList();
        assertEquals("# " + NotebookReport.TITLE, lines.get(0));
        assertTrue(markdown.contains("```shell\nenvironment/run-notebooks.sh && ./rqa report\n```"), markdown);
        assertTrue(lines.contains("## 01 · 演示"), markdown);
        assertTrue(lines.contains("### 表格"), markdown);
        assertTrue(lines.contains("| bge-small-zh-v1.5 |"), "the Markdown form of the table is used: " + markdown);
        assertTrue(markdown.contains("```text\n已测量：bge-small-zh-v1.5\n```"), markdown);
        assertFalse(markdown.contains("log line"), "standard error is left out");
        assertFalse(markdown.contains("not a heading"), markdown);
        assertTrue(lines.contains("![01-demo plot](01-demo-plot.png)"), markdown);
        assertTrue(lines.contains("## Environment"), markdown);
        assertTrue(markdown.indexOf("### 表格") < markdown.indexOf("### 图"), "notebook order is kept");

        assertEquals(List.of(reportFolder.resolve("01-demo-plot.png")), output.images());
        assertArrayEquals(SyntheticNotebooks.png(), Files.readAllBytes(output.images().get(0)));

        String html = Files.readString(output.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<td>bge-small-zh-v1.5</td>"), "the HTML form of the table is used");
        assertTrue(html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(SyntheticNotebooks.png())),
                "the image is embedded");
        assertTrue(html.contains("<h3>表格</h3>"), html);
        assertTrue(html.contains("<pre>已测量：bge-small-zh-v1.5</pre>"), html);
    }

    @Test
    void commandFromRecordedParameters(@TempDir Path out) throws IOException {
        Path first = SyntheticNotebooks.write(out, "01-a", "m");
        Path second = SyntheticNotebooks.write(out, "02-b", "m");
        Path smoke = SyntheticNotebooks.write(out, "00-env", "m");
        SyntheticNotebooks.recordParameters(out, "01-a", Map.of("RQA_SAMPLE", "30", "RQA_SIZES", "micro,nano"));
        SyntheticNotebooks.recordParameters(out, "02-b", Map.of("RQA_SAMPLE", "30", "RQA_SIZES", "micro,nano"));

        String command = NotebookReport.notebooksCommand(List.of(smoke, first, second), out);

        assertEquals("RQA_SIZES=micro,nano RQA_SAMPLE=30 environment/run-notebooks.sh --out " + out
                + " notebooks/00-env.ipynb notebooks/01-a.ipynb notebooks/02-b.ipynb", command);
    }

    @Test
    void commandPerParameterSet(@TempDir Path out) throws IOException {
        Path first = SyntheticNotebooks.write(out, "01-a", "m");
        Path second = SyntheticNotebooks.write(out, "02-b", "m");
        SyntheticNotebooks.recordParameters(out, "01-a", Map.of("RQA_SAMPLE", "30"));
        SyntheticNotebooks.recordParameters(out, "02-b", Map.of("RQA_SAMPLE", "100"));

        String command = NotebookReport.notebooksCommand(List.of(first, second), out);

        assertEquals("RQA_SAMPLE=100 environment/run-notebooks.sh --out " + out + " notebooks/02-b.ipynb"
                + " && RQA_SAMPLE=30 environment/run-notebooks.sh --out " + out + " notebooks/01-a.ipynb", command);
    }
}
