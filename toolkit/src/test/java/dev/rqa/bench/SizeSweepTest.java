package dev.rqa.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep API on a machine described as having a GPU. This machine's libtorch is the CPU build,
 * so the GPU configuration runs the same code on {@code Device.gpu()} up to the engine's refusal,
 * which must become a failed row while the CPU row is still measured.
 */
class SizeSweepTest {

    private static SweepResult result;
    private static final List<String> LINES = new ArrayList<>();

    @BeforeAll
    static void runSweep() {
        result = SizeSweep.of("nano")
                .devices("cpu", "gpu")
                .dataset("cmrc2018?queries=6&other-passages=6")
                .passages(8).queries(3).warmup(1).recall(4).maxLength(32)
                .deviceProbe(SweepDeviceTest.machine(1, 1))
                .listener(LINES::add)
                .run();
    }

    @Test
    void cpuRowIsMeasured() {
        SweepRow cpu = result.rows().get(0);
        assertEquals("cpu", cpu.device());
        assertEquals(SweepRow.Status.MEASURED, cpu.status());
        assertEquals(8, cpu.index().passages());
        assertEquals(3, cpu.latency().queries());
        assertEquals(4, cpu.latency().recall());
        assertEquals(12, cpu.latency().pairs());
    }

    @Test
    void gpuRowFailsWithEngineMessage() {
        SweepRow gpu = result.rows().get(1);
        assertEquals("gpu", gpu.device());
        assertEquals(SweepRow.Status.FAILED, gpu.status());
        assertTrue(!gpu.message().isBlank());
        assertNull(gpu.latency());
        assertTrue(LINES.stream().anyMatch(line -> line.contains("failed")), String.join("\n", LINES));
    }

    @Test
    void speedOnlyRowHasNoQuality() {
        SweepRow cpu = result.rows().get(0);
        assertEquals(WeightSource.SPEED_ONLY, cpu.dualWeights());
        assertEquals(WeightSource.SPEED_ONLY, cpu.crossWeights());
        assertNull(cpu.quality());
        assertEquals(0, result.qualityTable().rowCount());
        assertTrue(!result.plots().containsKey(SweepPlots.QUALITY));
    }

    @Test
    void stageLatenciesAddUp() {
        QueryLatencies latency = result.rows().get(0).latency();
        for (int i = 0; i < latency.queries(); i++) {
            double stages = latency.encodeMillis()[i] + latency.recallMillis()[i] + latency.rerankMillis()[i];
            assertTrue(stages <= latency.totalMillis()[i] + 1e-6, "query " + i);
            assertTrue(stages >= latency.totalMillis()[i] * 0.99, "query " + i);
        }
    }

    @Test
    void tableHasOneRowPerConfiguration() {
        assertEquals(2, result.table().rowCount());
        assertEquals("failed", result.table().cell(1, "index build time"));
    }

    @Test
    void timingAgainstPublishedNeedsSameSetUp() {
        assertTrue(result.table().notes().stream().anyMatch(note -> note.contains("No index speed-up")));
        assertEquals("—", result.table().cell(0, "speed-up vs published"));
    }
}
