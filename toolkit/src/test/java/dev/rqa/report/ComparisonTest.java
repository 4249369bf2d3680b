package dev.rqa.report;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.MetricsReport;
import dev.rqa.eval.Qrels;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.eval.TrecEval;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Measured values against the published RocketQA-zh dual encoder table. */
class ComparisonTest {

    private static final PublishedTable DUAL = PublishedResults.rocketqaZh().dualEncoder();
    private static final String REASON = "weights not found in cache: run rqa models --download rocketqa-zh-base";

    /** Row index of each model in the published table. */
    private static final int BASE = 1;
    private static final int MEDIUM = 2;
    private static final int NANO = 5;

    private static final List<String> MEASURED_COLUMNS =
            List.of("MRR@10 measured", "Recall@1 measured", "Recall@50 measured");
    private static final List<String> DIFF_COLUMNS = List.of("MRR@10 diff", "Recall@1 diff", "Recall@50 diff");

    @Test
    void missingModelShowsMissing() {
        ResultTable table = Comparison.against(DUAL).missing("rocketqa-zh-base", REASON).table();

        for (String column : MEASURED_COLUMNS) {
            assertEquals("missing", table.cell(BASE, column), column);
            assertTrue(table.isMissing(BASE, column), column);
            assertTrue(Double.isNaN(table.number(BASE, column)), column);
        }
        for (String column : DIFF_COLUMNS) {
            assertEquals("missing", table.cell(BASE, column), column);
        }
        assertEquals(REASON, table.cell(BASE, "note"));
    }

    @Test
    void missingModelKeepsPublished() {
        ResultTable table = Comparison.against(DUAL).missing("rocketqa-zh-base", REASON).table();

        assertEquals("59.14%", table.cell(BASE, "MRR@10 published"));
        assertEquals("48.00%", table.cell(BASE, "Recall@1 published"));
        assertEquals("92.15%", table.cell(BASE, "Recall@50 published"));
    }

    @Test
    void missingModelRowHasNoMeasuredNumber() {
        ResultTable table = Comparison.against(DUAL).missing("rocketqa-zh-base", REASON).table();
        String line = table.toText().lines().filter(l -> l.startsWith("rocketqa-zh-base ")).findFirst().orElseThrow();

        String withoutPublished = line.replace("59.14%", "").replace("48.00%", "").replace("92.15%", "")
                .replace("12-layer, 768-hidden", "").replace(REASON, "");
        assertFalse(withoutPublished.matches(".*\\d.*"), line);
    }

    @Test
    void missingNeedsReason() {
        assertThrows(InvalidInputException.class, () -> Comparison.against(DUAL).missing("rocketqa-zh-base", " "));
    }

    @Test
    void differenceArithmetic() {
        ResultTable table = Comparison.against(DUAL)
                .measured("rocketqa-zh-nano", Map.of("MRR@10", 0.3790, "Recall@1", 0.2750, "Recall@50", 0.8035))
                .table();

        assertEquals(37.90 - 38.07, table.number(NANO, "MRR@10 diff"), 1e-9);
        assertEquals("-0.17", table.cell(NANO, "MRR@10 diff"));
        assertEquals(27.50 - 27.35, table.number(NANO, "Recall@1 diff"), 1e-9);
        assertEquals("+0.15", table.cell(NANO, "Recall@1 diff"));
        assertEquals("0.00", table.cell(NANO, "Recall@50 diff"));
        assertEquals("37.90%", table.cell(NANO, "MRR@10 measured"));
        assertEquals("", table.cell(NANO, "note"));
    }

    @Test
    void checkpointNameMapsToRow() {
        ResultTable table = Comparison.against(DUAL)
                .measured("rocketqa-zh-base-query-encoder", Map.of("MRR@10", 0.60, "Recall@1", 0.48, "Recall@50", 0.92))
                .table();

        assertEquals(DUAL.rows().size(), table.rowCount());
        assertEquals("+0.86", table.cell(BASE, "MRR@10 diff"));
    }

    @Test
    void publishedOnlyRowsNotMeasured() {
        ResultTable table = Comparison.against(DUAL)
                .measured("rocketqa-zh-nano", Map.of("MRR@10", 0.38, "Recall@1", 0.27, "Recall@50", 0.80))
                .table();

        assertEquals("missing", table.cell(MEDIUM, "MRR@10 measured"));
        assertEquals("53.92%", table.cell(MEDIUM, "MRR@10 published"));
        assertEquals("not measured", table.cell(MEDIUM, "note"));
    }

    @Test
    void measuredOnlyRowAppended() {
        ResultTable table = Comparison.against(DUAL).measured("bge-small-zh-v1.5", Map.of("MRR@10", 0.51)).table();
        int last = table.rowCount() - 1;

        assertEquals(DUAL.rows().size() + 1, table.rowCount());
        assertEquals("bge-small-zh-v1.5", table.cell(last, "model"));
        assertEquals("51.00%", table.cell(last, "MRR@10 measured"));
        assertEquals("missing", table.cell(last, "MRR@10 published"));
        assertEquals("missing", table.cell(last, "MRR@10 diff"));
        assertEquals("missing", table.cell(last, "Recall@1 measured"));
        assertTrue(table.cell(last, "note").contains("not in the published table"), table.cell(last, "note"));
    }

    @Test
    void partialMeasurementNamesMissingMetrics() {
        ResultTable table = Comparison.against(DUAL).measured("rocketqa-zh-nano", Map.of("MRR@10", 0.38)).table();

        assertEquals("missing", table.cell(NANO, "Recall@50 measured"));
        assertEquals("Recall@1, Recall@50 not measured", table.cell(NANO, "note"));
    }

    @Test
    void measureNamesAccepted() {
        ResultTable table = Comparison.against(DUAL)
                .measured("rocketqa-zh-nano", Map.of("recip_rank_cut.10", 0.38, "success.1", 0.27, "hit_rate_at_50", 0.80))
                .table();

        assertEquals("38.00%", table.cell(NANO, "MRR@10 measured"));
        assertEquals("27.00%", table.cell(NANO, "Recall@1 measured"));
        assertEquals("80.00%", table.cell(NANO, "Recall@50 measured"));
    }

    /** RocketQA's Recall@k is a hit rate; trec_eval's recall.k is a different measure and must not be compared. */
    @Test
    void trecRecallRejected() {
        Comparison comparison = Comparison.against(DUAL);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> comparison.measured("rocketqa-zh-nano", Map.of("recall.50", 0.80)));

        assertTrue(error.getMessage().contains("hit_rate.50"), error.getMessage());
    }

    @Test
    void percentValueRejected() {
        Comparison comparison = Comparison.against(DUAL);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> comparison.measured("rocketqa-zh-nano", Map.of("MRR@10", 38.07)));

        assertTrue(error.getMessage().contains("fraction"), error.getMessage());
    }

    @Test
    void unknownMetricRejected() {
        Comparison comparison = Comparison.against(DUAL);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> comparison.measured("rocketqa-zh-nano", Map.of("nDCG@10", 0.5)));

        assertTrue(error.getMessage().contains("MRR@10 (recip_rank_cut.10)"), error.getMessage());
    }

    @Test
    void duplicateModelRejected() {
        Comparison comparison = Comparison.against(DUAL).missing("rocketqa-zh-base", REASON);

        assertThrows(InvalidInputException.class,
                () -> comparison.measured("rocketqa-zh-base-para-encoder", Map.of("MRR@10", 0.5)));
    }

    @Test
    void metricsReportInput() {
        MetricsReport report = TrecEval.of("recip_rank_cut.10", "hit_rate.1", "hit_rate.50").evaluate(qrels(), run());

        ResultTable table = Comparison.against(DUAL).measured("rocketqa-zh-nano", report).table();

        assertEquals(0.75, table.number(NANO, "MRR@10 measured"), 1e-12);
        assertEquals(0.5, table.number(NANO, "Recall@1 measured"), 1e-12);
        assertEquals(1.0, table.number(NANO, "Recall@50 measured"), 1e-12);
        assertTrue(table.notes().stream().anyMatch(note -> note.contains("averaged over 2 queries")));
        assertTrue(table.notes().stream().anyMatch(note -> note.contains("compares different query sets")));
    }

    @Test
    void metricsReportMissingMeasure() {
        MetricsReport report = TrecEval.of("recip_rank_cut.10").evaluate(qrels(), run());

        ResultTable table = Comparison.against(DUAL).measured("rocketqa-zh-nano", report).table();

        assertEquals("missing", table.cell(NANO, "Recall@50 measured"));
        assertTrue(table.cell(NANO, "note").contains("-m hit_rate.1 -m hit_rate.50"), table.cell(NANO, "note"));
    }

    @Test
    void shallowDepthLeavesRecallMissing() {
        MetricsReport report = TrecEval.of("recip_rank_cut.10", "hit_rate.1", "hit_rate.50").withMaxDepth(10)
                .evaluate(qrels(), run());

        ResultTable table = Comparison.against(DUAL).measured("rocketqa-zh-nano", report).table();

        assertEquals("missing", table.cell(NANO, "Recall@50 measured"));
        assertEquals("50.00%", table.cell(NANO, "Recall@1 measured"));
        assertTrue(table.cell(NANO, "note").contains("depth 10"), table.cell(NANO, "note"));
    }

    @Test
    void offGridPublishedValueNoted() {
        ResultTable table = Comparison.against(DUAL).table();

        assertTrue(table.notes().stream().anyMatch(note -> note.contains("84.97%")));
    }

    @Test
    void rendersAllFormats() {
        Comparison comparison = Comparison.against(DUAL).missing("rocketqa-zh-base", REASON);

        assertTrue(comparison.toText().contains(REASON));
        assertTrue(comparison.toMarkdown().contains("| rocketqa-zh-base |"));
        assertTrue(comparison.toHtml().contains("<td class=\"missing\""));
    }

    /** q1: relevant at rank 2; q2: relevant at rank 1. */
    private static Qrels qrels() {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        judgements.put("q1", Map.of("a", 1));
        judgements.put("q2", Map.of("b", 1));
        return new Qrels(judgements);
    }

    private static Run run() {
        Map<String, List<ScoredDocument>> results = new LinkedHashMap<>();
        results.put("q1", List.of(new ScoredDocument("x", 0.9), new ScoredDocument("a", 0.8)));
        results.put("q2", List.of(new ScoredDocument("b", 0.9), new ScoredDocument("y", 0.8)));
        return new Run(results);
    }

    @Test
    void barPlotLeavesMissingBarsOut() {
        Comparison comparison = Comparison.against(DUAL)
                .missing("rocketqa-zh-base", REASON)
                .measured("bge-small-zh-v1.5", Map.of("MRR@10", 0.9444));

        CategoryChart chart = comparison.barPlot("MRR@10").toXChart();

        List<?> measured = new ArrayList<>(chart.getSeriesMap().get("measured (this run)").getYData());
        List<?> published = new ArrayList<>(chart.getSeriesMap().get("published (DuReader-retrieval dev)").getYData());
        assertEquals(7, measured.size(), "six published rows and bge");
        assertEquals(null, measured.get(BASE), "a missing measurement has no bar");
        assertEquals(94.44, ((Number) measured.get(6)).doubleValue(), 1e-9);
        assertEquals(59.14, ((Number) published.get(BASE)).doubleValue(), 1e-9);
        assertEquals(null, published.get(6), "bge is not in the published table");
    }

    @Test
    void barPlotUnknownMetricRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> Comparison.against(DUAL).barPlot("nDCG@10"));
        assertTrue(error.getMessage().contains("MRR@10"), error.getMessage());
    }

    @Test
    void measuredModelsExcludeMissing() {
        Comparison comparison = Comparison.against(DUAL)
                .missing("rocketqa-zh-base", REASON)
                .measured("rocketqa-zh-nano", Map.of("MRR@10", 0.38))
                .measured("bge-small-zh-v1.5", Map.of("MRR@10", 0.9444));

        assertEquals(List.of("rocketqa-zh-nano", "bge-small-zh-v1.5"), comparison.measuredModels());
    }
}
