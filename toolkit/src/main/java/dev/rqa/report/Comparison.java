package dev.rqa.report;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Measure;
import dev.rqa.eval.MeasureFamily;
import dev.rqa.eval.MetricsReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured values set against a published table: per model and metric, the measured value, the
 * published value and their difference in percentage points.
 *
 * <p>Measured values are fractions (0.5914), as trec_eval and {@link MetricsReport} produce them;
 * published values are percentages as printed. A model or metric without a measurement prints as
 * {@code missing} with the reason, and its difference stays empty: nothing is estimated.
 *
 * <pre>{@code
 * ResultTable table = Comparison.against(PublishedResults.rocketqaZh().dualEncoder())
 *         .measured("rocketqa-zh-nano", metricsReport)
 *         .missing("rocketqa-zh-base", "weights not found in cache: run rqa models --download rocketqa-zh-base")
 *         .table();
 * }</pre>
 */
public final class Comparison {

    private final PublishedTable published;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Measurements of one model: fractions per published metric name, or the reason there are none. */
    private record Entry(String model, Map<String, Double> values, String reason) {
    }

    private Comparison(PublishedTable published) {
        this.published = published;
    }

    public static Comparison against(PublishedTable published) {
        return new Comparison(published);
    }

    /**
     * Adds measured values of a model. Keys are the published metric names ({@code MRR@10}) or the
     * measures that compute them ({@code recip_rank_cut.10}, {@code hit_rate.50}, {@code mrr_at_10});
     * values are fractions between 0 and 1. A metric left out prints as missing.
     *
     * @throws InvalidInputException for an unknown metric, trec_eval's {@code recall.k} in place of
     *                               RocketQA's Recall@k, a value outside [0, 1], or a model given twice
     */
    public Comparison measured(String model, Map<String, ? extends Number> fractions) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Number> entry : fractions.entrySet()) {
            PublishedTable.Metric metric = resolveMetric(entry.getKey(), model);
            Number number = entry.getValue();
            double value = number == null ? Double.NaN : number.doubleValue();
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new InvalidInputException("measured " + metric.name() + " of model '" + model + "' is " + number
                        + ": expected a fraction between 0 and 1 (for example 0.5914, as trec_eval prints it),"
                        + " not a percentage; leave a metric out to show it as missing");
            }
            if (values.put(metric.name(), value) != null) {
                throw new InvalidInputException("measured " + metric.name() + " of model '" + model + "' is given twice"
                        + " (keys " + fractions.keySet() + ")");
            }
        }
        return add(new Entry(model, values, null));
    }

    /**
     * Adds the averages of an evaluation. Each published metric takes the report's value of the
     * measure that computes it. A metric the report did not compute prints as missing, with the
     * measure to add. The report's summary becomes a note of the table, and so does a warning when
     * the report averaged over a different number of queries than the published protocol.
     */
    public Comparison measured(String model, MetricsReport report) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> notComputed = new ArrayList<>();
        List<String> cutShort = new ArrayList<>();
        for (PublishedTable.Metric metric : published.metrics()) {
            Measure measure = metric.toMeasure();
            Optional<Double> value = valueOf(report, measure);
            if (value.isEmpty()) {
                notComputed.add(metric.measure());
            } else if (report.maxDepth().isPresent() && report.maxDepth().getAsInt() < measure.cutoff()) {
                // A ranking cut at depth M < k makes a value at k equal its value at M.
                cutShort.add(metric.name());
            } else {
                values.put(metric.name(), value.get());
            }
        }
        List<String> reasons = new ArrayList<>();
        if (!notComputed.isEmpty()) {
            reasons.add("the evaluation did not compute " + String.join(", ", notComputed) + " (add -m "
                    + String.join(" -m ", notComputed) + ")");
        }
        if (!cutShort.isEmpty()) {
            reasons.add("the rankings were cut at depth " + report.maxDepth().getAsInt() + ", below the cutoff of "
                    + String.join(", ", cutShort));
        }
        add(new Entry(model, values, reasons.isEmpty() ? null : String.join("; ", reasons)));

        notes.add(displayName(model) + ": " + report.summary() + ".");
        int publishedQueries = published.protocol().queries();
        if (report.numQueries() != publishedQueries) {
            notes.add(displayName(model) + " was averaged over " + report.numQueries() + " queries, the published values"
                    + " over " + publishedQueries + " (" + published.protocol().dataset() + "), so the difference"
                    + " compares different query sets.");
        }
        return this;
    }

    /** Marks a model as not measured, for example because its weights or dataset are not available locally. */
    public Comparison missing(String model, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("missing model '" + model + "' needs a reason, for example"
                    + " 'weights not found in cache: run rqa models --download " + model + "'");
        }
        return add(new Entry(model, Map.of(), reason.strip()));
    }

    /** Adds a note printed under the table, such as the settings the measurements used. */
    public Comparison note(String text) {
        if (text != null && !text.isBlank()) {
            notes.add(text.strip());
        }
        return this;
    }

    /** Returns the models with at least one measured value, in the order they were added. */
    public List<String> measuredModels() {
        List<String> models = new ArrayList<>();
        entries.forEach((model, entry) -> {
            if (!entry.values().isEmpty()) {
                models.add(model);
            }
        });
        return models;
    }

    /**
     * Builds the table: published rows in published order, then measured models the table lacks.
     * Columns: model, size, then per metric "measured", "published" and "diff" (measured minus
     * published, in percentage points), then a note with the reason for any missing value.
     */
    public ResultTable table() {
        ResultTable table = ResultTable.titled(published.title() + ": measured vs published")
                .column("model", ColumnFormat.TEXT)
                .column("size", ColumnFormat.TEXT);
        for (PublishedTable.Metric metric : published.metrics()) {
            table.column(metric.name() + " measured", ColumnFormat.PERCENT)
                    .column(metric.name() + " published", ColumnFormat.PERCENT)
                    .column(metric.name() + " diff", ColumnFormat.POINTS);
        }
        table.column("note", ColumnFormat.TEXT);

        for (PublishedTable.Row row : published.rows()) {
            Entry entry = entries.get(row.model());
            table.row(cells(row.model(), row.size(), Optional.of(row), entry));
        }
        for (Map.Entry<String, Entry> extra : entries.entrySet()) {
            if (published.row(extra.getKey()).isEmpty()) {
                table.row(cells(extra.getKey(), "", Optional.empty(), extra.getValue()));
            }
        }

        table.note("diff = measured - published, in percentage points (pp). Missing measurements are shown as"
                + " missing and never estimated.");
        published.protocol().describe().forEach(table::note);
        notes.forEach(table::note);
        published.valuesOffGrid().forEach(problem -> table.note("Inconsistent published value: " + problem + "."));
        table.note("Published values: " + published.source().citation() + ".");
        return table;
    }

    /**
     * Returns a bar chart of one published metric per model, measured beside published, in percent.
     * Models come in table order. A model without a measurement has no "measured" bar, and a model
     * outside the published table has no "published" bar, so a missing value is never drawn as zero.
     *
     * @param metricName a published metric name such as {@code MRR@10}
     */
    public BarPlot barPlot(String metricName) {
        PublishedTable.Metric metric = published.metrics().stream()
                .filter(m -> m.name().equalsIgnoreCase(metricName.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("metric '" + metricName + "' is not in the published"
                        + " table " + published.title() + "; expected one of " + published.metricNames()));

        Map<String, Double> measured = new LinkedHashMap<>();
        Map<String, Double> reference = new LinkedHashMap<>();
        for (PublishedTable.Row row : published.rows()) {
            Entry entry = entries.get(row.model());
            measured.put(row.model(), entry == null ? null : percent(entry.values().get(metric.name())));
            reference.put(row.model(), row.value(metric.name()));
        }
        for (Map.Entry<String, Entry> extra : entries.entrySet()) {
            if (published.row(extra.getKey()).isEmpty()) {
                measured.put(extra.getKey(), percent(extra.getValue().values().get(metric.name())));
                reference.put(extra.getKey(), null);
            }
        }
        return BarPlot.titled(metric.name() + " per model: measured vs published")
                .axes("model", metric.name() + " (%)")
                .size(1000, 560)
                .labelRotation(30)
                .categories(List.copyOf(measured.keySet()))
                .series("measured (this run)", measured)
                .series("published (" + published.protocol().dataset() + ")", reference);
    }

    private static Double percent(Double fraction) {
        return fraction == null ? null : fraction * 100.0;
    }

    public String toText() {
        return table().toText();
    }

    public String toMarkdown() {
        return table().toMarkdown();
    }

    public String toHtml() {
        return table().toHtml();
    }

    @Override
    public String toString() {
        return toText();
    }

    private Object[] cells(String model, String size, Optional<PublishedTable.Row> row, Entry entry) {
        List<Object> cells = new ArrayList<>();
        cells.add(model);
        cells.add(size);
        List<String> missingMetrics = new ArrayList<>();
        for (PublishedTable.Metric metric : published.metrics()) {
            Double measured = entry == null ? null : entry.values().get(metric.name());
            Double reference = row.map(r -> r.value(metric.name())).orElse(null);
            cells.add(measured);
            cells.add(reference == null ? null : reference / 100.0);
            cells.add(measured == null || reference == null ? null : measured * 100.0 - reference);
            if (measured == null) {
                missingMetrics.add(metric.name());
            }
        }
        cells.add(note(entry, row.isPresent(), missingMetrics));
        return cells.toArray();
    }

    private String note(Entry entry, boolean isPublished, List<String> missingMetrics) {
        List<String> parts = new ArrayList<>();
        if (entry == null) {
            parts.add("not measured");
        } else if (entry.reason() != null) {
            parts.add(entry.values().isEmpty() ? entry.reason()
                    : String.join(", ", missingMetrics) + " missing: " + entry.reason());
        } else if (!missingMetrics.isEmpty()) {
            parts.add(String.join(", ", missingMetrics) + " not measured");
        }
        if (!isPublished) {
            parts.add("not in the published table");
        }
        return String.join("; ", parts);
    }

    private Comparison add(Entry entry) {
        String key = published.row(entry.model()).map(PublishedTable.Row::model).orElse(entry.model().strip());
        if (entries.containsKey(key)) {
            throw new InvalidInputException("model '" + entry.model() + "' is given twice in the comparison with "
                    + published.title() + (key.equals(entry.model()) ? "" : " (as row '" + key + "')"));
        }
        entries.put(key, entry);
        return this;
    }

    private String displayName(String model) {
        return published.row(model).map(PublishedTable.Row::model).orElse(model.strip());
    }

    /** Maps a key of measured values to a published metric, by printed name or by the measure that computes it. */
    private PublishedTable.Metric resolveMetric(String key, String model) {
        for (PublishedTable.Metric metric : published.metrics()) {
            if (metric.name().equalsIgnoreCase(key.strip())) {
                return metric;
            }
        }

        Measure measure;
        try {
            measure = Measure.of(key);
        } catch (InvalidInputException e) {
            throw unknownMetric(key, model);
        }
        for (PublishedTable.Metric metric : published.metrics()) {
            if (sameValues(measure, metric.toMeasure())) {
                return metric;
            }
        }
        for (PublishedTable.Metric metric : published.metrics()) {
            Measure expected = metric.toMeasure();
            if (measure.family() == MeasureFamily.RECALL && expected.family() == MeasureFamily.HIT_RATE
                    && measure.cutoff() == expected.cutoff()) {
                throw new InvalidInputException("measured '" + key + "' of model '" + model + "' is trec_eval's recall"
                        + " (the share of a query's relevant passages in the top " + measure.cutoff() + "), but the"
                        + " published " + metric.name() + " is the share of queries with a relevant passage in the top "
                        + measure.cutoff() + ": measure " + metric.measure() + " instead");
            }
        }
        throw unknownMetric(key, model);
    }

    private InvalidInputException unknownMetric(String key, String model) {
        List<String> accepted = new ArrayList<>();
        for (PublishedTable.Metric metric : published.metrics()) {
            accepted.add(metric.name() + " (" + metric.measure() + ")");
        }
        return new InvalidInputException("measured metric '" + key + "' of model '" + model + "' is not in the published"
                + " table " + published.title() + "; expected one of " + String.join(", ", accepted));
    }

    /** Returns a report's value for a measure, accepting measures that always give the same values. */
    private static Optional<Double> valueOf(MetricsReport report, Measure requested) {
        for (Measure computed : report.measures()) {
            if (sameValues(computed, requested)) {
                return Optional.of(report.average(computed));
            }
        }
        // Plain recip_rank under a depth limit of k is MRR@k (trec_eval -M k -m recip_rank).
        if (requested.family() == MeasureFamily.RECIP_RANK_CUT && report.maxDepth().isPresent()
                && report.maxDepth().getAsInt() == requested.cutoff()) {
            Measure plain = Measure.of(MeasureFamily.RECIP_RANK);
            if (report.measures().contains(plain)) {
                return Optional.of(report.average(plain));
            }
        }
        return Optional.empty();
    }

    /** Hit rate and trec_eval's success at the same cutoff are the same measure under two names. */
    private static boolean sameValues(Measure a, Measure b) {
        if (a.equals(b)) {
            return true;
        }
        boolean hitA = a.family() == MeasureFamily.HIT_RATE || a.family() == MeasureFamily.SUCCESS;
        boolean hitB = b.family() == MeasureFamily.HIT_RATE || b.family() == MeasureFamily.SUCCESS;
        return hitA && hitB && a.cutoff() == b.cutoff();
    }
}
