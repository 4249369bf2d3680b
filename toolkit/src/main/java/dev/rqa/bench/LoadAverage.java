package dev.rqa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system load average, printed with benchmark figures because other processes on a shared
 * machine slow every engine down, and unevenly.
 */
public final class LoadAverage {

    private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** Returns the 1-minute load average from Linux's /proc/loadavg, or NaN where it cannot be read. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(PROC_LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | SecurityException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Returns the 1, 5 and 15 minute load averages from Linux's /proc/loadavg, or "unavailable". */
    public static String describe() {
        try {
            String[] fields = Files.readString(PROC_LOADAVG).trim().split("\\s+");
            if (fields.length >= 3) {
                return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
            }
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc is not mounted: the figures stand without it.
        }
        return "unavailable";
    }
}
