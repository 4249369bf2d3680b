package dev.rqa.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link MetricsReport} the way trec_eval 9.0.8 does: {@code printf("%-22s\t%s\t%6.4f\n")}
 * for values and {@code "%-22s\t%s\t%ld\n"} for counts, per query in trec_eval's query order and
 * then the {@code all} rows.
 */
public final class TrecEvalFormat {

    /** The query id trec_eval prints on summary rows. */
    public static final String ALL = "all";

    private TrecEvalFormat() {
    }

    /**
     * Formats a value as C's {@code printf("%6.4f")} does with glibc: the exact binary value,
     * rounded half to even. {@code String.format("%.4f")} differs on exact ties, for example
     * 1/32 = 0.03125 prints as 0.0312 in C and 0.0313 in Java.
     */
    public static String fixed4(double value) {
        if (Double.isNaN(value)) {
            return String.format("%6s", "nan");
        }
        if (Double.isInfinite(value)) {
            return String.format("%6s", value > 0 ? "inf" : "-inf");
        }
        String text = new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        if (value == 0.0 && 1.0 / value < 0) {
            text = "-" + text;
        }
        return String.format("%6s", text);
    }

    /** Formats a measure value as trec_eval prints it: an integer for counts, else {@link #fixed4}. */
    public static String formatValue(Measure measure, double value) {
        return measure.family().isCount() ? Long.toString((long) value) : fixed4(value);
    }

    /** Returns one output line without the newline: padded measure name, query id, value. */
    public static String line(Measure measure, String queryId, double value) {
        return String.format("%-22s\t%s\t%s", measure.printedName(), queryId, formatValue(measure, value));
    }

    /**
     * Returns the lines trec_eval prints. With {@code perQuery} (trec_eval -q) these start with every
     * measure but num_q for every averaged query that the run contains. Every measure for
     * {@code all} follows.
     */
    public static List<String> lines(MetricsReport report, boolean perQuery) {
        List<String> lines = new ArrayList<>();
        if (perQuery) {
            for (String queryId : report.queryIds()) {
                if (!report.isRetrieved(queryId)) {
                    continue;
                }
                for (Measure measure : report.measures()) {
                    if (measure.family() != MeasureFamily.NUM_Q) {
                        lines.add(line(measure, queryId, report.value(queryId, measure)));
                    }
                }
            }
        }
        for (Measure measure : report.measures()) {
            lines.add(line(measure, ALL, report.average(measure)));
        }
        return lines;
    }
}
