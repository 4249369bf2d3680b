package dev.rqa.report;

import dev.rqa.eval.ExperimentResult;
import dev.rqa.eval.StageResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the report of one experiment ({@code report.md} and a self-contained {@code report.html}):
 * the metrics table, the settings that produced it, timing, data provenance, the environment and
 * the command that regenerates it.
 */
public final class ExperimentReport {

    private ExperimentReport() {
    }

    /** Writes the report into {@code directory}; {@code command} is the line that regenerates it. */
    public static Report.Output write(ExperimentResult result, Path directory, String command) {
        try {
            return build(result, command, EnvironmentInfo.capture()).writeTo(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    /** Builds the report without writing it. */
    public static Report build(ExperimentResult result, String command, EnvironmentInfo environment) {
        String title = result.dataset() + (result.encoder() == null ? "" : " / " + result.encoder().name());
        Report report = Report.titled(title).environment(environment).command(command);

        report.section("Results")
                .paragraph(String.format("%,d passages, %,d queries, top %d per query.", result.passages(),
                        result.queries(), result.settings().topK()))
                .table(ResultTable.of(result.table()))
                .paragraph("mrr_at_10 is trec_eval -M 10 -m recip_rank. hit_rate_at_k is RocketQA's Recall@k: the"
                        + " share of queries with a relevant passage in the top k. The other columns are trec_eval"
                        + " 9.0.8 measures.");
        if (!result.stages().isEmpty()) {
            String summary = result.stages().get(0).metrics().summary();
            report.paragraph(Character.toUpperCase(summary.charAt(0)) + summary.substring(1) + ".");
        }
        for (StageResult stage : result.stages()) {
            if (!stage.extras().isEmpty()) {
                report.settings("Stage " + stage.name(), stage.extras());
            }
        }

        if (result.encoder() != null) {
            ExperimentResult.EncoderInfo encoder = result.encoder();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("similarity", encoder.similarity());
            model.put("query model", encoder.queryModel());
            model.put("passage model", encoder.passageModel());
            model.put("query encoding", encoder.queryStats().describe());
            model.put("passage encoding", encoder.passageStats().describe());
            report.settings("Encoder", model);
            report.settings("Query settings", encoder.querySettings());
            report.settings("Passage settings", encoder.passageSettings());
        }
        report.settings("Timing (seconds)", result.timing());
        report.settings("Data provenance", result.provenance());
        return report;
    }
}
