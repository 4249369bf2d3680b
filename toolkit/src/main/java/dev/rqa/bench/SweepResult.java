package dev.rqa.bench;

import dev.rqa.AtomicFiles;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.Plot;
import dev.rqa.report.PublishedResults;
import dev.rqa.report.PublishedTiming;
import dev.rqa.report.Report;
import dev.rqa.report.ResultTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a size sweep measured, with its settings and environment, ready to print, plot or
 * write to a directory.
 *
 * <pre>{@code
 * SweepResult result = SizeSweep.of("micro", "nano").passages(1398).recall(30).run();
 * result.table();              // the published CPU timing table's layout, measured beside published
 * result.plots();              // latency percentiles, index throughput, latency split, quality vs latency
 * result.writeTo(Path.of("runs/sweep"));
 * }</pre>
 */
public final class SweepResult {

    public static final String CSV_FILE = "sweep.csv";
    public static final String MARKDOWN_FILE = "sweep.md";
    public static final String SAMPLES_FILE = "latency-samples.csv";

    private final SweepSettings settings;
    private final List<SweepRow> rows;
    private final EnvironmentInfo environment;
    private final String command;
    private final Map<String, String> provenance;
    private final PublishedTiming published;

    SweepResult(SweepSettings settings, List<SweepRow> rows, EnvironmentInfo environment, String command,
                Map<String, String> provenance) {
        this.settings = settings;
        this.rows = List.copyOf(rows);
        this.environment = environment;
        this.command = command;
        this.provenance = Map.copyOf(provenance);
        this.published = PublishedResults.rocketqaZh().cpuTiming();
    }

    /** Files written by {@link #writeTo}. */
    public record Output(Path csv, Path samples, Path markdown, Report.Output report) {
    }

    public SweepSettings settings() {
        return settings;
    }

    /** Returns one row per model and device, devices in the requested order, then models in the requested order. */
    public List<SweepRow> rows() {
        return rows;
    }

    public EnvironmentInfo environment() {
        return environment;
    }

    /** Returns the command line that regenerates this result. */
    public String command() {
        return command;
    }

    /** Returns the table in the layout of PaddleNLP's CPU timing table, measured and published side by side. */
    public ResultTable table() {
        return SweepTables.timing(rows, settings, published);
    }

    /** Returns the median latency of each stage, load time and memory peaks. */
    public ResultTable detailTable() {
        return SweepTables.details(rows);
    }

    /** Returns the quality of the models with real weights; it has no rows when every model was speed only. */
    public ResultTable qualityTable() {
        return SweepTables.quality(rows, settings);
    }

    /** Returns every measured number of every configuration, unrounded, as written to {@value #CSV_FILE}. */
    public ResultTable measurements() {
        return SweepTables.measurements(rows, settings, published);
    }

    /** Returns the quality of the configurations with real weights against their latency and index cost. */
    public QualityLatency qualityLatency() {
        return QualityLatency.of(rows, settings);
    }

    /** Returns the plots by caption; the quality plot is present only when some model has quality figures. */
    public Map<String, Plot<?>> plots() {
        return SweepPlots.build(rows, settings);
    }

    /** Returns {@value #CSV_FILE}: a header, then one line per configuration; missing numbers are empty. */
    public String csv() {
        ResultTable table = measurements();
        StringBuilder out = new StringBuilder();
        out.append(Csv.line(table.columnNames()));
        for (int row = 0; row < table.rowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (String column : table.columnNames()) {
                cells.add(table.format(column).isNumeric() ? Csv.number(table.number(row, column))
                        : table.cell(row, column));
            }
            out.append(Csv.line(cells));
        }
        return out.toString();
    }

    /** Returns {@value #SAMPLES_FILE}: every timed query of every configuration with its stage latencies in ms. */
    public String latencySamplesCsv() {
        StringBuilder out = new StringBuilder(Csv.line(List.of("model", "device", "query", "encode_ms", "recall_ms",
                "rerank_ms", "total_ms")));
        for (SweepRow row : rows) {
            if (!row.isMeasured()) {
                continue;
            }
            QueryLatencies latency = row.latency();
            for (int i = 0; i < latency.queries(); i++) {
                out.append(Csv.line(List.of(row.model().name(), row.device(), Integer.toString(i),
                        Csv.number(latency.encodeMillis()[i]), Csv.number(latency.recallMillis()[i]),
                        Csv.number(latency.rerankMillis()[i]), Csv.number(latency.totalMillis()[i]))));
            }
        }
        return out.toString();
    }

    /** Returns {@value #MARKDOWN_FILE}: timing, latency split and memory, quality, and the published table. */
    public String markdown() {
        StringBuilder out = new StringBuilder("# RocketQA-zh size sweep\n\n");
        out.append("Regenerate with `").append(command).append("`.\n\n");
        out.append(table().toMarkdown()).append('\n');
        out.append(detailTable().toMarkdown()).append('\n');
        ResultTable quality = qualityTable();
        if (quality.rowCount() > 0) {
            out.append(quality.toMarkdown()).append('\n');
        } else {
            out.append("No quality figures: every measured dual encoder ran with random weights (speed only).\n\n");
        }
        out.append(published.toResultTable().toMarkdown());
        return out.toString();
    }

    /** Returns the report: settings, environment, command, the tables and the plots. */
    public Report report() {
        Report report = Report.titled("RocketQA-zh size sweep: index build, query latency and memory")
                .environment(environment)
                .command(command)
                .settings("Sweep settings", settings.describe())
                .settings("Dataset", provenance);
        report.section("Index build and query time").table(table());
        report.section("Latency split and memory").table(detailTable());
        ResultTable quality = qualityTable();
        report.section("Quality");
        if (quality.rowCount() > 0) {
            report.table(quality);
        } else {
            report.paragraph("No quality figures: every measured dual encoder ran with random weights (speed only).");
        }
        Map<String, Plot<?>> plots = plots();
        if (!plots.isEmpty()) {
            report.section("Plots");
            plots.forEach(report::plot);
            if (plots.containsKey(SweepPlots.QUALITY)) {
                report.paragraph("Quality vs latency: MRR@10 of the final ranking (re-ranked when the cross encoder"
                        + " has real weights, else exact recall) against the median query latency; the line joins"
                        + " the Pareto front.");
            }
        }
        report.section("Published CPU timing").table(published.toResultTable());
        return report;
    }

    /**
     * Writes {@value #CSV_FILE}, {@value #SAMPLES_FILE}, {@value #MARKDOWN_FILE}, the PNG plots,
     * {@code report.md} and {@code report.html} into a directory, each file atomically.
     */
    public Output writeTo(Path directory) {
        try {
            Path csv = directory.resolve(CSV_FILE);
            AtomicFiles.write(csv, out -> out.write(csv().getBytes(StandardCharsets.UTF_8)));
            Path samples = directory.resolve(SAMPLES_FILE);
            AtomicFiles.write(samples, out -> out.write(latencySamplesCsv().getBytes(StandardCharsets.UTF_8)));
            Path markdown = directory.resolve(MARKDOWN_FILE);
            AtomicFiles.write(markdown, out -> out.write(markdown().getBytes(StandardCharsets.UTF_8)));
            return new Output(csv, samples, markdown, report().writeTo(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep results to " + directory, e);
        }
    }

    @Override
    public String toString() {
        return table().toText();
    }

    /**
     * CSV lines quoted as RFC 4180 describes (a field with a comma, quote or line break is quoted,
     * quotes doubled), each ending in a line feed.
     */
    static final class Csv {

        private Csv() {
        }

        static String line(List<String> fields) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i) == null ? "" : fields.get(i);
                if (i > 0) {
                    line.append(',');
                }
                if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                    line.append('"').append(field.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(field);
                }
            }
            return line.append("\n").toString();
        }

        /** Returns a number with up to six decimals and no grouping, or an empty field for NaN. */
        static String number(double value) {
            if (Double.isNaN(value)) {
                return "";
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return new BigDecimal(String.format(Locale.ROOT, "%.6f", value)).stripTrailingZeros()
                    .toPlainString();
        }
    }
}
