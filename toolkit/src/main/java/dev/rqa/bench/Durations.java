package dev.rqa.bench;

import java.util.Locale;

/** Formats measured times for tables, in the style of PaddleNLP's timing table ("15min54s"). */
public final class Durations {

    private Durations() {
    }

    /**
     * Returns seconds as whole minutes and seconds, with the exact seconds in brackets:
     * "15 min 54 s (954.4 s)", or "45.9 s" under a minute.
     */
    public static String minutesSeconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long rounded = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %d s (%.1f s)", rounded / 60, rounded % 60, seconds);
    }

    /** Returns a latency in the unit that suits it: "2.84 s" from one second up, "412.3 ms" below. */
    public static String latency(double millis) {
        if (Double.isNaN(millis)) {
            return "";
        }
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
