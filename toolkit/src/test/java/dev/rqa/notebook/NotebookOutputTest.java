package dev.rqa.notebook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.report.BarPlot;
import dev.rqa.report.ColumnFormat;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables and plots saved beside the notebook display. */
class NotebookOutputTest {

    private static ResultTable table() {
        return ResultTable.titled("召回 (recall)")
                .column("model", ColumnFormat.TEXT)
                .column("MRR@10", ColumnFormat.PERCENT)
                .row("bge-small-zh-v1.5", 0.9444)
                .note("30 queries");
    }

    private static BarPlot plot() {
        return BarPlot.titled("MRR@10").series("measured", Map.of("bge", 94.4, "nano", 38.1));
    }

    @Test
    void tableSavedInThreeFormats(@TempDir Path out) throws IOException {
        NotebookOutput output = NotebookOutput.of(NotebookParameters.from(Map.of("RQA_OUT", out.toString())),
                "01-dual-encoder");
        ResultTable table = table();

        ResultTable returned = output.table("dual-encoder", table);

        assertSame(table, returned);
        Path folder = out.resolve("01-dual-encoder");
        assertTrue(Files.readString(folder.resolve("dual-encoder.md"), StandardCharsets.UTF_8).contains("94.44%"));
        assertTrue(Files.readString(folder.resolve("dual-encoder.html"), StandardCharsets.UTF_8).contains("<table"));
        String csv = Files.readString(folder.resolve("dual-encoder.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("model,MRR@10", "bge-small-zh-v1.5,0.9444"), csv.lines().toList());
    }

    @Test
    void plotSavedAsPng(@TempDir Path out) throws IOException {
        NotebookOutput output = NotebookOutput.of(NotebookParameters.from(Map.of("RQA_OUT", out.toString())), "nb");

        BufferedImage image = output.plot("mrr-at-10", plot());

        BufferedImage saved = ImageIO.read(out.resolve("nb/mrr-at-10.png").toFile());
        assertEquals(image.getWidth(), saved.getWidth());
        assertEquals(image.getHeight(), saved.getHeight());
    }

    @Test
    void parametersRecorded(@TempDir Path out) throws IOException {
        NotebookOutput.of(NotebookParameters.from(Map.of("RQA_OUT", out.toString(), "RQA_SAMPLE", "30")), "nb");

        JsonObject recorded = JsonParser.parseString(Files.readString(out.resolve("nb/parameters.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("nb", recorded.get("notebook").getAsString());
        assertEquals("30", recorded.getAsJsonObject("variables").get("RQA_SAMPLE").getAsString());
        assertEquals("cmrc2018?queries=30", recorded.get("dataset_spec").getAsString());
        assertEquals("RQA_SAMPLE=30 environment/run-notebooks.sh notebooks/nb.ipynb",
                recorded.get("command").getAsString());
    }

    @Test
    void nothingWrittenWithoutOut(@TempDir Path directory) throws IOException {
        NotebookOutput output = NotebookOutput.of(NotebookParameters.from(Map.of()), "nb");

        output.table("t", table());
        output.plot("p", plot());

        assertTrue(output.directory().isEmpty());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void unsafeNameRejected(@TempDir Path out) {
        NotebookOutput output = NotebookOutput.of(NotebookParameters.from(Map.of("RQA_OUT", out.toString())), "nb");

        assertThrows(InvalidInputException.class, () -> output.table("../escape", table()));
        assertThrows(InvalidInputException.class, () -> output.plot("a b", plot()));
        assertThrows(InvalidInputException.class, () -> NotebookOutput.of(NotebookParameters.from(Map.of()), ""));
        assertFalse(Files.exists(out.resolve("escape.md")));
    }
}
