package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluator behaviour on hand-computed cases that the golden files do not isolate. */
class TrecEvalTest {

    @Test
    void ndcgGradedByHand() {
        Qrels qrels = Judgements.qrels("q", "a", 2, "q", "b", 0, "q", "c", 3, "q", "d", 1);
        Run run = Judgements.run("q", "a", 0.9, "q", "b", 0.8, "q", "c", 0.7);
        Measure ndcg3 = Measure.of("ndcg_cut.3");

        double dcg = 2.0 / 1.0 + 3.0 / 2.0;
        double idealDcg = 3.0 + 2.0 / (Math.log(3) / Math.log(2)) + 1.0 / 2.0;
        MetricsReport report = TrecEval.of(List.of(ndcg3)).evaluate(qrels, run);

        assertEquals(dcg / idealDcg, report.value("q", ndcg3), 1e-15);
    }

    @Test
    void precisionPadsShortRanking() {
        Qrels qrels = Judgements.qrels("q", "a", 1, "q", "b", 1);
        Run run = Judgements.run("q", "a", 0.9, "q", "x", 0.8, "q", "y", 0.7);

        MetricsReport report = TrecEval.of("P.10", "recall.10", "map_cut.10", "map").evaluate(qrels, run);

        assertEquals(0.1, report.value("q", Measure.of("P.10")));
        assertEquals(0.5, report.value("q", Measure.of("recall.10")));
        assertEquals(0.5, report.value("q", Measure.of("map_cut.10")));
        assertEquals(0.5, report.value("q", Measure.of("map")));
    }

    @Test
    void depthLimitAppliesToEveryMeasure() {
        Qrels qrels = Judgements.qrels("q", "a", 1, "q", "b", 1);
        Run run = Judgements.run("q", "x", 0.9, "q", "a", 0.8, "q", "b", 0.7);

        MetricsReport report = TrecEval.of("num_ret", "num_rel_ret", "map", "recip_rank", "P.5").withMaxDepth(1)
                .evaluate(qrels, run);

        assertEquals(1.0, report.average(Measure.of("num_ret")));
        assertEquals(0.0, report.average(Measure.of("num_rel_ret")));
        assertEquals(0.0, report.average(Measure.of("map")));
        assertEquals(0.0, report.average(Measure.of("recip_rank")));
        assertEquals(0.0, report.average(Measure.of("P.5")));
    }

    @Test
    void relevanceLevelMatchesBinarizedQrels() {
        Qrels graded = QrelsReader.read(GoldenTrecEval.qrels("graded"));
        Run run = RunReader.read(GoldenTrecEval.run("graded"));
        Map<String, Map<String, Integer>> binary = new LinkedHashMap<>();
        graded.asMap().forEach((queryId, labels) -> {
            Map<String, Integer> converted = new LinkedHashMap<>();
            labels.forEach((documentId, label) -> converted.put(documentId, label >= 2 ? 1 : 0));
            binary.put(queryId, converted);
        });
        TrecEval evaluator = TrecEval.of("num_rel", "num_rel_ret", "map", "recip_rank", "P.10", "recall.100",
                "map_cut.10", "hit_rate.5");

        MetricsReport levelTwo = evaluator.withRelevanceLevel(2).evaluate(graded, run);
        MetricsReport binarized = evaluator.evaluate(new Qrels(binary), run);

        assertEquals(binarized.averages(), levelTwo.averages());
    }

    @Test
    void emptyRankingCountsAsRetrieved() {
        Qrels qrels = Judgements.qrels("q1", "a", 1, "q2", "a", 1);
        Run run = new Run(Map.of("q1", List.of(new ScoredDocument("a", 1.0)), "q2", List.of()));

        MetricsReport report = TrecEval.of("map").evaluate(qrels, run);

        assertEquals(2, report.numQueries());
        assertEquals(0.5, report.average(Measure.of("map")));
    }

    @Test
    void queriesInTrecOrder() {
        Qrels qrels = Judgements.qrels("q3", "a", 1, "q10", "a", 1, "q1", "a", 1);
        Run run = Judgements.run("q3", "a", 1.0, "q10", "a", 1.0, "q1", "a", 1.0);

        assertEquals(List.of("q1", "q10", "q3"), TrecEval.of("map").evaluate(qrels, run).queryIds());
    }

    @Test
    void duplicateInRunRejected() {
        Qrels qrels = Judgements.qrels("q", "a", 1);
        Run run = new Run(Map.of("q", List.of(new ScoredDocument("a", 1.0), new ScoredDocument("a", 0.5))));

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TrecEval.of("map").evaluate(qrels, run));

        assertTrue(error.getMessage().contains("twice for query 'q'"), error.getMessage());
    }

    @Test
    void nanScoreRejected() {
        Qrels qrels = Judgements.qrels("q", "a", 1);
        Run run = Judgements.run("q", "a", Double.NaN);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TrecEval.of("map").evaluate(qrels, run));

        assertTrue(error.getMessage().contains("NaN"), error.getMessage());
    }

    @Test
    void invalidSettingsRejected() {
        TrecEval evaluator = TrecEval.of("map");

        assertThrows(InvalidInputException.class, () -> evaluator.withMaxDepth(0));
        assertThrows(InvalidInputException.class, () -> evaluator.withRelevanceLevel(0));
        assertThrows(InvalidInputException.class, () -> TrecEval.of(List.of()));
    }

    @Test
    void unknownLookupsRejected() {
        MetricsReport report = TrecEval.of("map").evaluate(Judgements.qrels("q", "a", 1), Judgements.run("q", "a", 1.0));

        assertThrows(IllegalArgumentException.class, () -> report.value("other", Measure.of("map")));
        assertThrows(IllegalArgumentException.class, () -> report.average(Measure.of("P.5")));
    }
}
