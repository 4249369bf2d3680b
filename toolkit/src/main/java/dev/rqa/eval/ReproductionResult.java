package dev.rqa.eval;

import dev.rqa.report.ColumnFormat;
import dev.rqa.report.Comparison;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.Report;
import dev.rqa.report.ResultTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reproduced tables and the experiments behind them.
 *
 * @param dataset      dataset the DualEncoder and CrossEncoder tables were measured on
 * @param dualEncoder  DualEncoder table against the published one
 * @param crossEncoder CrossEncoder table against the published one
 * @param t2ranking    MTEB-style T2Ranking first-10000 table (rows marked missing when the files are absent)
 * @param experiments  every experiment run, keyed by model (or recall model + cross encoder)
 */
public record ReproductionResult(String dataset, Comparison dualEncoder, Comparison crossEncoder,
                                 ResultTable t2ranking, Map<String, ExperimentResult> experiments) {

    /** The measures of {@link #measurements()}: RocketQA's three, then MTEB's usual ones. */
    private static final List<String> MEASURES = ExperimentResult.TABLE_MEASURES;
    private static final List<String> MEASURE_HEADERS = List.of("MRR@10", "Recall@1", "Recall@50", "nDCG@10",
            "MAP@10", "recall@100");

    /** Returns the cross encoders that re-ranked a list in this reproduction, in the order they ran. */
    public List<String> measuredCrossEncoders() {
        return experiments.values().stream()
                .map(experiment -> experiment.settings().reranker())
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Returns every evaluated ranking of the DualEncoder and CrossEncoder experiments, one row per
     * model and stage. Columns: MRR@10, Recall@1 and Recall@50 as RocketQA's hit rates, nDCG@10,
     * MAP@10 and recall@100 as trec_eval computes them, HNSW recall@10 against exact search, and the
     * stage's wall-clock time per query. A first stage shared by several experiments is listed once.
     */
    public ResultTable measurements() {
        ResultTable table = ResultTable.titled("Measurements on " + dataset)
                .column("model", ColumnFormat.TEXT)
                .column("run", ColumnFormat.TEXT);
        for (String header : MEASURE_HEADERS) {
            table.column(header, ColumnFormat.DECIMAL_4);
        }
        table.column("HNSW recall@10 vs exact", ColumnFormat.TEXT)
                .column("stage time per query", ColumnFormat.MILLISECONDS)
                .column("queries", ColumnFormat.INTEGER);

        Set<String> listed = new HashSet<>();
        List<Measure> measures = Measure.parseAll(MEASURES);
        for (ExperimentResult experiment : experiments.values()) {
            String model = experiment.encoder() == null ? "given run" : experiment.encoder().name();
            for (StageResult stage : experiment.stages()) {
                if (!stage.metrics().measures().containsAll(measures) || !listed.add(model + "\u0000" + stage.name())) {
                    continue;
                }
                Object[] row = new Object[MEASURES.size() + 5];
                row[0] = model;
                row[1] = stage.name();
                for (int i = 0; i < MEASURES.size(); i++) {
                    row[i + 2] = stage.metrics().average(MEASURES.get(i));
                }
                Object recall = stage.extras().get("recall_at_10_vs_exact");
                // Text, so that exact rows show an empty cell rather than "missing".
                row[MEASURES.size() + 2] = recall instanceof Number number
                        ? String.format(Locale.ROOT, "%.4f", number.doubleValue()) : "";
                int queries = stage.metrics().numQueries();
                row[MEASURES.size() + 3] = queries == 0 ? null : stage.seconds() * 1000.0 / queries;
                row[MEASURES.size() + 4] = queries;
                table.row(row);
            }
        }
        table.note("Recall@1 and Recall@50 are hit rates (share of queries with a relevant passage in the top k),"
                + " as in the published tables; recall@100 is trec_eval's recall (share of a query's relevant"
                + " passages in the top 100).")
                .note("HNSW recall@10 vs exact is the share of the exact top 10 that HNSW also returns, averaged over"
                        + " queries; it measures the index, not relevance.")
                .note("Stage time per query is the wall-clock time of the stage alone divided by the number of"
                        + " queries: batch search for exact and hnsw rows, cross-encoder scoring for re-ranked rows;"
                        + " encoding is excluded.");
        return table;
    }

    /** Writes {@code report.md}, {@code report.html} and one folder of metrics and runs per experiment. */
    public Report.Output writeTo(Path directory, String command) {
        try {
            for (Map.Entry<String, ExperimentResult> entry : experiments.entrySet()) {
                entry.getValue().writeTo(directory.resolve(entry.getKey().replaceAll("[^A-Za-z0-9._+-]", "_")));
            }
            Report report = Report.titled("RocketQA-zh tables reproduced on " + dataset)
                    .environment(EnvironmentInfo.capture())
                    .command(command)
                    .section("DualEncoder").table(dualEncoder)
                    .section("CrossEncoder").table(crossEncoder)
                    .section("T2Ranking (MTEB style)").table(t2ranking)
                    .section("Measurements").table(measurements());
            return report.writeTo(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables to " + directory, e);
        }
    }
}
