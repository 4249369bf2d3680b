package dev.rqa.eval;

import dev.rqa.report.Comparison;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.Report;
import dev.rqa.report.ResultTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

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
                    .section("T2Ranking (MTEB style)").table(t2ranking);
            return report.writeTo(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables to " + directory, e);
        }
    }
}
