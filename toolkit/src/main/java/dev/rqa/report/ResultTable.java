package dev.rqa.report;

import dev.rqa.InvalidInputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A table of results with a format per column, rendered as aligned text, Markdown or HTML.
 *
 * <p>The values live in a Tablesaw {@link Table}: numeric columns are {@link DoubleColumn}s (a
 * missing value is NaN, as Tablesaw stores it) and text columns are {@link StringColumn}s. The
 * table keeps numbers unrounded; only rendering applies the {@link ColumnFormat}.
 *
 * <pre>{@code
 * ResultTable sweep = ResultTable.titled("HNSW ef sweep")
 *         .column("ef", ColumnFormat.INTEGER)
 *         .column("recall@10", ColumnFormat.DECIMAL_4)
 *         .column("throughput", ColumnFormat.QUERIES_PER_SECOND)
 *         .row(64, 0.9712, 1830.5)
 *         .row(128, 0.9905, 1104.2);
 * }</pre>
 */
public final class ResultTable {

    private final Table table;
    private final List<ColumnFormat> formats = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ResultTable(String title) {
        this.table = Table.create(title == null ? "" : title);
    }

    public static ResultTable titled(String title) {
        return new ResultTable(title);
    }

    /**
     * Wraps a Tablesaw table: numeric columns get {@link ColumnFormat#INTEGER} when every value is a
     * whole number and {@link ColumnFormat#DECIMAL_4} otherwise; all other columns print as text.
     */
    public static ResultTable of(Table source) {
        ResultTable result = new ResultTable(source.name());
        for (Column<?> column : source.columns()) {
            if (column instanceof NumericColumn<?> numeric) {
                DoubleColumn values = numeric.asDoubleColumn().setName(column.name());
                DoubleColumn present = values.removeMissing();
                boolean whole = !present.isEmpty() && present.allMatch((double v) -> v == Math.rint(v));
                result.addColumn(values, whole ? ColumnFormat.INTEGER : ColumnFormat.DECIMAL_4);
            } else {
                StringColumn text = StringColumn.create(column.name());
                for (int row = 0; row < column.size(); row++) {
                    text.append(column.isMissing(row) ? "" : column.getString(row));
                }
                result.addColumn(text, ColumnFormat.TEXT);
            }
        }
        return result;
    }

    /** Returns a two-column table (field, value), as used for settings and the environment. */
    public static ResultTable keyValue(String title, Map<String, ?> values) {
        ResultTable result = titled(title).column("field", ColumnFormat.TEXT).column("value", ColumnFormat.TEXT);
        values.forEach((key, value) -> result.row(key, value == null ? "" : value.toString()));
        return result;
    }

    /** Adds a column; all columns must be added before the first row. */
    public ResultTable column(String name, ColumnFormat format) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("column name is empty in table '" + title() + "'");
        }
        if (table.columnCount() > 0 && table.rowCount() > 0) {
            throw new InvalidInputException("column '" + name + "' added to table '" + title() + "' after rows: add"
                    + " every column first");
        }
        if (table.containsColumn(name)) {
            throw new InvalidInputException("column '" + name + "' appears twice in table '" + title() + "'");
        }
        Column<?> column = format.isNumeric() ? DoubleColumn.create(name) : StringColumn.create(name);
        return addColumn(column, format);
    }

    /**
     * Appends a row. Numeric columns take any {@link Number} (null or NaN for a missing value);
     * text columns take any object, printed with {@code toString()} (null for an empty cell).
     */
    public ResultTable row(Object... cells) {
        if (cells.length != formats.size()) {
            throw new InvalidInputException("row of table '" + title() + "' has " + cells.length + " cells but the table"
                    + " has " + formats.size() + " columns " + table.columnNames());
        }
        for (int c = 0; c < cells.length; c++) {
            Object cell = cells[c];
            if (formats.get(c).isNumeric() && cell != null && !(cell instanceof Number)) {
                throw new InvalidInputException("cell '" + cell + "' in column '" + table.column(c).name()
                        + "' of table '" + title() + "' is not a number: pass a Number, or null when missing");
            }
        }
        for (int c = 0; c < cells.length; c++) {
            Object cell = cells[c];
            if (formats.get(c).isNumeric()) {
                DoubleColumn column = (DoubleColumn) table.column(c);
                if (cell == null) {
                    column.appendMissing();
                } else {
                    column.append(((Number) cell).doubleValue());
                }
            } else {
                ((StringColumn) table.column(c)).append(cell == null ? "" : cell.toString());
            }
        }
        return this;
    }

    /** Adds a note printed under the table, for definitions, caveats and reasons for missing values. */
    public ResultTable note(String text) {
        if (text != null && !text.isBlank()) {
            notes.add(text.strip());
        }
        return this;
    }

    public String title() {
        return table.name();
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    public int rowCount() {
        return table.rowCount();
    }

    public List<String> columnNames() {
        return table.columnNames();
    }

    public ColumnFormat format(String column) {
        return formats.get(columnIndex(column));
    }

    /** Returns the headers as rendered: column names with their units. */
    public List<String> headers() {
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < formats.size(); c++) {
            headers.add(formats.get(c).header(table.column(c).name()));
        }
        return headers;
    }

    /** Returns the number in a numeric cell, or NaN when it is missing. */
    public double number(int row, String column) {
        int index = columnIndex(column);
        if (!formats.get(index).isNumeric()) {
            throw new InvalidInputException("column '" + column + "' of table '" + title() + "' contains text, not numbers");
        }
        return ((DoubleColumn) table.column(index)).getDouble(row);
    }

    /** Returns one cell as it is rendered. */
    public String cell(int row, String column) {
        return formatted(row, columnIndex(column));
    }

    /** Returns whether a numeric cell is missing; text cells are never missing. */
    public boolean isMissing(int row, String column) {
        int index = columnIndex(column);
        return formats.get(index).isNumeric() && table.column(index).isMissing(row);
    }

    /** Returns every cell as rendered, row by row. */
    public List<List<String>> formattedRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < formats.size(); c++) {
                cells.add(formatted(row, c));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Returns a copy of the values as a Tablesaw table, for analysis in notebooks. */
    public Table table() {
        Table copy = table.copy();
        for (int c = 0; c < formats.size(); c++) {
            if (formats.get(c).isNumeric()) {
                ((DoubleColumn) copy.column(c)).setPrintFormatter(formats.get(c).tablesawFormatter());
            }
        }
        return copy;
    }

    /** Returns the table as aligned plain text for terminals, with wide (CJK) characters counted as two columns. */
    public String toText() {
        return TableRenderer.text(this);
    }

    /** Returns the table as GitHub-flavoured Markdown, numeric columns right-aligned. */
    public String toMarkdown() {
        return TableRenderer.markdown(this);
    }

    /** Returns the table as an HTML fragment that renders without external CSS (for notebook display calls). */
    public String toHtml() {
        return TableRenderer.html(this);
    }

    @Override
    public String toString() {
        return toText();
    }

    List<ColumnFormat> formats() {
        return Collections.unmodifiableList(formats);
    }

    private ResultTable addColumn(Column<?> column, ColumnFormat format) {
        table.addColumns(column);
        formats.add(format);
        return this;
    }

    private String formatted(int row, int c) {
        ColumnFormat format = formats.get(c);
        if (format.isNumeric()) {
            DoubleColumn column = (DoubleColumn) table.column(c);
            return format.format(column.isMissing(row) ? null : column.getDouble(row));
        }
        return ((StringColumn) table.column(c)).get(row);
    }

    private int columnIndex(String column) {
        if (!table.containsColumn(column)) {
            throw new InvalidInputException("table '" + title() + "' has no column '" + column + "'; columns: "
                    + table.columnNames());
        }
        return table.columnIndex(column);
    }
}
