package dev.rqa.bench;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of one benchmark configuration: resident set size of the process and used Java heap.
 *
 * <p>Before a configuration starts, garbage is collected and glibc's {@code malloc_trim} hands
 * native memory that earlier configurations freed back to the operating system, so that it does
 * not count as this configuration's. Linux keeps the resident high-water mark in {@code VmHWM} of
 * {@code /proc/self/status};
 * writing 5 to {@code /proc/self/clear_refs} (Linux 4.0 and later) resets it to the current
 * resident size, so each configuration gets its own peak. Where the reset is refused, a sampler
 * thread reads {@code VmRSS} every {@value #SAMPLE_MILLIS} ms instead, which can miss peaks shorter
 * than that. The heap is always sampled at that interval. Native memory that libtorch holds on a
 * GPU is not resident memory of the process; GPU rows record the device-wide GPU memory in use
 * separately.
 */
public final class MemoryMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryMonitor.class);
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    static final int SAMPLE_MILLIS = 20;

    private final MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    private final boolean nativeHeapTrimmed;
    private final boolean highWaterMarkReset;
    private final long baselineRss;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long sampledRss;
    private volatile long sampledHeap;

    private MemoryMonitor() {
        // A collection first, so that garbage of the previous configuration does not count as this one's heap.
        System.gc();
        this.nativeHeapTrimmed = trimNativeHeap();
        this.highWaterMarkReset = resetHighWaterMark();
        this.baselineRss = statusBytes("VmRSS");
        this.sampledRss = baselineRss;
        this.sampledHeap = heap.getHeapMemoryUsage().getUsed();
        this.sampler = new Thread(this::sample, "rqa-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts monitoring: collects garbage, returns freed native memory to the operating system,
     * resets the resident high-water mark if Linux allows it, and starts sampling.
     */
    public static MemoryMonitor start() {
        return new MemoryMonitor();
    }

    /**
     * Peaks of one configuration.
     *
     * @param baselineRssBytes resident size when monitoring started, -1 when unknown
     * @param peakRssBytes     highest resident size seen, -1 when unknown
     * @param peakHeapBytes    highest used Java heap seen by the sampler
     * @param method           how the peaks were measured, for reports
     */
    public record Peak(long baselineRssBytes, long peakRssBytes, long peakHeapBytes, String method) {
    }

    /** Returns the peaks since {@link #start()}; sampling goes on until {@link #close()}. */
    public Peak peak() {
        long rss = sampledRss;
        String method;
        if (highWaterMarkReset) {
            rss = Math.max(rss, statusBytes("VmHWM"));
            method = "resident set: VmHWM of /proc/self/status after a reset through /proc/self/clear_refs;"
                    + " heap: used heap sampled every " + SAMPLE_MILLIS + " ms";
        } else {
            method = "resident set and used heap sampled every " + SAMPLE_MILLIS + " ms (VmRSS of /proc/self/status;"
                    + " the high-water mark could not be reset)";
        }
        if (nativeHeapTrimmed) {
            method += "; freed native memory returned to the operating system (glibc malloc_trim) before the start";
        }
        return new Peak(baselineRss, rss, Math.max(sampledHeap, heap.getHeapMemoryUsage().getUsed()), method);
    }

    private void sample() {
        while (running) {
            long rss = statusBytes("VmRSS");
            if (rss > sampledRss) {
                sampledRss = rss;
            }
            long used = heap.getHeapMemoryUsage().getUsed();
            if (used > sampledHeap) {
                sampledHeap = used;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Calls glibc's {@code malloc_trim(0)}; returns false where there is no glibc (musl, macOS). */
    private static boolean trimNativeHeap() {
        try {
            Function trim = NativeLibrary.getInstance("c").getFunction("malloc_trim");
            trim.invokeInt(new Object[] {0});
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("cannot call malloc_trim: {}", e.toString());
            return false;
        }
    }

    private static boolean resetHighWaterMark() {
        if (!Files.isWritable(CLEAR_REFS)) {
            return false;
        }
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException e) {
            LOG.debug("cannot reset the resident high-water mark through {}: {}", CLEAR_REFS, e.toString());
            return false;
        }
    }

    private static long statusBytes(String field) {
        OptionalLong kib = readStatusKib(field);
        return kib.isPresent() ? kib.getAsLong() * 1024 : -1;
    }

    /** Returns a {@code kB} field of {@code /proc/self/status}, or empty off Linux. */
    static OptionalLong readStatusKib(String field) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    String value = line.substring(field.length() + 1).strip();
                    return OptionalLong.of(Long.parseLong(value.split("\\s+")[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read {} from {}: {}", field, STATUS, e.toString());
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
