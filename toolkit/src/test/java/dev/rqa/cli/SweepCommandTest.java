package dev.rqa.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rqa sweep} end to end on a tiny setting: two RocketQA-zh sizes with random weights and the
 * real bge-small-zh-v1.5, on the CPU and on a GPU this machine does not have.
 */
class SweepCommandTest {

    private static final int QUERIES = 4;

    @TempDir
    static Path out;
    private static int exitCode;
    private static String stdout;
    private static String stderr;
    private static List<Map<String, String>> csv;

    @BeforeAll
    static void runSweep() throws IOException {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(errors, true));
        exitCode = commandLine.execute("sweep", "--sizes", "micro,nano", "--models", "bge-small-zh-v1.5",
                "--devices", "cpu,gpu", "--dataset", "cmrc2018?queries=8&other-passages=8", "--passages", "10",
                "--queries", Integer.toString(QUERIES), "--warmup", "1", "--recall", "4", "--max-length", "40",
                "--out", out.toString());
        stdout = output.toString();
        stderr = errors.toString();
        csv = readCsv(out.resolve("sweep.csv"));
    }

    /** Reads a CSV file whose quoted fields contain no line breaks. */
    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = fields(line);
            assertEquals(header.size(), values.size(), line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static Map<String, String> row(String model, String device) {
        return csv.stream().filter(r -> r.get("model").equals(model) && r.get("device").equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no CSV row for " + model + " on " + device));
    }

    @Test
    void commandSucceeds() {
        assertEquals(0, exitCode, stderr);
    }

    @Test
    void csvHasOneRowPerModelAndDevice() {
        assertEquals(6, csv.size());
        Set<String> columns = csv.get(0).keySet();
        for (String column : List.of("model", "size", "layers", "hidden", "device", "status", "dual_weights",
                "cross_weights", "index_total_s", "passages_per_s", "query_p50_ms", "query_p95_ms", "query_p99_ms",
                "query_mean_ms", "encode_p50_ms", "recall_p50_ms", "rerank_p50_ms", "peak_rss_mib", "peak_heap_mib",
                "mrr_at_10", "hit_rate_at_1", "hit_rate_at_50", "ndcg_at_10", "published_index_s")) {
            assertTrue(columns.contains(column), "missing column " + column);
        }
    }

    @Test
    void speedOnlyRowsHaveNoQuality() {
        for (String model : List.of("rocketqa-zh-micro", "rocketqa-zh-nano")) {
            Map<String, String> cpu = row(model, "cpu");
            assertEquals("speed only", cpu.get("dual_weights"), model);
            assertEquals("speed only", cpu.get("cross_weights"), model);
            for (String measure : List.of("mrr_at_10", "hit_rate_at_1", "hit_rate_at_50", "ndcg_at_10")) {
                assertEquals("", cpu.get(measure), model + " " + measure);
            }
            assertTrue(cpu.get("tokenizer").contains("in place of ERNIE 3.0's vocabulary"), cpu.get("tokenizer"));
        }
    }

    @Test
    void realWeightsHaveQuality() {
        Map<String, String> bge = row("bge-small-zh-v1.5", "cpu");
        assertEquals("real", bge.get("dual_weights"));
        assertEquals("speed only", bge.get("cross_weights"));
        double mrr = Double.parseDouble(bge.get("mrr_at_10"));
        assertTrue(mrr > 0.5, "MRR@10 " + mrr);
        assertTrue(mrr <= 1, "MRR@10 " + mrr);
        assertEquals("", bge.get("reranked_mrr_at_10"));
        assertEquals("8", bge.get("quality_queries"));
    }

    @Test
    void percentilesAreOrdered() {
        for (Map<String, String> row : csv) {
            if (!row.get("status").equals("measured")) {
                continue;
            }
            double p50 = Double.parseDouble(row.get("query_p50_ms"));
            double p95 = Double.parseDouble(row.get("query_p95_ms"));
            double p99 = Double.parseDouble(row.get("query_p99_ms"));
            assertTrue(p50 > 0, row.get("model"));
            assertTrue(p50 <= p95, row.get("model") + " p50 " + p50 + " p95 " + p95);
            assertTrue(p95 <= p99, row.get("model") + " p95 " + p95 + " p99 " + p99);
            assertEquals(Integer.toString(QUERIES), row.get("timed_queries"));
        }
    }

    @Test
    void cpuRowsAreMeasured() {
        for (String model : List.of("rocketqa-zh-micro", "rocketqa-zh-nano", "bge-small-zh-v1.5")) {
            Map<String, String> cpu = row(model, "cpu");
            assertEquals("measured", cpu.get("status"), model);
            assertEquals("10", cpu.get("passages"), model);
            assertTrue(Double.parseDouble(cpu.get("passages_per_s")) > 0, model);
            assertTrue(Double.parseDouble(cpu.get("peak_rss_mib")) > 0, model);
        }
    }

    @Test
    void missingGpuGivesAbsentRows() {
        for (String model : List.of("rocketqa-zh-micro", "rocketqa-zh-nano", "bge-small-zh-v1.5")) {
            Map<String, String> gpu = row(model, "gpu");
            assertEquals("absent", gpu.get("status"), model);
            assertTrue(gpu.get("message").contains("no GPU"), gpu.get("message"));
            assertEquals("", gpu.get("query_p50_ms"), model);
        }
        assertTrue(stdout.contains("gpu absent: no GPU"), stdout);
    }

    @Test
    void markdownFollowsPublishedLayout() throws IOException {
        String markdown = Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| model | size | index build time | query time p50 (p95, p99) | passages/s |"
                + " device | weights | published index time | published query time | speed-up vs published |"),
                markdown);
        assertTrue(markdown.contains("| rocketqa-zh-micro | 4-layer, 384-hidden |"), markdown);
        assertTrue(markdown.contains("| rocketqa-zh-nano | 4-layer, 312-hidden |"), markdown);
        assertTrue(markdown.contains("| speed only |"), markdown);
        assertTrue(markdown.contains("| absent | absent |"), markdown);
        assertTrue(markdown.contains("2 min 30 s (150.0 s)"), "published nano index time");
        long measuredRows = markdown.lines().filter(line -> line.startsWith("| rocketqa-zh-nano | 4-layer")
                && (line.contains("| cpu |") || line.contains("| gpu |"))).count();
        assertEquals(2, measuredRows);
    }

    @Test
    void samplesHaveEveryTimedQuery() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("latency-samples.csv"), StandardCharsets.UTF_8);
        assertEquals("model,device,query,encode_ms,recall_ms,rerank_ms,total_ms", lines.get(0));
        assertEquals(1 + 3 * QUERIES, lines.size());
    }

    @Test
    void reportNamesCommand() throws IOException {
        String report = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("rqa sweep --sizes micro,nano --models bge-small-zh-v1.5"), report);
        assertTrue(Files.size(out.resolve("report.html")) > 0);
    }

    @Test
    void plotsAreWrittenAndNotBlank() throws IOException {
        for (String name : List.of("query-latency.png", "index-throughput.png", "latency-split.png",
                "quality-vs-latency.png")) {
            Path file = out.resolve(name);
            assertTrue(Files.exists(file), name);
            BufferedImage image = ImageIO.read(file.toFile());
            assertTrue(image.getWidth() >= 100, name);
            assertTrue(image.getHeight() >= 100, name);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 10, name + " has " + colours.size() + " colours");
        }
    }

    @Test
    void invalidSizeExitsWithTwo() {
        StringWriter errors = new StringWriter();
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(errors, true));
        int code = commandLine.execute("sweep", "--sizes", "huge", "--out", out.resolve("invalid").toString());
        assertEquals(2, code);
        assertTrue(errors.toString().contains("unknown size 'huge'"), errors.toString());
        assertFalse(Files.exists(out.resolve("invalid")));
    }
}
