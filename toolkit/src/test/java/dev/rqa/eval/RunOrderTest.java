package dev.rqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** trec_eval 9.0.8 ranks by score descending, then document id descending in strcmp order. */
class RunOrderTest {

    private static List<String> ranking(Run run, String queryId) {
        return run.results(queryId).stream().map(ScoredDocument::documentId).toList();
    }

    @Test
    void tiesByDocumentIdDescending() {
        Run run = Judgements.run("q", "d1", 0.5, "q", "d10", 0.5, "q", "d2", 0.5, "q", "d3", 0.9);

        assertEquals(List.of("d3", "d2", "d10", "d1"), ranking(run, "q"));
    }

    @Test
    void negativeZeroTiesWithZero() {
        Run run = Judgements.run("q", "a", -0.0, "q", "b", 0.0, "q", "c", -0.0);

        assertEquals(List.of("c", "b", "a"), ranking(run, "q"));
    }

    @Test
    void idsCompareByCodePoint() {
        String fullWidthA = "\uFF21";
        String emoji = "\uD83D\uDE00";
        Run run = Judgements.run("q", fullWidthA, 1.0, "q", emoji, 1.0);

        // U+1F600 is above U+FF21, so strcmp puts the emoji first in descending order.
        assertEquals(List.of(emoji, fullWidthA), ranking(run, "q"));
        assertTrue(TrecIdOrder.compare(emoji, fullWidthA) > 0);
        assertTrue(emoji.compareTo(fullWidthA) < 0);
    }

    @Test
    void idOrderPrefixFirst() {
        assertTrue(TrecIdOrder.compare("q1", "q10") < 0);
        assertTrue(TrecIdOrder.compare("q10", "q3") < 0);
        assertEquals(0, TrecIdOrder.compare("同一", "同一"));
    }
}
