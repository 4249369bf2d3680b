package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three query-set policies on the case where they disagree: qa has a non-relevant and a
 * relevant judgement, qc two relevant ones, qd is judged but never retrieved.
 */
class QuerySetTest {

    private static final Measure MAP = Measure.of("map");
    private static final Measure NUM_Q = Measure.of("num_q");
    private static final Measure NUM_REL = Measure.of("num_rel");

    private static final Qrels QRELS = Judgements.qrels(
            "qa", "x1", 0, "qa", "x2", 1,
            "qc", "x2", 1, "qc", "x3", 1,
            "qd", "x1", 1);

    private static final Run RUN = Judgements.run(
            "qa", "x2", 0.9, "qa", "x1", 0.5,
            "qc", "x3", 0.8, "qc", "x1", 0.6, "qc", "x2", 0.4);

    /** qa: AP 1; qc: relevant at ranks 1 and 3, AP (1 + 2/3) / 2. */
    private static final double AP_QA = 1.0;
    private static final double AP_QC = (1.0 + 2.0 / 3.0) / 2.0;

    private static MetricsReport evaluate(QuerySet querySet, Qrels qrels, Run run) {
        return TrecEval.of(List.of(MAP, NUM_Q, NUM_REL)).withQuerySet(querySet).evaluate(qrels, run);
    }

    @Test
    void defaultAveragesQueriesInBoth() {
        MetricsReport report = evaluate(QuerySet.TREC_EVAL, QRELS, RUN);

        assertEquals("0.9167", TrecEvalFormat.fixed4(report.average(MAP)));
        assertEquals(2, report.numQueries());
        assertEquals(2.0, report.average(NUM_Q));
        assertEquals(QuerySet.TREC_EVAL, report.querySet());
        assertEquals(List.of("qa", "qc"), report.queryIds());
    }

    @Test
    void completeAveragesEveryJudgedQuery() {
        MetricsReport report = evaluate(QuerySet.ALL_JUDGED, QRELS, RUN);

        assertEquals("0.6111", TrecEvalFormat.fixed4(report.average(MAP)));
        assertEquals((AP_QA + AP_QC + 0.0) / 3.0, report.average(MAP), 1e-15);
        assertEquals(3, report.numQueries());
        assertEquals(3.0, report.average(NUM_Q));
        assertEquals(QuerySet.ALL_JUDGED, report.querySet());
    }

    @Test
    void completeCountsMissingQueryRelevant() {
        assertEquals(4.0, evaluate(QuerySet.ALL_JUDGED, QRELS, RUN).average(NUM_REL));
        assertEquals(3.0, evaluate(QuerySet.TREC_EVAL, QRELS, RUN).average(NUM_REL));
    }

    @Test
    void completeMarksMissingQuery() {
        MetricsReport report = evaluate(QuerySet.ALL_JUDGED, QRELS, RUN);

        assertFalse(report.isRetrieved("qd"));
        assertTrue(report.isRetrieved("qa"));
        assertEquals(0.0, report.value("qd", MAP));
        assertTrue(report.summary().contains("1 of them not in the run"), report.summary());
    }

    @Test
    void mtebSkipsUnretrievedLikePytrecEval() {
        // qa, qc and qd all have a relevant document; pytrec_eval scores only the retrieved qa and qc.
        MetricsReport report = evaluate(QuerySet.WITH_RELEVANT, QRELS, RUN);

        assertEquals("0.9167", TrecEvalFormat.fixed4(report.average(MAP)));
        assertEquals(2, report.numQueries());
        assertEquals(QuerySet.WITH_RELEVANT, report.querySet());
    }

    @Test
    void mtebDropsQueryWithoutRelevant() {
        // qb is retrieved but judged only 0: trec_eval averages it as 0, MTEB drops it.
        Qrels qrels = Judgements.qrels(
                "qa", "x1", 0, "qa", "x2", 1,
                "qb", "x1", 0,
                "qc", "x2", 1, "qc", "x3", 1,
                "qd", "x1", 1);
        Run run = Judgements.run(
                "qa", "x2", 0.9, "qa", "x1", 0.5,
                "qb", "x1", 0.7,
                "qc", "x3", 0.8, "qc", "x1", 0.6, "qc", "x2", 0.4);

        MetricsReport trecEval = evaluate(QuerySet.TREC_EVAL, qrels, run);
        MetricsReport complete = evaluate(QuerySet.ALL_JUDGED, qrels, run);
        MetricsReport mteb = evaluate(QuerySet.WITH_RELEVANT, qrels, run);

        assertEquals("0.6111", TrecEvalFormat.fixed4(trecEval.average(MAP)));
        assertEquals(3, trecEval.numQueries());
        assertEquals(0.0, trecEval.value("qb", MAP));
        assertEquals("0.4583", TrecEvalFormat.fixed4(complete.average(MAP)));
        assertEquals(4, complete.numQueries());
        assertEquals("0.9167", TrecEvalFormat.fixed4(mteb.average(MAP)));
        assertEquals(2, mteb.numQueries());
        assertEquals(1, mteb.runQueriesNotAveraged());
    }

    @Test
    void unjudgedRunQueryIgnored() {
        Run run = Judgements.run(
                "qa", "x2", 0.9, "qa", "x1", 0.5,
                "qc", "x3", 0.8, "qc", "x1", 0.6, "qc", "x2", 0.4,
                "qz", "x1", 0.9);

        MetricsReport report = evaluate(QuerySet.TREC_EVAL, QRELS, run);

        assertEquals(evaluate(QuerySet.TREC_EVAL, QRELS, RUN).average(MAP), report.average(MAP));
        assertEquals(2, report.numQueries());
        assertEquals(1, report.runQueriesNotAveraged());
    }

    @Test
    void summaryStatesPolicyAndCount() {
        String summary = evaluate(QuerySet.TREC_EVAL, QRELS, RUN).summary();

        assertTrue(summary.startsWith("averaged over 2 queries (query set trec_eval: "), summary);
    }

    @Test
    void settingsNameQuerySet() {
        MetricsReport report = evaluate(QuerySet.ALL_JUDGED, QRELS, RUN);

        assertEquals("all", report.settings().get("query_set"));
        assertEquals(3, report.settings().get("num_queries"));
    }

    @Test
    void disjointIdsRejected() {
        Run run = Judgements.run("1", "x1", 0.5);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> evaluate(QuerySet.TREC_EVAL, QRELS, run));

        assertTrue(error.getMessage().contains("same query ids"), error.getMessage());
    }

    @Test
    void parseCliNames() {
        assertEquals(QuerySet.TREC_EVAL, QuerySet.parse("trec_eval"));
        assertEquals(QuerySet.ALL_JUDGED, QuerySet.parse("all"));
        assertEquals(QuerySet.WITH_RELEVANT, QuerySet.parse("with-relevant"));
        assertEquals(QuerySet.WITH_RELEVANT, QuerySet.parse("WITH_RELEVANT"));
        assertThrows(InvalidInputException.class, () -> QuerySet.parse("mteb"));
    }
}
