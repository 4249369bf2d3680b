package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports written as Markdown with PNG files and as self-contained HTML. */
class ReportTest {

    private static final String COMMAND = "./rqa tables --published rocketqa-zh --models rocketqa-zh-nano";
    private static final String CHINESE = "查询：北京的人口是多少？段落以“北京市”开头。";
    private static final EnvironmentInfo ENVIRONMENT = new EnvironmentInfo("0.1.0", "Debian 17.0.15",
            "Linux 6.1 amd64", "AMD EPYC", 2, "PyTorch 2.7.1", "intra-op 2, inter-op 2", "0.36.0", "cpu()", "0",
            6L << 30, "2025-01-01T00:00:00Z", "test-host");

    private static Report report() {
        Map<String, Object> encoding = new LinkedHashMap<>();
        encoding.put("query_max_length", 32);
        encoding.put("passage_max_length", 384);
        encoding.put("query_prefix", "为这个句子生成表示以用于检索相关文章：");
        return Report.titled("RocketQA-zh 复现 (reproduction)")
                .environment(ENVIRONMENT)
                .command(COMMAND)
                .settings("encoding", encoding)
                .section("Quality")
                .paragraph(CHINESE)
                .table(Comparison.against(PublishedResults.rocketqaZh().dualEncoder())
                        .missing("rocketqa-zh-base", "weights not found in cache: run rqa models --download"
                                + " rocketqa-zh-base"))
                .section("Speed")
                .plot("Throughput per model", PlotTest.barPlot())
                .image("Pareto front", PlotTest.paretoPlot().image());
    }

    @Test
    void filesWritten(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory.resolve("out"));

        assertTrue(Files.isRegularFile(output.markdown()));
        assertTrue(Files.isRegularFile(output.html()));
        assertEquals(List.of(directory.resolve("out/throughput-per-model.png"), directory.resolve("out/pareto-front.png")),
                output.images());
        for (Path image : output.images()) {
            assertEquals(800, Images.decodePng(Files.readAllBytes(image)).getWidth(), image.toString());
        }
    }

    @Test
    void noTemporaryFilesLeft(@TempDir Path directory) throws IOException {
        report().writeTo(directory);

        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertEquals(List.of("pareto-front.png", "report.html", "report.md", "throughput-per-model.png"), names);
        }
    }

    @Test
    void htmlSelfContained(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);
        String html = Files.readString(output.html(), StandardCharsets.UTF_8);

        assertTrue(html.contains("data:image/png;base64,"));
        Matcher sources = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (sources.find()) {
            assertTrue(sources.group(1).startsWith("data:"), "external reference " + sources.group(1));
        }
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void htmlImagesDecode(@TempDir Path directory) throws IOException {
        String html = Files.readString(report().writeTo(directory).html(), StandardCharsets.UTF_8);
        Matcher images = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);

        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertTrue(Images.luminanceVariance(Images.decodePng(png)) > 100.0);
            count++;
        }
        assertEquals(2, count);
    }

    @Test
    void markdownReferencesExistingPngs(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);
        String markdown = Files.readString(output.markdown(), StandardCharsets.UTF_8);

        Matcher links = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(markdown);
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1));
        }
        assertEquals(List.of("throughput-per-model.png", "pareto-front.png"), targets);
        for (String target : targets) {
            assertTrue(Files.isRegularFile(directory.resolve(target)), target);
        }
    }

    @Test
    void chineseRoundTrips(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);

        String markdown = Files.readString(output.markdown(), StandardCharsets.UTF_8);
        String html = Files.readString(output.html(), StandardCharsets.UTF_8);
        assertTrue(markdown.contains(CHINESE));
        assertTrue(markdown.contains("# RocketQA-zh 复现 (reproduction)"));
        assertTrue(markdown.contains("为这个句子生成表示以用于检索相关文章："));
        assertTrue(html.contains(CHINESE));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void commandInBoth(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);

        assertTrue(Files.readString(output.markdown(), StandardCharsets.UTF_8).contains("```shell\n" + COMMAND + "\n```"));
        assertTrue(Files.readString(output.html(), StandardCharsets.UTF_8).contains("<pre><code>" + COMMAND
                + "</code></pre>"));
    }

    @Test
    void settingsInBoth(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);

        assertTrue(Files.readString(output.markdown(), StandardCharsets.UTF_8).contains("| passage_max_length | 384 |"));
        assertTrue(Files.readString(output.html(), StandardCharsets.UTF_8).contains(">passage_max_length</td>"));
    }

    @Test
    void environmentInBoth(@TempDir Path directory) throws IOException {
        Report.Output output = report().writeTo(directory);

        assertTrue(Files.readString(output.markdown(), StandardCharsets.UTF_8).contains("| engine | PyTorch 2.7.1 |"));
        assertTrue(Files.readString(output.html(), StandardCharsets.UTF_8).contains(">test-host</td>"));
    }

    @Test
    void missingModelInReport() {
        String markdown = report().toMarkdown();

        assertTrue(markdown.contains("| rocketqa-zh-base | 12-layer, 768-hidden | missing | 59.14% | missing |"),
                markdown);
    }

    @Test
    void rewriteReplacesFiles(@TempDir Path directory) throws IOException {
        report().writeTo(directory);
        Report.titled("second").environment(ENVIRONMENT).command(COMMAND).paragraph("replaced").writeTo(directory);

        assertTrue(Files.readString(directory.resolve(Report.MARKDOWN_FILE)).contains("replaced"));
    }

    @Test
    void commandMissingStated() {
        String markdown = Report.titled("interactive").environment(ENVIRONMENT).toMarkdown();

        assertTrue(markdown.contains("No command was recorded"), markdown);
    }

    @Test
    void duplicateImageNameRejected() {
        Report report = Report.titled("t").image("Latency", PlotTest.latencyPlot().image());

        assertThrows(InvalidInputException.class, () -> report.image("latency", PlotTest.barPlot().image()));
    }

    @Test
    void chineseImageNameGetsFileName() {
        String markdown = Report.titled("t").environment(ENVIRONMENT)
                .image("延迟", PlotTest.latencyPlot().image()).toMarkdown();

        assertTrue(markdown.contains("![延迟](figure-1.png)"), markdown);
    }

    @Test
    void fileAsDirectoryRejected(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("taken"), "x");

        assertThrows(InvalidInputException.class, () -> report().writeTo(file));
    }

    @Test
    void fragmentsAndTextInBoth() {
        Report report = Report.titled("notebooks").environment(ENVIRONMENT).command(COMMAND)
                .section("01 · 演示")
                .subsection("表格")
                .fragment("| model |\n| :--- |\n| bge |", "<table><tr><td>bge</td></tr></table>")
                .fragment("", "<p>only html</p>")
                .preformatted("已测量：<bge>\n");

        String markdown = report.toMarkdown();
        assertTrue(markdown.contains("\n### 表格\n"), markdown);
        assertTrue(markdown.contains("| model |\n| :--- |\n| bge |"), markdown);
        assertTrue(markdown.contains("<p>only html</p>"), "HTML stands in for missing Markdown: " + markdown);
        assertTrue(markdown.contains("```text\n已测量：<bge>\n```"), markdown);

        String html = report.toHtml();
        assertTrue(html.contains("<h3>表格</h3>"), html);
        assertTrue(html.contains("<table><tr><td>bge</td></tr></table>"), html);
        assertTrue(html.contains("<pre>已测量：&lt;bge&gt;</pre>"), html);
    }

    @Test
    void pngBytesWritten(@TempDir Path directory) throws IOException {
        byte[] png = PlotTest.barPlot().png();

        Report.Output output = Report.titled("t").environment(ENVIRONMENT).command(COMMAND)
                .image("Plot from a notebook", png).writeTo(directory);

        assertEquals(List.of(directory.resolve("plot-from-a-notebook.png")), output.images());
        assertArrayEquals(png, Files.readAllBytes(output.images().get(0)));
        assertTrue(Files.readString(output.html(), StandardCharsets.UTF_8)
                .contains("width=\"800\" height=\"500\""), "size read from the PNG");
    }

    @Test
    void invalidPngRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> Report.titled("t").image("broken", new byte[] {1, 2, 3}));
        assertTrue(error.getMessage().contains("not a readable PNG"), error.getMessage());
    }
}
