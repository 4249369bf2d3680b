package dev.rqa.bench;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryMonitorTest {

    @Test
    void residentSizeIsReadOnLinux() {
        assertTrue(MemoryMonitor.readStatusKib("VmRSS").orElse(-1) > 0);
    }

    @Test
    void peakCoversHeapAllocation() throws InterruptedException {
        byte[] block;
        MemoryMonitor.Peak peak;
        try (MemoryMonitor monitor = MemoryMonitor.start()) {
            block = new byte[256 << 20];
            Thread.sleep(5L * MemoryMonitor.SAMPLE_MILLIS);
            peak = monitor.peak();
        }
        assertTrue(block.length > 0);
        assertTrue(peak.peakHeapBytes() >= 256L << 20, "peak heap " + peak.peakHeapBytes());
        assertTrue(!peak.method().isEmpty());
    }

    /**
     * Native memory, as libtorch allocates it, is resident memory that the Java heap does not show.
     * Other tests in the same JVM free memory that the allocator or the heap may hand back at any
     * time, so the check compares with the resident size seen while the block is held, not with the start.
     */
    @Test
    void peakCoversNativeAllocation() {
        MemoryMonitor.Peak peak;
        long whileHeld;
        try (MemoryMonitor monitor = MemoryMonitor.start()) {
            ByteBuffer block = ByteBuffer.allocateDirect(256 << 20);
            // Touch every page, so the whole block becomes resident.
            for (int i = 0; i < block.capacity(); i += 4096) {
                block.put(i, (byte) 1);
            }
            whileHeld = MemoryMonitor.readStatusKib("VmRSS").orElse(-1) * 1024;
            peak = monitor.peak();
        }
        assertTrue(whileHeld >= 256L << 20, "resident size " + whileHeld);
        assertTrue(peak.peakRssBytes() >= whileHeld, peak + " while " + whileHeld + " bytes were resident");
        assertTrue(peak.peakRssBytes() >= peak.baselineRssBytes(), peak.toString());
    }
}
