package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecallTest {

    private static ScoredDocument doc(String id, double score) {
        return new ScoredDocument(id, score);
    }

    @Test
    void recallCountsSharedIds() {
        List<List<ScoredDocument>> exact = List.of(
                List.of(doc("a", 3), doc("b", 2), doc("c", 1)),
                List.of(doc("x", 1)));
        List<List<ScoredDocument>> approximate = List.of(
                List.of(doc("a", 3), doc("c", 1), doc("z", 0.5)),
                List.of(doc("y", 0.5)));
        assertArrayEquals(new double[] {2.0 / 3, 0}, Recall.perQuery(exact, approximate, 3), 1e-12);
        assertEquals(1.0 / 3, Recall.atK(exact, approximate, 3), 1e-12);
    }

    @Test
    void recallCutsExactTiesByTrecOrder() {
        // Four passages tie; the exact top 2 are the two largest ids, d and c.
        List<List<ScoredDocument>> exact = List.of(List.of(doc("a", 1), doc("b", 1), doc("c", 1), doc("d", 1)));
        List<List<ScoredDocument>> approximate = List.of(List.of(doc("d", 1), doc("a", 1)));
        assertEquals(0.5, Recall.atK(exact, approximate, 2), 1e-12);
    }

    @Test
    void recallOverRunsUsesExactQueries() {
        Run exact = new Run(Map.of("q1", List.of(doc("a", 1)), "q2", List.of(doc("b", 1))));
        Run approximate = new Run(Map.of("q1", List.of(doc("a", 1))));
        assertEquals(0.5, Recall.atK(exact, approximate, 10), 1e-12);
    }

    @Test
    void recallRejectsMismatchedLengths() {
        assertThrows(InvalidInputException.class,
                () -> Recall.atK(List.of(List.of()), List.of(), 10));
    }
}
