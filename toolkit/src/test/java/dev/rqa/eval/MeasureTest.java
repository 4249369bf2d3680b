package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureTest {

    @Test
    void parseSingleCutoff() {
        Measure measure = Measure.of("ndcg_cut.10");

        assertEquals(MeasureFamily.NDCG_CUT, measure.family());
        assertEquals(10, measure.cutoff());
        assertEquals("ndcg_cut.10", measure.trecName());
        assertEquals("ndcg_cut_10", measure.printedName());
    }

    @Test
    void parseCommaCutoffs() {
        assertEquals(List.of(Measure.of(MeasureFamily.P, 5), Measure.of(MeasureFamily.P, 10)), Measure.parse("P.10,5"));
    }

    @Test
    void familiesExpandToTrecEvalDefaults() {
        List<Integer> defaults = List.of(5, 10, 15, 20, 30, 100, 200, 500, 1000);
        for (String family : List.of("ndcg_cut", "map_cut", "recall", "P")) {
            List<Integer> cutoffs = Measure.parse(family).stream().map(Measure::cutoff).toList();
            assertEquals(defaults, cutoffs, family);
        }
        assertEquals(List.of(1, 5, 10), Measure.parse("success").stream().map(Measure::cutoff).toList());
    }

    @Test
    void parseMeasuresWithoutCutoff() {
        assertEquals(Measure.of(MeasureFamily.MAP), Measure.of("map"));
        assertEquals(Measure.of(MeasureFamily.RECIP_RANK), Measure.of("recip_rank"));
        assertEquals(Measure.of(MeasureFamily.NUM_Q), Measure.of("num_q"));
        assertEquals(Measure.of(MeasureFamily.NUM_REL), Measure.of("num_rel"));
        assertEquals(Measure.of(MeasureFamily.NUM_REL_RET), Measure.of("num_rel_ret"));
        assertEquals(Measure.of(MeasureFamily.HIT_RATE, 50), Measure.of("hit_rate.50"));
    }

    @Test
    void parsePrintedAndMtebForms() {
        assertEquals(Measure.of("ndcg_cut.10"), Measure.of("ndcg_cut_10"));
        assertEquals(Measure.of("map_cut.10"), Measure.of("map_cut_10"));
        assertEquals(Measure.of("P.10"), Measure.of("P_10"));
        assertEquals(Measure.of("ndcg_cut.10"), Measure.of("ndcg_at_10"));
        assertEquals(Measure.of("recip_rank_cut.10"), Measure.of("mrr_at_10"));
        assertEquals(Measure.of("P.5"), Measure.of("precision_at_5"));
        assertEquals(Measure.of("hit_rate.50"), Measure.of("hit_rate_at_50"));
    }

    @Test
    void mtebKeys() {
        assertEquals("ndcg_at_10", Measure.of("ndcg_cut.10").mtebKey());
        assertEquals("map_at_10", Measure.of("map_cut.10").mtebKey());
        assertEquals("mrr_at_10", Measure.of("recip_rank_cut.10").mtebKey());
        assertEquals("recall_at_50", Measure.of("recall.50").mtebKey());
        assertEquals("precision_at_5", Measure.of("P.5").mtebKey());
        assertEquals("hit_rate_at_50", Measure.of("hit_rate.50").mtebKey());
        assertEquals("map", Measure.of("map").mtebKey());
        assertEquals("mrr", Measure.of("recip_rank").mtebKey());
    }

    @Test
    void parseAllSortsAndMerges() {
        List<Measure> measures = Measure.parseAll(List.of("P.10", "ndcg_cut.10", "map", "P.5", "P.10", "num_q"));

        assertEquals(List.of("num_q", "map", "P.5", "P.10", "ndcg_cut.10"),
                measures.stream().map(Measure::trecName).toList());
    }

    @Test
    void unknownNameListsSupported() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> Measure.parse("ndcg@10"));

        assertTrue(error.getMessage().contains("unknown measure 'ndcg@10'"), error.getMessage());
        assertTrue(error.getMessage().contains("ndcg_cut.k"), error.getMessage());
        assertTrue(error.getMessage().contains("recip_rank"), error.getMessage());
        assertTrue(error.getMessage().contains("hit_rate.k"), error.getMessage());
    }

    @Test
    void invalidCutoffsRejected() {
        for (String name : List.of("P.0", "P.-5", "P.x", "P.", "ndcg_cut.5,,10", "recall.99999999999")) {
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> Measure.parse(name), name);
            assertTrue(error.getMessage().contains("cutoff"), error.getMessage());
        }
    }

    @Test
    void cutoffOnPlainMeasureRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> Measure.parse("map.10"));

        assertTrue(error.getMessage().contains("takes no cutoff"), error.getMessage());
    }

    @Test
    void singleMeasureRequired() {
        assertThrows(InvalidInputException.class, () -> Measure.of("P.5,10"));
        assertThrows(InvalidInputException.class, () -> Measure.of(""));
    }
}
