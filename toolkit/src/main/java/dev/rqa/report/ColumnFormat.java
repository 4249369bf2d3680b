package dev.rqa.report;

import dev.rqa.InvalidInputException;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Print format of a {@link ResultTable} column, and the unit its header shows.
 *
 * <p>Numbers print in {@link Locale#ROOT} with a fixed number of decimals, rounded half-up.
 * {@link #PERCENT} expects fractions, the form trec_eval and {@code MetricsReport} produce, and
 * prints them times 100 with a percent sign. A missing number (null or NaN) prints as
 * {@link #MISSING}; a missing text prints as an empty cell.
 *
 * @param kind     text, plain number, fraction shown as percent, or signed number
 * @param decimals digits after the decimal point
 * @param unit     unit appended to the header in brackets, or empty
 */
public record ColumnFormat(Kind kind, int decimals, String unit) {

    /** The word printed in place of a missing number. */
    public static final String MISSING = "missing";

    /** Kinds of column. */
    public enum Kind { TEXT, NUMBER, PERCENT, SIGNED }

    public static final ColumnFormat TEXT = new ColumnFormat(Kind.TEXT, 0, "");
    public static final ColumnFormat INTEGER = number(0, "");
    public static final ColumnFormat DECIMAL_4 = number(4, "");
    /** A fraction such as 0.5914, printed as "59.14%". */
    public static final ColumnFormat PERCENT = new ColumnFormat(Kind.PERCENT, 2, "");
    /** A difference of two percentages, in percentage points, printed with its sign: "+0.12", "-1.03". */
    public static final ColumnFormat POINTS = new ColumnFormat(Kind.SIGNED, 2, "pp");
    public static final ColumnFormat MILLISECONDS = number(2, "ms");
    public static final ColumnFormat SECONDS = number(2, "s");
    public static final ColumnFormat PASSAGES_PER_SECOND = number(1, "passages/s");
    public static final ColumnFormat QUERIES_PER_SECOND = number(1, "queries/s");

    public ColumnFormat {
        if (kind == null) {
            throw new InvalidInputException("column format kind is null: expected one of TEXT, NUMBER, PERCENT, SIGNED");
        }
        if (decimals < 0 || decimals > 12) {
            throw new InvalidInputException("column format decimals " + decimals + " is out of range: expected 0 to 12");
        }
        unit = unit == null ? "" : unit.strip();
    }

    /** Returns a plain number format, for example {@code number(1, "GiB")}. */
    public static ColumnFormat number(int decimals, String unit) {
        return new ColumnFormat(Kind.NUMBER, decimals, unit);
    }

    public boolean isNumeric() {
        return kind != Kind.TEXT;
    }

    /** Returns the header for a column of this format: the name, then the unit in brackets when there is one. */
    public String header(String name) {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }

    /** Formats one number; null and NaN give {@link #MISSING}. */
    public String format(Double value) {
        if (value == null || value.isNaN()) {
            return MISSING;
        }
        if (value.isInfinite()) {
            return value > 0 ? "inf" : "-inf";
        }
        switch (kind) {
            case PERCENT:
                return round(value * 100.0) + "%";
            case SIGNED:
                String rounded = round(value);
                if (new BigDecimal(rounded).signum() == 0) {
                    // A difference that rounds to zero has no sign: "-0.00" would suggest a loss.
                    return round(0.0);
                }
                return rounded.startsWith("-") ? rounded : "+" + rounded;
            case NUMBER:
                return round(value);
            default:
                return value.toString();
        }
    }

    /** Returns a Tablesaw formatter that prints like {@link #format}, so {@code Table.print()} agrees with reports. */
    NumberColumnFormatter tablesawFormatter() {
        String digits = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        DecimalFormat format;
        switch (kind) {
            case PERCENT:
                format = new DecimalFormat(digits + "%", symbols);
                break;
            case SIGNED:
                format = new DecimalFormat("+" + digits + ";-" + digits, symbols);
                break;
            default:
                format = new DecimalFormat(digits, symbols);
                break;
        }
        format.setRoundingMode(RoundingMode.HALF_UP);
        return new NumberColumnFormatter(format, MISSING);
    }

    private String round(double value) {
        return new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
