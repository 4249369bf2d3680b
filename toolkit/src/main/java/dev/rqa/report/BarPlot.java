package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouped bar chart: one group per category (for example a model size), one bar per series (for
 * example a device).
 *
 * <pre>{@code
 * BufferedImage image = BarPlot.titled("Passage encoding throughput")
 *         .axes("model", "throughput (passages/s)")
 *         .series("CPU", Map.of("base", 21.4, "nano", 160.2))
 *         .series("GPU", Map.of("base", 890.0, "nano", 2710.5))
 *         .image();
 * }</pre>
 *
 * <p>A category that a series lacks gets no bar; it is never drawn as zero.
 */
public final class BarPlot extends Plot<BarPlot> {

    private final Set<String> categories = new LinkedHashSet<>();
    private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    private boolean valueLabels;
    /** Degrees set by {@link #labelRotation(int)}, or null to rotate only when the labels would overlap. */
    private Integer labelRotation;

    private BarPlot(String title) {
        super(title, "", "");
    }

    public static BarPlot titled(String title) {
        return new BarPlot(title);
    }

    /** Fixes the order of the categories; without it they appear in the order the series first name them. */
    public BarPlot categories(List<String> names) {
        categories.addAll(names);
        return this;
    }

    /** Adds a series as category to value; a null value leaves that bar out. */
    public BarPlot series(String name, Map<String, ? extends Number> valuesByCategory) {
        if (series.containsKey(name)) {
            throw new InvalidInputException("bar plot '" + title() + "' already has a series named '" + name + "'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        valuesByCategory.forEach((category, value) -> {
            if (value != null && !Double.isFinite(value.doubleValue())) {
                throw new InvalidInputException("bar plot '" + title() + "', series '" + name + "', category '"
                        + category + "': value " + value + " is not a finite number");
            }
            values.put(category, value == null ? null : value.doubleValue());
        });
        categories.addAll(values.keySet());
        series.put(name, values);
        return this;
    }

    /** Adds a series with one value per category, in the order {@link #categories} set. */
    public BarPlot series(String name, List<? extends Number> values) {
        if (values.size() != categories.size()) {
            throw new InvalidInputException("bar plot '" + title() + "', series '" + name + "' has " + values.size()
                    + " values for " + categories.size() + " categories " + categories + ": set categories first");
        }
        Map<String, Number> byCategory = new LinkedHashMap<>();
        int i = 0;
        for (String category : categories) {
            byCategory.put(category, values.get(i++));
        }
        return series(name, byCategory);
    }

    /** Draws each bar's value on the bar. */
    public BarPlot valueLabels(boolean visible) {
        this.valueLabels = visible;
        return this;
    }

    /** Rotates the category labels by this many degrees (0 to 90), so long model names do not overlap. */
    public BarPlot labelRotation(int degrees) {
        if (degrees < 0 || degrees > 90) {
            throw new InvalidInputException("bar plot '" + title() + "': label rotation " + degrees
                    + " is out of range; give 0 to 90 degrees");
        }
        this.labelRotation = degrees;
        return this;
    }

    @Override
    public CategoryChart toXChart() {
        if (series.isEmpty()) {
            throw new InvalidInputException("bar plot '" + title() + "' has no series: add one with series(...)");
        }
        CategoryChart chart = new CategoryChartBuilder().width(width()).height(height()).title(title())
                .xAxisTitle(xLabel()).yAxisTitle(yLabel()).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLabelsVisible(valueLabels);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLabelRotation(labelRotation != null ? labelRotation
                : ChartStyle.categoryLabelRotation(categories, width()));

        List<String> xs = new ArrayList<>(categories);
        series.forEach((name, values) -> {
            List<Double> ys = new ArrayList<>();
            for (String category : xs) {
                ys.add(values.get(category));
            }
            chart.addSeries(name, xs, ys);
        });
        return chart;
    }
}
