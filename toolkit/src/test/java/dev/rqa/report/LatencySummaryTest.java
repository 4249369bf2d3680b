package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Percentiles with linear interpolation, as NumPy's percentile computes them by default. */
class LatencySummaryTest {

    @Test
    void percentilesOfOneToTen() {
        LatencySummary summary = LatencySummary.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});

        // NumPy 1.24.2: numpy.percentile(numpy.arange(1, 11), [50, 95, 99]) = [5.5, 9.55, 9.91]
        assertEquals(5.5, summary.p50(), 1e-12);
        assertEquals(9.55, summary.p95(), 1e-12);
        assertEquals(9.91, summary.p99(), 1e-12);
        assertEquals(5.5, summary.mean(), 1e-12);
        assertEquals(10.0, summary.max(), 0.0);
        assertEquals(10, summary.count());
    }

    @Test
    void singleSample() {
        LatencySummary summary = LatencySummary.of(new double[] {4.2});

        assertEquals(4.2, summary.p50(), 0.0);
        assertEquals(4.2, summary.p99(), 0.0);
    }

    @Test
    void inputNotReordered() {
        double[] samples = {3, 1, 2};

        LatencySummary.of(samples);

        assertEquals(3.0, samples[0], 0.0);
    }

    @Test
    void emptyRejected() {
        assertThrows(InvalidInputException.class, () -> LatencySummary.of(new double[0]));
    }

    @Test
    void nanRejected() {
        assertThrows(InvalidInputException.class, () -> LatencySummary.of(new double[] {1.0, Double.NaN}));
    }
}
