package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesawDisplayProviderTest {

    private static final Table RESULTS = Table.create("结果 <top-10>",
            StringColumn.create("model", "rocketqa-zh-base", "a&b \"quoted\""),
            DoubleColumn.create("MRR@10", 0.5, 0.25));

    @Test
    void htmlEscapesNamesAndCells() {
        String html = TablesawDisplayProvider.html(RESULTS);

        assertTrue(html.contains("<caption>结果 &lt;top-10&gt;</caption>"), html);
        assertTrue(html.contains("<td>a&amp;b &quot;quoted&quot;</td>"), html);
        assertFalse(html.contains("<top-10>"), html);
    }

    @Test
    void numericCellsAlignRight() {
        String html = TablesawDisplayProvider.html(RESULTS);

        assertTrue(html.contains("<td style=\"text-align:right\">0.5</td>"), html);
    }

    @Test
    void longTableIsCut() {
        Table table = Table.create("long", IntColumn.create("i", IntStream.range(0, 250).toArray()));

        String html = TablesawDisplayProvider.html(table);

        assertEquals(TablesawDisplayProvider.MAX_ROWS, html.split("<tr><td").length - 1);
        assertTrue(html.contains("100 of 250 rows shown"), html);
    }

    @Test
    void rendererGivesHtmlAndText() {
        TablesawDisplayProvider.TableRenderer renderer = new TablesawDisplayProvider.TableRenderer();

        DisplayData data = renderer.render("text/html", RESULTS);

        assertTrue(data.data().get("text/html").toString().contains("<table"));
        assertTrue(data.data().get("text/plain").toString().contains("rocketqa-zh-base"));
        assertTrue(renderer.rendererClass().isInstance(RESULTS));
    }
}
