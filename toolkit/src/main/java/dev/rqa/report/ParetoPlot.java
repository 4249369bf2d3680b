package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Scatter of quality against latency with the Pareto front ({@link Pareto#front}) drawn as a line:
 * configurations on the line are the ones worth choosing, every other one is slower, worse or both.
 *
 * <pre>{@code
 * BufferedImage image = ParetoPlot.titled("MRR@10 vs query latency")
 *         .axes("latency per query (ms)", "MRR@10 (%)")
 *         .points(List.of(new ParetoPoint("base", 59.1, 41.0), new ParetoPoint("nano", 38.1, 6.5)))
 *         .image();
 * }</pre>
 */
public final class ParetoPlot extends Plot<ParetoPlot> {

    /** Share of the quality range that a point label sits above its point, so the marker stays visible. */
    private static final double LABEL_OFFSET = 0.035;
    /** Share of the latency range added on each side of a linear axis, room for the point labels. */
    private static final double X_PADDING = 0.15;
    /** Factor added on each side of a logarithmic latency axis. */
    private static final double X_PADDING_FACTOR = 1.4;

    private final List<ParetoPoint> points = new ArrayList<>();
    private boolean logX;
    private boolean labels = true;

    private ParetoPlot(String title) {
        super(title, "latency", "quality");
    }

    public static ParetoPlot titled(String title) {
        return new ParetoPlot(title);
    }

    public ParetoPlot points(Collection<ParetoPoint> more) {
        points.addAll(more);
        return this;
    }

    public ParetoPlot point(String label, double quality, double latency) {
        points.add(new ParetoPoint(label, quality, latency));
        return this;
    }

    /** Uses a base-10 logarithmic latency axis; every latency must then be positive. */
    public ParetoPlot logX() {
        this.logX = true;
        return this;
    }

    /** Shows or hides the label next to each point (shown by default). */
    public ParetoPlot pointLabels(boolean visible) {
        this.labels = visible;
        return this;
    }

    /** Returns the points on the front, fastest first. */
    public List<ParetoPoint> front() {
        return Pareto.front(points);
    }

    @Override
    public XYChart toXChart() {
        if (points.isEmpty()) {
            throw new InvalidInputException("Pareto plot '" + title() + "' has no points: add them with points(...)");
        }
        if (logX) {
            for (ParetoPoint point : points) {
                if (point.latency() <= 0) {
                    throw new InvalidInputException("Pareto plot '" + title() + "': latency " + point.latency()
                            + " of '" + point.label() + "' cannot be drawn on a logarithmic axis");
                }
            }
        }

        XYChart chart = new XYChartBuilder().width(width()).height(height()).title(title())
                .xAxisTitle(xLabel()).yAxisTitle(yLabel()).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        // Plain numbers with at most three decimals; XChart otherwise prints every digit of a measured latency.
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");

        padAxes(chart);

        List<ParetoPoint> front = front();
        List<ParetoPoint> dominated = new ArrayList<>(points);
        dominated.removeAll(front);

        XYSeries frontSeries = chart.addSeries("Pareto front", latencies(front), qualities(front));
        frontSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        frontSeries.setMarker(SeriesMarkers.CIRCLE);
        frontSeries.setLineColor(new Color(200, 60, 40));
        frontSeries.setMarkerColor(new Color(200, 60, 40));
        if (!dominated.isEmpty()) {
            XYSeries others = chart.addSeries("dominated", latencies(dominated), qualities(dominated));
            others.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            others.setMarker(SeriesMarkers.DIAMOND);
            others.setMarkerColor(new Color(110, 110, 110));
        }

        if (labels) {
            double low = points.stream().mapToDouble(ParetoPoint::quality).min().orElse(0);
            double high = points.stream().mapToDouble(ParetoPoint::quality).max().orElse(0);
            double offset = (high > low ? high - low : Math.max(Math.abs(high), 1.0)) * LABEL_OFFSET;
            for (ParetoPoint point : points) {
                chart.addAnnotation(new AnnotationText(point.label(), point.latency(), point.quality() + offset, false));
            }
        }
        return chart;
    }

    /**
     * Widens both axes beyond the outermost points, so that the labels of the first and last point
     * and the one above the best point stay inside the plot area.
     */
    private void padAxes(XYChart chart) {
        double minLatency = points.stream().mapToDouble(ParetoPoint::latency).min().orElseThrow();
        double maxLatency = points.stream().mapToDouble(ParetoPoint::latency).max().orElseThrow();
        if (logX) {
            chart.getStyler().setXAxisMin(minLatency / X_PADDING_FACTOR);
            chart.getStyler().setXAxisMax(maxLatency * X_PADDING_FACTOR);
        } else {
            double span = maxLatency > minLatency ? maxLatency - minLatency : Math.max(Math.abs(maxLatency), 1.0);
            double low = minLatency - span * X_PADDING;
            // Latencies are not negative, so the axis need not start below zero for them.
            chart.getStyler().setXAxisMin(minLatency >= 0 ? Math.max(0, low) : low);
            chart.getStyler().setXAxisMax(maxLatency + span * X_PADDING);
        }

        double minQuality = points.stream().mapToDouble(ParetoPoint::quality).min().orElseThrow();
        double maxQuality = points.stream().mapToDouble(ParetoPoint::quality).max().orElseThrow();
        double span = maxQuality > minQuality ? maxQuality - minQuality : Math.max(Math.abs(maxQuality), 1.0);
        chart.getStyler().setYAxisMin(minQuality - span * LABEL_OFFSET * 2);
        chart.getStyler().setYAxisMax(maxQuality + span * LABEL_OFFSET * 4);
    }

    private static double[] latencies(List<ParetoPoint> points) {
        return points.stream().mapToDouble(ParetoPoint::latency).toArray();
    }

    private static double[] qualities(List<ParetoPoint> points) {
        return points.stream().mapToDouble(ParetoPoint::quality).toArray();
    }
}
