package dev.rqa.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void minutesAndSecondsLikePublishedTable() {
        assertEquals("15 min 54 s (954.0 s)", Durations.minutesSeconds(954.0));
        assertEquals("2 min 30 s (150.2 s)", Durations.minutesSeconds(150.2));
        assertEquals("2 min 0 s (119.6 s)", Durations.minutesSeconds(119.6));
    }

    @Test
    void underOneMinuteInSeconds() {
        assertEquals("45.9 s", Durations.minutesSeconds(45.94));
    }

    @Test
    void latencyPicksUnit() {
        assertEquals("2.84 s", Durations.latency(2840));
        assertEquals("412.3 ms", Durations.latency(412.25));
        assertEquals("", Durations.latency(Double.NaN));
    }
}
