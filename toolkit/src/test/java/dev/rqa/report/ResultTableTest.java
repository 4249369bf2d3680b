package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column formats and the text, Markdown and HTML renderings of result tables. */
class ResultTableTest {

    private static ResultTable sweep() {
        return ResultTable.titled("HNSW ef sweep")
                .column("index", ColumnFormat.TEXT)
                .column("ef", ColumnFormat.INTEGER)
                .column("recall@10", ColumnFormat.DECIMAL_4)
                .column("throughput", ColumnFormat.QUERIES_PER_SECOND)
                .column("p50", ColumnFormat.MILLISECONDS)
                .row("hnsw-m16", 64, 0.97123, 1830.54, 0.5461)
                .row("hnsw-m16", 128, 0.99051, null, 0.9)
                .note("throughput on 2 cores");
    }

    @Test
    void percentFormat() {
        assertEquals("59.14%", ColumnFormat.PERCENT.format(0.5914));
        assertEquals("0.05%", ColumnFormat.PERCENT.format(0.0005));
        assertEquals("100.00%", ColumnFormat.PERCENT.format(1.0));
    }

    @Test
    void pointsFormatSign() {
        assertEquals("+0.12", ColumnFormat.POINTS.format(0.12));
        assertEquals("-1.03", ColumnFormat.POINTS.format(-1.03));
        assertEquals("0.00", ColumnFormat.POINTS.format(-1e-12));
        assertEquals("0.00", ColumnFormat.POINTS.format(0.5914 * 100 - 59.14));
    }

    @Test
    void roundingHalfUp() {
        assertEquals("0.1235", ColumnFormat.DECIMAL_4.format(0.12345));
        assertEquals("2", ColumnFormat.INTEGER.format(1.5));
    }

    @Test
    void missingNumber() {
        assertEquals("missing", ColumnFormat.DECIMAL_4.format(null));
        assertEquals("missing", ColumnFormat.PERCENT.format(Double.NaN));
    }

    @Test
    void headersCarryUnits() {
        assertEquals(List.of("index", "ef", "recall@10", "throughput (queries/s)", "p50 (ms)"), sweep().headers());
    }

    @Test
    void cellsFormatted() {
        ResultTable table = sweep();

        assertEquals("64", table.cell(0, "ef"));
        assertEquals("0.9712", table.cell(0, "recall@10"));
        assertEquals("1830.5", table.cell(0, "throughput"));
        assertEquals("0.55", table.cell(0, "p50"));
        assertEquals("missing", table.cell(1, "throughput"));
        assertTrue(table.isMissing(1, "throughput"));
    }

    @Test
    void tablesawKeepsUnroundedValues() {
        Table table = sweep().table();

        assertEquals(0.97123, table.doubleColumn("recall@10").get(0), 0.0);
        assertTrue(table.doubleColumn("throughput").isMissing(1));
        assertTrue(table.print().contains("missing"), table.print());
    }

    @Test
    void textAligned() {
        List<String> lines = sweep().toText().lines().toList();

        assertEquals("HNSW ef sweep", lines.get(0));
        assertTrue(lines.get(1).startsWith("index     "), lines.get(1));
        int end = lines.get(3).indexOf("1830.5") + "1830.5".length();
        assertEquals(end, lines.get(4).indexOf("missing") + "missing".length());
        assertEquals("* throughput on 2 cores", lines.get(5));
    }

    /** Chinese characters take two terminal columns, so the next column must start two columns later per character. */
    @Test
    void textAlignsWideCharacters() {
        ResultTable table = ResultTable.titled("")
                .column("dataset", ColumnFormat.TEXT)
                .column("queries", ColumnFormat.INTEGER)
                .row("中文检索", 2000)
                .row("cmrc2018-dev", 3219);

        List<String> lines = table.toText().lines().toList();

        assertEquals(TableRenderer.displayWidth(lines.get(2)), TableRenderer.displayWidth(lines.get(3)));
        assertEquals(8, TableRenderer.displayWidth("中文检索"));
    }

    @Test
    void markdownLayout() {
        String markdown = sweep().toMarkdown();

        assertTrue(markdown.startsWith("**HNSW ef sweep**\n\n"), markdown);
        assertTrue(markdown.contains("| index | ef | recall@10 | throughput (queries/s) | p50 (ms) |"), markdown);
        assertTrue(markdown.contains("| :--- | ---: | ---: | ---: | ---: |"), markdown);
        assertTrue(markdown.contains("| hnsw-m16 | 128 | 0.9905 | missing | 0.90 |"), markdown);
        assertTrue(markdown.contains("- throughput on 2 cores"), markdown);
    }

    @Test
    void markdownEscapesPipes() {
        ResultTable table = ResultTable.titled("").column("model", ColumnFormat.TEXT).row("a|b\nc");

        assertTrue(table.toMarkdown().contains("| a\\|b c |"), table.toMarkdown());
    }

    @Test
    void htmlEscapes() {
        ResultTable table = ResultTable.titled("<script>").column("model", ColumnFormat.TEXT).row("a & \"b\"");

        String html = table.toHtml();

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("a &amp; &quot;b&quot;"), html);
    }

    @Test
    void htmlMarksMissing() {
        String html = sweep().toHtml();

        assertTrue(html.contains("<td class=\"missing\""), html);
        assertTrue(html.contains("text-align:right"), html);
    }

    @Test
    void wrongCellCountRejected() {
        ResultTable table = sweep();

        assertThrows(InvalidInputException.class, () -> table.row("hnsw-m32", 64));
    }

    @Test
    void textInNumericColumnRejected() {
        ResultTable table = sweep();

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> table.row("hnsw-m32", "64", 0.9, 1.0, 1.0));

        assertTrue(error.getMessage().contains("'ef'"), error.getMessage());
        assertEquals(2, table.rowCount());
    }

    @Test
    void columnAfterRowsRejected() {
        assertThrows(InvalidInputException.class, () -> sweep().column("M", ColumnFormat.INTEGER));
    }

    @Test
    void duplicateColumnRejected() {
        ResultTable table = ResultTable.titled("t").column("a", ColumnFormat.TEXT);

        assertThrows(InvalidInputException.class, () -> table.column("a", ColumnFormat.INTEGER));
    }

    @Test
    void fromTablesawInfersFormats() {
        Table source = Table.create("runs").addColumns(
                StringColumn.create("model", "nano", "mini"),
                IntColumn.create("batch", 16, 32),
                DoubleColumn.create("ndcg@10", 0.95471, 0.961));

        ResultTable table = ResultTable.of(source);

        assertEquals(ColumnFormat.TEXT, table.format("model"));
        assertEquals(ColumnFormat.INTEGER, table.format("batch"));
        assertEquals(ColumnFormat.DECIMAL_4, table.format("ndcg@10"));
        assertEquals("0.9547", table.cell(0, "ndcg@10"));
    }

    @Test
    void keyValueTable() {
        ResultTable table = ResultTable.keyValue("encoding", Map.of("query_max_length", 32));

        assertEquals("query_max_length", table.cell(0, "field"));
        assertEquals("32", table.cell(0, "value"));
    }
}
