package dev.rqa.report.jupyter;

import dev.rqa.notebook.ExecutedNotebook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysis notebooks executed headless with their CI parameters. They use the bundled bge
 * models and the first 30 CMRC 2018 dev questions against their paragraphs and 40 others. The size
 * sweep measures the two smallest sizes (40 passages, 10 timed queries, 10 re-ranked) on devices
 * cpu,gpu, so that the absent-GPU path runs. Each notebook must pass and show the expected tables
 * and at least one PNG, and the seconds per notebook are logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysisNotebooksIT {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisNotebooksIT.class);

    private static final Path OUT = NotebookScripts.REPO.resolve("toolkit/target/it-notebooks/analysis");
    /** A cache of this test's own, so that the first notebook encodes and the later ones reuse the vectors. */
    private static final Path CACHE = NotebookScripts.REPO.resolve("toolkit/target/it-notebooks/analysis-cache");
    private static final Map<String, String> PARAMETERS = Map.of(
            "RQA_DATASET", "cmrc2018?other-passages=40",
            "RQA_SAMPLE", "30",
            "RQA_SIZES", "micro,nano",
            "RQA_DEVICES", "cpu,gpu",
            "RQA_PASSAGES", "40",
            "RQA_QUERIES", "10",
            "RQA_RECALL", "10",
            "RQA_CACHE_DIR", CACHE.toString());
    /** A percentage as ResultTable prints it, such as 94.44%. */
    private static final Pattern PERCENT = Pattern.compile("\\d{1,3}\\.\\d\\d%");

    private static final Map<String, Double> SECONDS = new LinkedHashMap<>();

    @BeforeAll
    static void prepare() throws IOException {
        NotebookScripts.requireNotebookEnvironment();
        if (Files.exists(OUT)) {
            try (Stream<Path> files = Files.walk(OUT)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void logSeconds() {
        LOG.info("Analysis notebooks, seconds per notebook (execution and HTML export): {}",
                SECONDS.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + String.format(Locale.ROOT, "%.1f", entry.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    @Test
    @Order(1)
    @Timeout(600)
    void dualEncoderNotebook() throws Exception {
        ExecutedNotebook notebook = execute("01-dual-encoder", Map.of());

        String environment = html(notebook, "setup");
        assertTrue(environment.contains("toolkit_version"), environment);
        assertTrue(environment.contains("RQA_SAMPLE"), environment);

        String table = html(notebook, "dual-encoder");
        String bgeRow = row(table, "bge-small-zh-v1.5");
        assertTrue(PERCENT.matcher(bgeRow).find(), "bge-small-zh-v1.5 has measured numbers: " + bgeRow);
        String baseRow = row(table, "rocketqa-zh-base");
        assertTrue(baseRow.contains("missing"), baseRow);
        assertTrue(baseRow.contains("59.14%"), "the published MRR@10 is shown: " + baseRow);
        assertTrue(baseRow.contains("rqa models --download rocketqa-zh-base"), baseRow);

        String measurements = html(notebook, "measurements");
        assertTrue(measurements.contains(">hnsw</td>"), "an HNSW row is measured: " + measurements);
        assertTrue(html(notebook, "t2ranking").contains("RQA_T2RANKING"), "the T2Ranking table says what it needs");
        assertPng(notebook, "plot");
        assertTrue(Files.isRegularFile(OUT.resolve("01-dual-encoder/dual-encoder.csv")), "tables are saved too");
        assertTrue(Files.isRegularFile(OUT.resolve("01-dual-encoder/mrr-at-10.png")), "plots are saved too");
    }

    @Test
    @Order(2)
    @Timeout(600)
    void crossEncoderNotebook() throws Exception {
        ExecutedNotebook notebook = execute("02-cross-encoder", Map.of());

        assertTrue(html(notebook, "availability").contains("rqa models --download rocketqa-base-cross-encoder"));
        assertTrue(text(notebook, "run").contains("没有可用的 cross encoder"), text(notebook, "run"));
        String table = html(notebook, "cross-encoder");
        String baseline = row(table, "bge-small-zh-v1.5 (no re-ranking)");
        assertTrue(PERCENT.matcher(baseline).find(), "the recall model's own ranking is measured: " + baseline);
        String base = row(table, "rocketqa-base-cross-encoder");
        assertTrue(base.contains("76.64%"), base);
        assertTrue(base.contains("missing"), "no cross-encoder row is invented: " + base);
        assertPng(notebook, "plot");
    }

    @Test
    @Order(3)
    @Timeout(600)
    void sizeSweepNotebook() throws Exception {
        ExecutedNotebook notebook = execute("03-size-sweep", Map.of());

        assertTrue(html(notebook, "setup").contains("RQA_PASSAGES"));
        assertTrue(html(notebook, "settings").contains("micro,nano"), html(notebook, "settings"));
        String timing = html(notebook, "timing");
        for (String size : List.of("rocketqa-zh-micro", "rocketqa-zh-nano")) {
            String cpu = rowOn(timing, size, "cpu");
            assertTrue(cpu.contains("speed only"), "random weights are labelled: " + cpu);
            assertTrue(cpu.matches(".*\\d+(\\.\\d+)? ms.*|.*\\d+\\.\\d+ s .*"), "a latency is measured: " + cpu);
            assertTrue(rowOn(timing, size, "gpu").contains("absent"), "no GPU is simulated: " + timing);
        }
        assertTrue(rowOn(timing, "bge-small-zh-v1.5", "cpu").contains("dual encoder real"), timing);

        String quality = html(notebook, "quality");
        assertTrue(PERCENT.matcher(row(quality, "bge-small-zh-v1.5")).find(), quality);
        assertFalse(quality.contains("rocketqa-zh-nano"), "speed-only sizes have no quality: " + quality);
        for (String cell : List.of("latency", "throughput", "split")) {
            assertPng(notebook, cell);
        }
        assertTrue(Files.isRegularFile(OUT.resolve("03-size-sweep/timing.csv")), "tables are saved too");
    }

    @Test
    @Order(4)
    @Timeout(600)
    void qualityLatencyNotebook() throws Exception {
        ExecutedNotebook notebook = execute("04-quality-vs-latency", Map.of());

        String nano = row(html(notebook, "availability"), "rocketqa-zh-nano");
        assertTrue(nano.contains(">no</td>"), "the missing weights are listed: " + nano);
        String trade = html(notebook, "table");
        String bge = row(trade, "bge-small-zh-v1.5");
        assertTrue(PERCENT.matcher(bge).find(), "bge has quality figures: " + bge);
        assertTrue(bge.contains(">recall top 10</td>"), bge);
        assertTrue(trade.contains(">yes</td>"), "a configuration is on the front: " + trade);
        assertFalse(trade.contains("rocketqa-zh-nano"), "speed-only sizes are not compared: " + trade);
        assertTrue(html(notebook, "ef").contains(">320</td>"), "the ef sweep reaches ef=320");
        for (String cell : List.of("query-plot", "mrr-plot", "index-plot", "ef-plot", "ef-pareto")) {
            assertPng(notebook, cell);
        }
    }

    @Test
    @Order(5)
    @Timeout(300)
    void reportFromNotebooks() throws Exception {
        Path report = OUT.resolve("report-all");
        NotebookScripts.Result result = NotebookScripts.run(List.of(NotebookScripts.REPO.resolve("rqa").toString(),
                "report", "--from", OUT.toString(), "--out", report.toString()), Map.of());

        assertEquals(0, result.exitCode(), result.output());
        String markdown = Files.readString(report.resolve("report.md"), StandardCharsets.UTF_8);
        List<String> sections = markdown.lines().filter(line -> line.startsWith("## ")).toList();
        assertTrue(sections.contains("## 01 · DualEncoder 表：召回质量与发表值对照"), sections.toString());
        assertTrue(sections.contains("## 02 · CrossEncoder 表：召回 top-50 后重排"), sections.toString());
        assertTrue(sections.contains("## 03 · 模型尺寸对比：索引构建时间、查询延迟与内存"), sections.toString());
        assertTrue(sections.contains("## 04 · 质量与延迟的权衡：Pareto front 与 HNSW ef sweep"), sections.toString());
        assertTrue(markdown.contains("RQA_SAMPLE=30"), "the regeneration command has the parameters");
        assertTrue(markdown.contains("| bge-small-zh-v1.5 |"), "tables are in Markdown form");
        try (Stream<Path> files = Files.list(report)) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().startsWith("01-dual-encoder-plot")));
        }
        String html = Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("data:image/png;base64,"), "images are embedded");
    }

    /** Runs one notebook with the shared parameters and returns its executed copy. */
    private static ExecutedNotebook execute(String name, Map<String, String> overrides) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(PARAMETERS);
        environment.putAll(overrides);
        NotebookScripts.Result result = NotebookScripts.runNotebooks(environment, "--out", OUT.toString(),
                "--startup-timeout", "60", "--no-report", NotebookScripts.REPO.resolve("notebooks/" + name + ".ipynb")
                        .toString());
        SECONDS.put(name, result.elapsed().toMillis() / 1000.0);
        assertEquals(0, result.exitCode(), name + " failed:\n" + result.output());
        Path executed = OUT.resolve(name + ".ipynb");
        assertTrue(Files.isRegularFile(executed), "no executed notebook " + executed);
        assertTrue(Files.isRegularFile(OUT.resolve(name + ".html")), "no HTML export of " + name);
        return ExecutedNotebook.read(executed);
    }

    /** Returns the HTML of the rich outputs of one cell. */
    private static String html(ExecutedNotebook notebook, String cellId) {
        String html = notebook.elements().stream()
                .filter(element -> element instanceof ExecutedNotebook.Table table && table.cellId().equals(cellId))
                .map(element -> ((ExecutedNotebook.Table) element).html())
                .collect(Collectors.joining("\n"));
        assertFalse(html.isEmpty(), "cell '" + cellId + "' of " + notebook.name() + " shows no table");
        return html;
    }

    /** Returns the printed output of one cell. */
    private static String text(ExecutedNotebook notebook, String cellId) {
        return notebook.elements().stream()
                .filter(element -> element instanceof ExecutedNotebook.Text text && text.cellId().equals(cellId))
                .map(element -> ((ExecutedNotebook.Text) element).text())
                .collect(Collectors.joining());
    }

    /** Asserts that a cell shows a decodable PNG. */
    private static void assertPng(ExecutedNotebook notebook, String cellId) throws IOException {
        byte[] png = notebook.elements().stream()
                .filter(element -> element instanceof ExecutedNotebook.Image image && image.cellId().equals(cellId))
                .map(element -> ((ExecutedNotebook.Image) element).png())
                .findFirst()
                .orElseThrow(() -> new AssertionError("cell '" + cellId + "' of " + notebook.name()
                        + " shows no image/png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "image/png output of cell '" + cellId + "' does not decode");
        assertTrue(image.getWidth() >= 400, "image width " + image.getWidth());
    }

    /** Returns the HTML table row of this model that also has a cell with this device. */
    private static String rowOn(String html, String model, String device) {
        for (String line : html.split("\n")) {
            if (line.startsWith("<tr>") && line.contains(">" + model + "</td>") && line.contains(">" + device + "</td>")) {
                return line;
            }
        }
        throw new AssertionError("no row for " + model + " on " + device + " in:\n" + html);
    }

    /** Returns the HTML table row whose first cell is this model. */
    private static String row(String html, String model) {
        for (String line : html.split("\n")) {
            if (line.startsWith("<tr>") && line.contains(">" + model + "</td>")) {
                int first = line.indexOf("</td>");
                if (line.substring(0, first).endsWith(">" + model)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no row for " + model + " in:\n" + html);
    }
}
