package dev.rqa.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rqa report} from executed notebooks and by running the toolkit directly. */
class ReportCommandTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Writes a minimal executed notebook with a title, one table output and printed text. */
    private static void notebook(Path folder, String name) throws IOException {
        JsonObject title = new JsonObject();
        title.addProperty("cell_type", "markdown");
        title.addProperty("source", "# " + name + " 标题");
        JsonObject data = new JsonObject();
        data.addProperty("text/html", "<table><tr><td>" + name + "</td></tr></table>");
        JsonObject result = new JsonObject();
        result.addProperty("output_type", "execute_result");
        result.add("data", data);
        JsonArray outputs = new JsonArray();
        outputs.add(result);
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.addProperty("id", "table");
        cell.add("outputs", outputs);
        JsonArray cells = new JsonArray();
        cells.add(title);
        cells.add(cell);
        JsonObject notebook = new JsonObject();
        notebook.addProperty("nbformat", 4);
        notebook.add("cells", cells);
        Files.writeString(folder.resolve(name + ".ipynb"), new Gson().toJson(notebook), StandardCharsets.UTF_8);
    }

    @Test
    void fromExecutedNotebooks(@TempDir Path executed, @TempDir Path out) throws IOException {
        notebook(executed, "01-first");
        notebook(executed, "02-second");

        Outcome outcome = run("report", "--from", executed.toString(), "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        String markdown = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("## 01-first 标题"), markdown);
        assertTrue(markdown.indexOf("## 01-first 标题") < markdown.indexOf("## 02-second 标题"), markdown);
        assertTrue(markdown.contains("environment/run-notebooks.sh --out " + executed
                + " notebooks/01-first.ipynb notebooks/02-second.ipynb && ./rqa report --from " + executed
                + " --out " + out), markdown);
        assertTrue(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)
                .contains("<td>02-second</td>"));
        assertTrue(outcome.out().contains("report written to"), outcome.out());
    }

    @Test
    void missingFolderIsInvalidInput(@TempDir Path out) {
        Outcome outcome = run("report", "--from", out.resolve("nothing").toString(), "--out", out.toString());

        assertEquals(RqaCli.EXIT_INVALID_INPUT, outcome.exitCode());
        assertTrue(outcome.err().contains("does not exist"), outcome.err());
    }

    @Test
    void invalidSampleIsInvalidInput(@TempDir Path out) {
        Outcome outcome = run("report", "--sample", "many", "--out", out.toString());

        assertEquals(RqaCli.EXIT_INVALID_INPUT, outcome.exitCode());
        assertTrue(outcome.err().contains("RQA_SAMPLE=many"), outcome.err());
    }

    @Test
    void directRunHasEverySection(@TempDir Path out) throws IOException {
        Outcome outcome = run("report", "--dataset", "cmrc2018?other-passages=6", "--sample", "6",
                "--models", "bge-small-zh-v1.5", "--devices", "cpu", "--sizes", "nano", "--passages", "8",
                "--queries", "3", "--recall", "4", "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        String markdown = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        List<String> headings = markdown.lines().filter(line -> line.startsWith("## ")).toList();
        assertEquals(List.of("## Environment and parameters", "## DualEncoder table", "## CrossEncoder table",
                "## Size sweep", "## Quality against latency", "## HNSW ef sweep", "## Environment"), headings);
        assertTrue(markdown.contains("RQA_DATASET='cmrc2018?other-passages=6' RQA_MODELS=bge-small-zh-v1.5"
                + " RQA_SIZES=nano RQA_DEVICES=cpu RQA_SAMPLE=6 RQA_PASSAGES=8 RQA_QUERIES=3 RQA_RECALL=4 ./rqa report"),
                markdown);
        assertTrue(markdown.contains("| rocketqa-zh-nano | 4-layer, 312-hidden |"), "the sweep has the nano row: "
                + markdown);
        assertTrue(markdown.contains("| bge-small-zh-v1.5 | cpu | recall top 4 |"), "the trade-off has bge: "
                + markdown);
        assertTrue(markdown.contains("Left out, speed only (random weights, no quality): nano cpu."), markdown);
        assertTrue(markdown.contains("| bge-small-zh-v1.5 | hnsw |"), "measurements include HNSW: " + markdown);
        assertTrue(markdown.contains("59.14%"), "published values are shown");
        assertTrue(markdown.contains("run rqa models --download rocketqa-base-cross-encoder"), markdown);
        try (Stream<Path> files = Files.list(out)) {
            // Two table bar plots, four sweep plots, three quality-latency plots and two ef sweep plots.
            assertEquals(11, files.filter(file -> file.toString().endsWith(".png")).count());
        }
    }
}
