package dev.rqa.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadAverageTest {

    @Test
    void oneMinuteIsReadOnLinux() {
        double load = LoadAverage.oneMinute();
        assertTrue(load >= 0, "load average " + load);
    }

    @Test
    void describeNamesThreeAverages() {
        assertTrue(LoadAverage.describe().endsWith("(1, 5, 15 min)"), LoadAverage.describe());
    }
}
