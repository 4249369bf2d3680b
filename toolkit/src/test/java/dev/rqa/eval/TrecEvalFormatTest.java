package dev.rqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrecEvalFormatTest {

    @Test
    void fixed4RoundsExactTieToEven() {
        // 1/32 and 3/32 are exact in binary; glibc printf rounds the tie to even.
        assertEquals("0.0312", TrecEvalFormat.fixed4(1.0 / 32.0));
        assertEquals("0.0938", TrecEvalFormat.fixed4(3.0 / 32.0));
    }

    @Test
    void fixed4UsesBinaryValue() {
        // The double nearest 0.01875 lies just below it, so C prints 0.0187 where String.format prints 0.0188.
        assertEquals("0.0187", TrecEvalFormat.fixed4(0.225 / 12.0));
    }

    @Test
    void fixed4PadsToSix() {
        assertEquals("0.0000", TrecEvalFormat.fixed4(0.0));
        assertEquals("1.0000", TrecEvalFormat.fixed4(1.0));
        assertEquals("12.5000", TrecEvalFormat.fixed4(12.5));
    }

    @Test
    void linePadsMeasureName() {
        assertEquals("ndcg_cut_10           \tq1\t0.5000", TrecEvalFormat.line(Measure.of("ndcg_cut.10"), "q1", 0.5));
        assertEquals("num_rel               \tall\t84", TrecEvalFormat.line(Measure.of("num_rel"), "all", 84.0));
    }

    @Test
    void linesSkipNumQPerQuery() {
        Qrels qrels = Judgements.qrels("q1", "a", 1);
        Run run = Judgements.run("q1", "a", 1.0);
        MetricsReport report = TrecEval.of("num_q", "map").evaluate(qrels, run);

        List<String> lines = TrecEvalFormat.lines(report, true);

        assertEquals(List.of(
                "map                   \tq1\t1.0000",
                "num_q                 \tall\t1",
                "map                   \tall\t1.0000"), lines);
    }
}
