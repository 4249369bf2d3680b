package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency percentiles per model: a group of p50, p95 and p99 bars for each model.
 *
 * <pre>{@code
 * BufferedImage image = LatencyPlot.titled("Query latency, CPU, batch 1")
 *         .samples("rocketqa-zh-base", baseMillis)
 *         .samples("rocketqa-zh-nano", nanoMillis)
 *         .image();
 * }</pre>
 */
public final class LatencyPlot extends Plot<LatencyPlot> {

    private final Map<String, LatencySummary> models = new LinkedHashMap<>();

    private LatencyPlot(String title) {
        super(title, "model", "latency (ms)");
    }

    public static LatencyPlot titled(String title) {
        return new LatencyPlot(title);
    }

    /** Adds a model's raw latency samples, in the unit of the y axis (ms unless {@link #axes} sets another unit). */
    public LatencyPlot samples(String model, double[] latencies) {
        return summary(model, LatencySummary.of(latencies));
    }

    /** Adds a model's percentiles computed elsewhere. */
    public LatencyPlot summary(String model, LatencySummary summary) {
        if (models.containsKey(model)) {
            throw new InvalidInputException("latency plot '" + title() + "' already has model '" + model + "'");
        }
        models.put(model, summary);
        return this;
    }

    /** Returns the percentiles as a table (model, samples, p50, p95, p99, max, in ms), to print beside the plot. */
    public ResultTable toResultTable() {
        ResultTable table = ResultTable.titled(title())
                .column("model", ColumnFormat.TEXT)
                .column("samples", ColumnFormat.INTEGER)
                .column("mean", ColumnFormat.MILLISECONDS)
                .column("p50", ColumnFormat.MILLISECONDS)
                .column("p95", ColumnFormat.MILLISECONDS)
                .column("p99", ColumnFormat.MILLISECONDS)
                .column("max", ColumnFormat.MILLISECONDS);
        models.forEach((model, s) -> table.row(model, s.count(), s.mean(), s.p50(), s.p95(), s.p99(), s.max()));
        return table;
    }

    @Override
    public CategoryChart toXChart() {
        if (models.isEmpty()) {
            throw new InvalidInputException("latency plot '" + title() + "' has no models: add samples(...)");
        }
        CategoryChart chart = new CategoryChartBuilder().width(width()).height(height()).title(title())
                .xAxisTitle(xLabel()).yAxisTitle(yLabel()).build();
        ChartStyle.apply(chart.getStyler());

        List<String> names = new ArrayList<>(models.keySet());
        chart.getStyler().setXAxisLabelRotation(ChartStyle.categoryLabelRotation(names, width()));
        chart.addSeries("p50", names, names.stream().map(name -> models.get(name).p50()).toList());
        chart.addSeries("p95", names, names.stream().map(name -> models.get(name).p95()).toList());
        chart.addSeries("p99", names, names.stream().map(name -> models.get(name).p99()).toList());
        return chart;
    }
}
