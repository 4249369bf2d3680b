package dev.rqa.report.jupyter;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;
import java.util.Set;

/**
 * Shows a Tablesaw {@link Table} that ends a notebook cell as an HTML table (with the plain-text
 * table as the text/plain alternative) in rapaio-jupyter-kernel.
 *
 * <p>Without it the kernel puts {@code Table.toString()} into a text/html output, where the
 * aligned columns collapse into one line. The kernel finds this class through
 * {@code META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider} in the toolkit
 * jar. Other kernels (IJava) ignore it and show {@code toString()}, so notebooks stay plain Java.
 */
public final class TablesawDisplayProvider implements DisplayProvider {

    /** Rows shown before the rest is summarised in one line. */
    static final int MAX_ROWS = 100;

    private static final Set<ColumnType> NUMERIC = Set.of(ColumnType.SHORT, ColumnType.INTEGER, ColumnType.LONG,
            ColumnType.FLOAT, ColumnType.DOUBLE);

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new TableRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** Renders a table as an HTML {@code <table>} with the table name as caption and escaped cells. */
    static String html(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"rqa-table\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }

        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");

        int visibleRows = Math.min(table.rowCount(), MAX_ROWS);
        for (int row = 0; row < visibleRows; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append(NUMERIC.contains(column.type()) ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (table.rowCount() > visibleRows) {
            html.append("<p>").append(visibleRows).append(" of ").append(table.rowCount()).append(" rows shown</p>\n");
        }
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    escaped.append("&amp;");
                    break;
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                default:
                    escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Renderer registered for {@link Table} and its subclasses. */
    static final class TableRenderer implements DisplayRenderer {

        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.contains("html") || mime.contains("text");
        }

        @Override
        public DisplayData render(String mime, Object value) {
            Table table = (Table) value;
            DisplayData data = DisplayData.fromText(table.print(MAX_ROWS));
            data.putHTML(html(table));
            return data;
        }
    }
}
