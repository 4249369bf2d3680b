package dev.rqa.report.jupyter;

import dev.rqa.report.Comparison;
import dev.rqa.report.ResultTable;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import java.util.List;

/**
 * Shows a {@link ResultTable} or a {@link Comparison} that ends a notebook cell in
 * rapaio-jupyter-kernel as HTML (with the notes under the table), Markdown and aligned text.
 *
 * <p>Front ends pick the richest form they support: Jupyter and nbconvert's HTML export show the
 * HTML, and {@code rqa report --from} copies the Markdown into {@code report.md}. Other kernels
 * (IJava) ignore this provider and show {@code toString()}, which for both types is the aligned
 * text table, so notebooks stay plain Java.
 */
public final class ResultTableDisplayProvider implements DisplayProvider {

    /** MIME type of the Markdown form. */
    public static final String MARKDOWN = "text/markdown";

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ResultTableRenderer(), new ComparisonRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** Returns the display data of a table: text/plain, text/html and text/markdown. */
    static DisplayData render(ResultTable table) {
        DisplayData data = DisplayData.fromText(table.toText());
        data.putHTML(table.toHtml());
        data.putData(MARKDOWN, table.toMarkdown());
        return data;
    }

    /** Renderer registered for {@link ResultTable}. */
    static final class ResultTableRenderer implements DisplayRenderer {

        @Override
        public Class<?> rendererClass() {
            return ResultTable.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.contains("html") || mime.contains("text") || mime.contains("markdown");
        }

        @Override
        public DisplayData render(String mime, Object value) {
            return ResultTableDisplayProvider.render((ResultTable) value);
        }
    }

    /** Renderer registered for {@link Comparison}: its table against the published values. */
    static final class ComparisonRenderer implements DisplayRenderer {

        @Override
        public Class<?> rendererClass() {
            return Comparison.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.contains("html") || mime.contains("text") || mime.contains("markdown");
        }

        @Override
        public DisplayData render(String mime, Object value) {
            return ResultTableDisplayProvider.render(((Comparison) value).table());
        }
    }
}
