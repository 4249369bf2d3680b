package dev.rqa.eval;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every row that trec_eval 9.0.8 printed for the golden qrels/run pairs, per query and averaged,
 * with and without -c, must come out of {@link TrecEval} identically at 4 decimals.
 */
class TrecEvalGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"binary", "graded", "large"})
    void goldenRowsDefault(String name) {
        assertRows(name, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "graded", "large"})
    void goldenRowsComplete(String name) {
        assertRows(name, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "graded", "large"})
    void goldenPrintedQueries(String name) {
        for (boolean complete : new boolean[] {false, true}) {
            List<GoldenTrecEval.Row> rows = rowsOf(name, complete);
            MetricsReport report = evaluate(name, complete, measuresOf(rows), TrecEval.UNLIMITED_DEPTH);

            Set<String> expected = new TreeSet<>();
            rows.stream().filter(row -> !row.queryId().equals(TrecEvalFormat.ALL))
                    .forEach(row -> expected.add(row.queryId()));
            Set<String> printed = new TreeSet<>();
            report.queryIds().stream().filter(report::isRetrieved).forEach(printed::add);

            assertEquals(expected, printed, name + (complete ? " -c" : "") + ": queries with per-query rows");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "graded", "large"})
    void recipRankCutMatchesDepthLimit(String name) {
        Qrels qrels = QrelsReader.read(GoldenTrecEval.qrels(name));
        Run run = RunReader.read(GoldenTrecEval.run(name));
        Measure recipRank = Measure.of("recip_rank");
        Measure mrrAt10 = Measure.of("recip_rank_cut.10");

        MetricsReport limited = TrecEval.of(List.of(recipRank)).withMaxDepth(10).evaluate(qrels, run);
        MetricsReport cut = TrecEval.of(List.of(mrrAt10)).evaluate(qrels, run);

        List<Executable> checks = new ArrayList<>();
        for (String queryId : limited.queryIds()) {
            checks.add(() -> assertEquals(limited.value(queryId, recipRank), cut.value(queryId, mrrAt10), queryId));
        }
        checks.add(() -> assertEquals(limited.average(recipRank), cut.average(mrrAt10), "all"));
        assertAll(checks);
    }

    private static void assertRows(String name, boolean complete) {
        List<GoldenTrecEval.Row> rows = rowsOf(name, complete);
        assertFalse(rows.isEmpty(), "golden file " + name + " has rows");

        MetricsReport report = evaluate(name, complete, measuresOf(rows), TrecEval.UNLIMITED_DEPTH);
        MetricsReport mrrAt10 = evaluate(name, complete, List.of(Measure.of("recip_rank")), 10);

        List<Executable> checks = new ArrayList<>();
        for (GoldenTrecEval.Row row : rows) {
            boolean isMrrAt10 = row.measure().equals(GoldenTrecEval.MRR_AT_10);
            MetricsReport source = isMrrAt10 ? mrrAt10 : report;
            Measure measure = isMrrAt10 ? Measure.of("recip_rank") : Measure.of(row.measure());
            checks.add(() -> {
                double value = row.queryId().equals(TrecEvalFormat.ALL)
                        ? source.average(measure)
                        : source.value(row.queryId(), measure);
                assertEquals(row.value(), TrecEvalFormat.formatValue(measure, value).trim(), row.toString());
            });
        }
        assertAll(name + (complete ? " -c" : ""), checks);
    }

    private static List<GoldenTrecEval.Row> rowsOf(String name, boolean complete) {
        return GoldenTrecEval.rows(name).stream().filter(row -> row.complete() == complete).toList();
    }

    private static List<Measure> measuresOf(List<GoldenTrecEval.Row> rows) {
        Set<Measure> measures = new LinkedHashSet<>();
        for (GoldenTrecEval.Row row : rows) {
            if (!row.measure().equals(GoldenTrecEval.MRR_AT_10)) {
                measures.add(Measure.of(row.measure()));
            }
        }
        return List.copyOf(measures);
    }

    private static MetricsReport evaluate(String name, boolean complete, List<Measure> measures, int maxDepth) {
        TrecEval evaluator = TrecEval.of(measures).withQuerySet(complete ? QuerySet.ALL_JUDGED : QuerySet.TREC_EVAL);
        if (maxDepth != TrecEval.UNLIMITED_DEPTH) {
            evaluator = evaluator.withMaxDepth(maxDepth);
        }
        return evaluator.evaluate(QrelsReader.read(GoldenTrecEval.qrels(name)), RunReader.read(GoldenTrecEval.run(name)));
    }
}
