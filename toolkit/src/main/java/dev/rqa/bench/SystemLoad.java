package dev.rqa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Linux load average, recorded with timings because other processes competing for the same
 * cores slow a benchmark down without any change in the code measured.
 */
public final class SystemLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private SystemLoad() {
    }

    /** Returns the 1-minute load average of {@code /proc/loadavg}, or NaN where it cannot be read. */
    public static double oneMinute() {
        try {
            String text = Files.readString(LOADAVG, StandardCharsets.US_ASCII).strip();
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
