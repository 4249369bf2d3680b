package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pareto front: maximise quality, minimise latency. */
class ParetoTest {

    private static final ParetoPoint BASE = new ParetoPoint("base", 59.1, 40.0);
    private static final ParetoPoint MEDIUM = new ParetoPoint("medium", 53.9, 20.0);
    private static final ParetoPoint NANO = new ParetoPoint("nano", 38.1, 6.0);
    /** Slower and worse than medium. */
    private static final ParetoPoint SLOW = new ParetoPoint("slow", 50.0, 30.0);
    /** Same latency as medium, lower quality. */
    private static final ParetoPoint SAME_LATENCY = new ParetoPoint("same-latency", 52.0, 20.0);
    /** Same quality as base, slower. */
    private static final ParetoPoint SAME_QUALITY = new ParetoPoint("same-quality", 59.1, 45.0);

    @Test
    void frontOfMixedPoints() {
        List<ParetoPoint> front = Pareto.front(List.of(SLOW, BASE, NANO, SAME_QUALITY, MEDIUM, SAME_LATENCY));

        assertEquals(List.of(NANO, MEDIUM, BASE), front);
    }

    @Test
    void dominatedPointExcluded() {
        assertTrue(Pareto.dominates(MEDIUM, SLOW));
        assertFalse(Pareto.dominates(SLOW, MEDIUM));
    }

    @Test
    void equalLatencyLowerQualityDominated() {
        assertTrue(Pareto.dominates(MEDIUM, SAME_LATENCY));
    }

    @Test
    void equalQualityHigherLatencyDominated() {
        assertTrue(Pareto.dominates(BASE, SAME_QUALITY));
    }

    /** Two configurations with identical quality and latency are both worth listing. */
    @Test
    void exactTiesBothKept() {
        ParetoPoint twin = new ParetoPoint("medium-twin", 53.9, 20.0);

        List<ParetoPoint> front = Pareto.front(List.of(BASE, twin, MEDIUM, NANO));

        assertEquals(List.of(NANO, MEDIUM, twin, BASE), front);
        assertFalse(Pareto.dominates(MEDIUM, twin));
    }

    @Test
    void tradeOffsNotDominated() {
        assertFalse(Pareto.dominates(BASE, NANO));
        assertFalse(Pareto.dominates(NANO, BASE));
    }

    @Test
    void singlePointIsFront() {
        assertEquals(List.of(SLOW), Pareto.front(List.of(SLOW)));
    }

    @Test
    void emptyInputEmptyFront() {
        assertTrue(Pareto.front(List.of()).isEmpty());
    }

    @Test
    void nonFiniteRejected() {
        assertThrows(InvalidInputException.class, () -> new ParetoPoint("bad", Double.NaN, 1.0));
        assertThrows(InvalidInputException.class, () -> new ParetoPoint("bad", 1.0, Double.POSITIVE_INFINITY));
    }
}
