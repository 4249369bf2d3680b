package dev.rqa.report;

import dev.rqa.eval.Measure;
import dev.rqa.eval.MeasureFamily;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One published table of retrieval quality: models as rows, metrics as columns, values in percent
 * exactly as printed.
 *
 * @param name     key of the table in its data file, for example {@code dualEncoder}
 * @param title    what the table shows
 * @param metrics  the metric columns in published order
 * @param rows     the models in published order
 * @param source   where the values were read
 * @param protocol how they were measured
 */
public record PublishedTable(String name, String title, List<Metric> metrics, List<Row> rows, PublishedSource source,
                             PublishedProtocol protocol) {

    public PublishedTable {
        metrics = List.copyOf(metrics);
        rows = List.copyOf(rows);
    }

    /**
     * A published metric column.
     *
     * @param name        name as printed, for example {@code Recall@50}
     * @param measure     the rqa / trec_eval measure that computes it, for example {@code hit_rate.50}
     * @param description one-line definition
     */
    public record Metric(String name, String measure, String description) {

        /** Returns the measure that computes this metric. */
        public Measure toMeasure() {
            return Measure.of(measure);
        }

        /** Returns whether values are shares of queries, so that each is a multiple of 100 / queries percent. */
        public boolean isShareOfQueries() {
            MeasureFamily family = toMeasure().family();
            return family == MeasureFamily.HIT_RATE || family == MeasureFamily.SUCCESS;
        }
    }

    /**
     * A published model row.
     *
     * @param model       name as printed
     * @param size        size as printed, for example "12-layer, 768-hidden"
     * @param layers      transformer layers
     * @param hidden      hidden size
     * @param checkpoints names of the checkpoints that make up the model (query and passage encoders), possibly none
     * @param values      metric name to value in percent, in published column order
     */
    public record Row(String model, String size, int layers, int hidden, List<String> checkpoints,
                      Map<String, Double> values) {

        public Row {
            checkpoints = List.copyOf(checkpoints);
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** Returns the value of a metric in percent. */
        public double value(String metric) {
            Double value = values.get(metric);
            if (value == null) {
                throw new IllegalArgumentException("published row '" + model + "' has no metric '" + metric
                        + "'; metrics: " + values.keySet());
            }
            return value;
        }

        /** Returns whether a model name denotes this row: the row's name or one of its checkpoints, ignoring case. */
        public boolean matches(String name) {
            String requested = name.strip().toLowerCase(Locale.ROOT);
            if (model.toLowerCase(Locale.ROOT).equals(requested)) {
                return true;
            }
            return checkpoints.stream().anyMatch(checkpoint -> checkpoint.toLowerCase(Locale.ROOT).equals(requested));
        }
    }

    /** Returns the row a model name denotes (row name or checkpoint name), if any. */
    public Optional<Row> row(String model) {
        return rows.stream().filter(row -> row.matches(model)).findFirst();
    }

    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }

    /**
     * Returns the values that cannot arise from the protocol's number of queries: a share of
     * queries must be a whole number of queries. Each entry names the cell, the implied count and
     * the nearest possible values.
     */
    public List<String> valuesOffGrid() {
        List<String> problems = new ArrayList<>();
        int queries = protocol.queries();
        for (Row row : rows) {
            for (Metric metric : metrics) {
                if (!metric.isShareOfQueries()) {
                    continue;
                }
                double percent = row.value(metric.name());
                double count = percent * queries / 100.0;
                if (Math.abs(count - Math.rint(count)) > 1e-6) {
                    double below = Math.floor(count) * 100.0 / queries;
                    double above = Math.ceil(count) * 100.0 / queries;
                    problems.add(String.format(Locale.ROOT, "%s %s = %.2f%% would be %.1f of %d queries; the nearest"
                                    + " possible values are %.2f%% and %.2f%%", row.model(), metric.name(), percent,
                            count, queries, below, above));
                }
            }
        }
        return problems;
    }

    /**
     * Returns the table for display: model, size and one percent column per metric, with the
     * protocol, any inconsistent value and the source as notes.
     */
    public ResultTable toResultTable() {
        ResultTable table = ResultTable.titled(title + " (published)")
                .column("model", ColumnFormat.TEXT)
                .column("size", ColumnFormat.TEXT);
        for (Metric metric : metrics) {
            table.column(metric.name(), ColumnFormat.PERCENT);
        }
        for (Row row : rows) {
            List<Object> cells = new ArrayList<>();
            cells.add(row.model());
            cells.add(row.size());
            for (Metric metric : metrics) {
                cells.add(row.value(metric.name()) / 100.0);
            }
            table.row(cells.toArray());
        }
        protocol.describe().forEach(table::note);
        valuesOffGrid().forEach(problem -> table.note("Inconsistent published value: " + problem + "."));
        table.note("Source: " + source.citation() + ".");
        return table;
    }
}
