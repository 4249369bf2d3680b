package dev.rqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hit rate at k (RocketQA's Recall@k) and MRR@k on hand-made rankings. */
class HitRateTest {

    private static final Measure HIT_1 = Measure.of("hit_rate.1");
    private static final Measure HIT_3 = Measure.of("hit_rate.3");
    private static final Measure HIT_50 = Measure.of("hit_rate.50");
    private static final Measure MRR_2 = Measure.of("recip_rank_cut.2");

    /** q1: relevant at rank 2; q2: relevant at rank 1 and 3; q3: relevant never retrieved. */
    private static final Qrels QRELS = Judgements.qrels(
            "q1", "a", 1,
            "q2", "b", 2, "q2", "d", 1,
            "q3", "z", 1, "q3", "c", 0);

    private static final Run RUN = Judgements.run(
            "q1", "x", 0.9, "q1", "a", 0.8, "q1", "y", 0.7,
            "q2", "b", 0.9, "q2", "c", 0.8, "q2", "d", 0.7,
            "q3", "c", 0.9);

    private static MetricsReport evaluate(TrecEval evaluator) {
        return evaluator.evaluate(QRELS, RUN);
    }

    @Test
    void hitRatePerQuery() {
        MetricsReport report = evaluate(TrecEval.of(List.of(HIT_1, HIT_3, HIT_50)));

        assertEquals(0.0, report.value("q1", HIT_1));
        assertEquals(1.0, report.value("q1", HIT_3));
        assertEquals(1.0, report.value("q2", HIT_1));
        assertEquals(0.0, report.value("q3", HIT_3));
        assertEquals(0.0, report.value("q3", HIT_50));
    }

    @Test
    void hitRateAverages() {
        MetricsReport report = evaluate(TrecEval.of(List.of(HIT_1, HIT_3, HIT_50)));

        assertEquals(1.0 / 3.0, report.average(HIT_1));
        assertEquals(2.0 / 3.0, report.average(HIT_3));
        assertEquals(2.0 / 3.0, report.average(HIT_50));
    }

    @Test
    void hitRateAfterDepthLimit() {
        MetricsReport report = evaluate(TrecEval.of(List.of(HIT_3)).withMaxDepth(1));

        assertEquals(0.0, report.value("q1", HIT_3));
        assertEquals(1.0, report.value("q2", HIT_3));
    }

    @Test
    void hitRateAtRelevanceLevel() {
        MetricsReport report = evaluate(TrecEval.of(List.of(HIT_3)).withRelevanceLevel(2));

        assertEquals(0.0, report.value("q1", HIT_3));
        assertEquals(1.0, report.value("q2", HIT_3));
    }

    @Test
    void hitRateEqualsSuccess() {
        Measure success = Measure.of("success.3");
        MetricsReport report = evaluate(TrecEval.of(List.of(HIT_3, success)));

        for (String queryId : report.queryIds()) {
            assertEquals(report.value(queryId, success), report.value(queryId, HIT_3), queryId);
        }
    }

    @Test
    void mrrAtCutoff() {
        MetricsReport report = evaluate(TrecEval.of(List.of(MRR_2, Measure.of("recip_rank"))));

        assertEquals(0.5, report.value("q1", MRR_2));
        assertEquals(1.0, report.value("q2", MRR_2));
        assertEquals(0.0, report.value("q3", MRR_2));
        assertEquals(0.5, report.average(MRR_2));
    }

    @Test
    void mrrKeyFromDepthLimit() {
        MetricsReport report = evaluate(TrecEval.of(List.of(Measure.of("recip_rank"), HIT_1)).withMaxDepth(10));

        assertEquals(report.average(Measure.of("recip_rank")), report.mtebMetrics().get("mrr_at_10"));
        assertEquals(report.average(HIT_1), report.mtebMetrics().get("hit_rate_at_1"));
    }
}
