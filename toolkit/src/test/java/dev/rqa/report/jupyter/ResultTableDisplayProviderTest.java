package dev.rqa.report.jupyter;

import dev.rqa.report.ColumnFormat;
import dev.rqa.report.Comparison;
import dev.rqa.report.PublishedResults;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result tables and comparisons shown in rapaio-jupyter-kernel as HTML, Markdown and text. */
class ResultTableDisplayProviderTest {

    private static final ResultTable TABLE = ResultTable.titled("召回")
            .column("model", ColumnFormat.TEXT)
            .column("MRR@10", ColumnFormat.PERCENT)
            .row("bge-small-zh-v1.5", 0.9444)
            .note("30 queries");

    @Test
    void tableRenderedThreeWays() {
        DisplayData data = new ResultTableDisplayProvider.ResultTableRenderer().render(null, TABLE);

        assertEquals(TABLE.toHtml(), data.data().get("text/html"));
        assertEquals(TABLE.toMarkdown(), data.data().get("text/markdown"));
        assertEquals(TABLE.toText(), data.data().get("text/plain"));
        assertTrue(data.data().get("text/html").toString().contains("30 queries"), "notes are kept");
    }

    @Test
    void comparisonRenderedAsItsTable() {
        Comparison comparison = Comparison.against(PublishedResults.rocketqaZh().dualEncoder())
                .missing("rocketqa-zh-base", "weights not available locally; run rqa models --download rocketqa-zh-base");

        DisplayData data = new ResultTableDisplayProvider.ComparisonRenderer().render("text/html", comparison);

        assertTrue(data.data().get("text/html").toString().contains("59.14%"));
        assertTrue(data.data().get("text/markdown").toString().contains("rqa models --download rocketqa-zh-base"));
    }

    @Test
    void providersRegisteredForKernel() {
        List<Class<?>> rendered = ServiceLoader.load(DisplayProvider.class).stream()
                .flatMap(provider -> provider.get().getDisplayRenderers().stream())
                .<Class<?>>map(DisplayRenderer::rendererClass)
                .toList();

        assertTrue(rendered.contains(ResultTable.class), rendered.toString());
        assertTrue(rendered.contains(Comparison.class), rendered.toString());
        assertTrue(rendered.contains(Table.class), rendered.toString());
    }
}
