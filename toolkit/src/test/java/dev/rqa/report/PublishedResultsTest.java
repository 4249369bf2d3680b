package dev.rqa.report;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled RocketQA-zh tables against the values printed in PaddleNLP's pipelines/benchmarks/README.md. */
class PublishedResultsTest {

    private static final PublishedResults ROCKETQA = PublishedResults.rocketqaZh();

    /** model, MRR@10, Recall@1, Recall@50, as printed in the README's DualEncoder table. */
    private static final Object[][] DUAL_ENCODER = {
        {"rocketqa-baselines", 56.45, 45.05, 91.40},
        {"rocketqa-zh-base", 59.14, 48.00, 92.15},
        {"rocketqa-zh-medium", 53.92, 42.35, 89.75},
        {"rocketqa-zh-mini", 44.97, 34.25, 84.97},
        {"rocketqa-zh-micro", 40.22, 28.70, 83.40},
        {"rocketqa-zh-nano", 38.07, 27.35, 80.35},
    };

    /** model, MRR@10, Recall@1, Recall@50, as printed in the README's CrossEncoder table. */
    private static final Object[][] CROSS_ENCODER = {
        {"rocketqa-baselines", 65.62, 55.50, 91.75},
        {"rocketqa-base-cross-encoder", 76.64, 70.05, 91.75},
        {"rocketqa-medium-cross-encoder", 74.82, 67.30, 91.75},
        {"rocketqa-mini-cross-encoder", 70.25, 60.85, 91.75},
        {"rocketqa-micro-cross-encoder", 68.80, 59.35, 91.75},
        {"rocketqa-nano-cross-encoder", 67.99, 58.25, 91.75},
    };

    /** model, index build seconds, as printed, query seconds, as printed. */
    private static final Object[][] CPU_TIMING = {
        {"rocketqa-baselines", 946.0, "15min46s", 10.04, "10.04s/30条"},
        {"rocketqa-zh-base", 954.0, "15min54s", 11.50, "11.50s/30条"},
        {"rocketqa-zh-medium", 474.0, "7min54s", 5.39, "5.39s/30条"},
        {"rocketqa-zh-mini", 250.0, "4min10s", 4.02, "4.02s/30条"},
        {"rocketqa-zh-micro", 169.0, "2min49s", 3.0, "3.0s/30条"},
        {"rocketqa-zh-nano", 150.0, "2min30s", 2.84, "2.84s/30条"},
    };

    @Test
    void dualEncoderValues() {
        checkTable(ROCKETQA.dualEncoder(), DUAL_ENCODER);
    }

    @Test
    void crossEncoderValues() {
        checkTable(ROCKETQA.crossEncoder(), CROSS_ENCODER);
    }

    @Test
    void modelSizes() {
        List<PublishedTable.Row> rows = ROCKETQA.dualEncoder().rows();

        assertEquals("12-layer, 768-hidden", rows.get(1).size());
        assertEquals(12, rows.get(1).layers());
        assertEquals(768, rows.get(1).hidden());
        assertEquals("6-layer, 384-hidden", rows.get(3).size());
        assertEquals(4, rows.get(5).layers());
        assertEquals(312, rows.get(5).hidden());
    }

    @Test
    void cpuTimingValues() {
        PublishedTiming timing = ROCKETQA.cpuTiming();

        assertEquals(CPU_TIMING.length, timing.rows().size());
        for (int i = 0; i < CPU_TIMING.length; i++) {
            PublishedTiming.Row row = timing.rows().get(i);
            Object[] expected = CPU_TIMING[i];
            assertEquals(expected[0], row.model());
            assertEquals((double) expected[1], row.indexBuildSeconds(), 0.0, row.model());
            assertEquals(expected[2], row.indexBuildPrinted(), row.model());
            assertEquals((double) expected[3], row.querySeconds(), 0.0, row.model());
            assertEquals(expected[4], row.queryPrinted(), row.model());
        }
    }

    @Test
    void cpuTimingSetup() {
        PublishedTiming timing = ROCKETQA.cpuTiming();

        assertEquals(1398, timing.indexedPassages());
        assertEquals(30, timing.rerankedPassages());
        assertEquals(20.0, timing.gpuQueryMillisTypical());
        assertEquals(10.0, timing.gpuQueryMillisBest());
        assertTrue(timing.variabilityNote().contains("Elasticsearch"));
        assertTrue(timing.queryDescription().contains("Elasticsearch"));
    }

    @Test
    void derivedIndexThroughput() {
        PublishedTiming timing = ROCKETQA.cpuTiming();
        PublishedTiming.Row nano = timing.row("rocketqa-zh-nano").orElseThrow();

        assertEquals(1398.0 / 150.0, timing.indexPassagesPerSecond(nano), 1e-12);
    }

    @Test
    void sourceRecorded() {
        PublishedSource source = ROCKETQA.source();

        assertEquals("PaddlePaddle/PaddleNLP", source.repository());
        assertEquals("pipelines/benchmarks/README.md", source.path());
        assertEquals("1cfe6e2cf54168628eeb6a337b19a1a663d5d0bd", source.commit());
        assertTrue(source.url().contains(source.commit()));
        assertTrue(source.url().endsWith(source.path()));
        assertEquals(source, ROCKETQA.dualEncoder().source());
        assertEquals(source, ROCKETQA.cpuTiming().source());
    }

    @Test
    void protocolFacts() {
        PublishedProtocol protocol = ROCKETQA.protocol();

        assertEquals("DuReader-retrieval dev", protocol.dataset());
        assertFalse(protocol.datasetStatedBySource());
        assertEquals(2000, protocol.queries());
        assertEquals(0.05, protocol.recallStepPercent(), 1e-12);
        assertEquals(50, protocol.crossEncoderCandidates());
        assertTrue(protocol.recallDefinition().contains("share of queries"));
    }

    @Test
    void metricsMapToMeasures() {
        List<PublishedTable.Metric> metrics = ROCKETQA.dualEncoder().metrics();

        assertEquals(List.of("MRR@10", "Recall@1", "Recall@50"), ROCKETQA.dualEncoder().metricNames());
        assertEquals(Measure.of("recip_rank_cut.10"), metrics.get(0).toMeasure());
        assertEquals(Measure.of("hit_rate.1"), metrics.get(1).toMeasure());
        assertEquals(Measure.of("hit_rate.50"), metrics.get(2).toMeasure());
        assertFalse(metrics.get(0).isShareOfQueries());
        assertTrue(metrics.get(2).isShareOfQueries());
    }

    @Test
    void crossEncodersShareRecallAt50() {
        for (PublishedTable.Row row : ROCKETQA.crossEncoder().rows()) {
            assertEquals(91.75, row.value("Recall@50"), 0.0, row.model());
        }
    }

    /** 84.97% of 2,000 queries is 1,699.4 queries: the one published recall that cannot be exact. */
    @Test
    void offGridValueFlagged() {
        List<String> problems = ROCKETQA.valuesOffGrid();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("rocketqa-zh-mini Recall@50 = 84.97%"), problems.get(0));
        assertTrue(problems.get(0).contains("84.95%"), problems.get(0));
        assertTrue(problems.get(0).contains("85.00%"), problems.get(0));
    }

    @Test
    void rowByCheckpointName() {
        Optional<PublishedTable.Row> row = ROCKETQA.dualEncoder().row("rocketqa-zh-base-query-encoder");

        assertTrue(row.isPresent());
        assertEquals("rocketqa-zh-base", row.get().model());
        assertTrue(ROCKETQA.dualEncoder().row("bge-small-zh-v1.5").isEmpty());
    }

    @Test
    void printedDurationsParse() {
        assertEquals(Optional.of(946.0), PublishedResults.printedDuration("15min46s"));
        assertEquals(Optional.of(46.0), PublishedResults.printedDuration("46s"));
        assertEquals(Optional.of(10.04), PublishedResults.printedQueryTime("10.04s/30条"));
        assertEquals(Optional.empty(), PublishedResults.printedDuration("15 minutes"));
    }

    @Test
    void publishedTableDisplay() {
        ResultTable table = ROCKETQA.dualEncoder().toResultTable();

        assertEquals("59.14%", table.cell(1, "MRR@10"));
        assertEquals("84.97%", table.cell(3, "Recall@50"));
        assertTrue(table.notes().stream().anyMatch(note -> note.contains("1cfe6e2cf541")));
    }

    @Test
    void unknownTableRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ROCKETQA.table("t2ranking"));

        assertTrue(error.getMessage().contains("dualEncoder"), error.getMessage());
    }

    @Test
    void missingFieldNamed(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("broken.json");
        String json = resourceText().replace("\"commit\"", "\"revision\"");
        Files.writeString(file, json, StandardCharsets.UTF_8);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PublishedResults.load(file));

        assertTrue(error.getMessage().contains("'commit'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void printedTimeMismatchRejected(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("mismatch.json");
        String json = resourceText().replace("\"indexBuildSeconds\": 946", "\"indexBuildSeconds\": 947");
        Files.writeString(file, json, StandardCharsets.UTF_8);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PublishedResults.load(file));

        assertTrue(error.getMessage().contains("15min46s"), error.getMessage());
    }

    @Test
    void loadedCopyEqualsBundled(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("copy.json");
        Files.writeString(file, resourceText(), StandardCharsets.UTF_8);

        PublishedResults loaded = PublishedResults.load(file);

        assertEquals(ROCKETQA.dualEncoder(), loaded.dualEncoder());
        assertEquals(ROCKETQA.cpuTiming(), loaded.cpuTiming());
    }

    @Test
    void missingFileRejected(@TempDir Path directory) {
        Path file = directory.resolve("absent.json");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PublishedResults.load(file));

        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }

    private static void checkTable(PublishedTable table, Object[][] expected) {
        assertEquals(expected.length, table.rows().size(), table.name());
        for (int i = 0; i < expected.length; i++) {
            PublishedTable.Row row = table.rows().get(i);
            assertEquals(expected[i][0], row.model());
            assertEquals((double) expected[i][1], row.value("MRR@10"), 0.0, row.model() + " MRR@10");
            assertEquals((double) expected[i][2], row.value("Recall@1"), 0.0, row.model() + " Recall@1");
            assertEquals((double) expected[i][3], row.value("Recall@50"), 0.0, row.model() + " Recall@50");
        }
    }

    private static String resourceText() throws IOException {
        try (var in = PublishedResults.class.getResourceAsStream("/dev/rqa/report/published-rocketqa-zh.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
