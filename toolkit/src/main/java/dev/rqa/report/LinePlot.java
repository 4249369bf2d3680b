package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Line chart of several series of (x, y) points, optionally with a logarithmic axis and a label at
 * each point.
 *
 * <pre>{@code
 * BufferedImage image = LinePlot.titled("HNSW recall vs throughput (ef sweep)")
 *         .axes("throughput (queries/s)", "recall@10")
 *         .logX()
 *         .series("M=16", qps16, recall16, List.of("ef=16", "ef=32", "ef=64"))
 *         .series("M=32", qps32, recall32)
 *         .image();
 * }</pre>
 */
public final class LinePlot extends Plot<LinePlot> {

    /** Share of the y range that a point label sits above its point, so the marker stays visible. */
    private static final double LABEL_OFFSET = 0.035;

    private record Series(String name, double[] x, double[] y, List<String> labels) {
    }

    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;

    private LinePlot(String title) {
        super(title, "", "");
    }

    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /** Uses a base-10 logarithmic x axis; every x value must then be positive. */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Uses a base-10 logarithmic y axis; every y value must then be positive. */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    public LinePlot series(String name, double[] x, double[] y) {
        return series(name, x, y, List.of());
    }

    /** Adds a series whose points carry labels (for example the ef of each point); labels may be empty. */
    public LinePlot series(String name, double[] x, double[] y, List<String> pointLabels) {
        if (x.length != y.length || x.length == 0) {
            throw new InvalidInputException("line plot '" + title() + "', series '" + name + "': " + x.length
                    + " x values and " + y.length + " y values; need the same positive number of each");
        }
        if (!pointLabels.isEmpty() && pointLabels.size() != x.length) {
            throw new InvalidInputException("line plot '" + title() + "', series '" + name + "': " + pointLabels.size()
                    + " point labels for " + x.length + " points");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new InvalidInputException("line plot '" + title() + "', series '" + name + "', point " + i + ": ("
                        + x[i] + ", " + y[i] + ") is not a pair of finite numbers");
            }
        }
        if (series.stream().anyMatch(s -> s.name().equals(name))) {
            throw new InvalidInputException("line plot '" + title() + "' already has a series named '" + name + "'");
        }
        series.add(new Series(name, x.clone(), y.clone(), List.copyOf(pointLabels)));
        return this;
    }

    @Override
    public XYChart toXChart() {
        if (series.isEmpty()) {
            throw new InvalidInputException("line plot '" + title() + "' has no series: add one with series(...)");
        }
        checkPositive(logX, true);
        checkPositive(logY, false);

        XYChart chart = new XYChartBuilder().width(width()).height(height()).title(title())
                .xAxisTitle(xLabel()).yAxisTitle(yLabel()).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        // XChart labels only powers of ten by default, which leaves a sweep within one decade unlabelled.
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        if (logX) {
            // Plain numbers read better than XChart's default scientific labels (2E3) on a log axis.
            chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        }
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        }
        chart.getStyler().setLegendVisible(series.size() > 1);

        double low = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).min().orElse(0);
        double high = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).max().orElse(0);
        for (Series s : series) {
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
            for (int i = 0; i < s.labels().size(); i++) {
                double labelY = logY ? s.y()[i] * Math.pow(high / low, LABEL_OFFSET)
                        : s.y()[i] + (high > low ? high - low : Math.max(Math.abs(high), 1.0)) * LABEL_OFFSET;
                chart.addAnnotation(new AnnotationText(s.labels().get(i), s.x()[i], labelY, false));
            }
        }
        return chart;
    }

    private void checkPositive(boolean logarithmic, boolean xAxis) {
        if (!logarithmic) {
            return;
        }
        for (Series s : series) {
            double[] values = xAxis ? s.x() : s.y();
            for (double value : values) {
                if (value <= 0) {
                    throw new InvalidInputException("line plot '" + title() + "', series '" + s.name() + "': "
                            + (xAxis ? "x" : "y") + " value " + value + " cannot be drawn on a logarithmic axis");
                }
            }
        }
    }
}
