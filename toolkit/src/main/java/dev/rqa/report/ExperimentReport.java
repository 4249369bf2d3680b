package dev.rqa.report;

import dev.rqa.AtomicFiles;
import dev.rqa.eval.ExperimentResult;
import dev.rqa.eval.StageResult;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@code report.md} for one experiment: the table, the settings, the timing and the command. */
public final class ExperimentReport {

    private ExperimentReport() {
    }

    /** Writes {@code directory/report.md} atomically; {@code command} is the line that regenerates it. */
    public static void write(ExperimentResult result, Path directory, String command) {
        try {
            AtomicFiles.write(directory.resolve("report.md"),
                    out -> out.write(markdown(result, command).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve("report.md"), e);
        }
    }

    /** Returns the report as Markdown. */
    public static String markdown(ExperimentResult result, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(result.dataset());
        if (result.encoder() != null) {
            md.append(" / ").append(result.encoder().name());
        }
        md.append("\n\n");
        md.append(String.format("%,d passages, %,d queries, top %d per query.%n%n", result.passages(),
                result.queries(), result.settings().topK()));
        md.append("Regenerate with:\n\n```\n").append(command).append("\n```\n\n");

        md.append("## Results\n\n").append(markdownTable(result.table())).append('\n');
        md.append("MRR@10 is `trec_eval -M 10 -m recip_rank`; hit_rate_at_k is RocketQA's Recall@k (share of"
                + " queries with a relevant passage in the top k); the other columns are trec_eval 9.0.8 measures.\n");
        if (!result.stages().isEmpty()) {
            String summary = result.stages().get(0).metrics().summary();
            md.append(Character.toUpperCase(summary.charAt(0))).append(summary.substring(1)).append(".\n\n");
        }
        for (StageResult stage : result.stages()) {
            if (!stage.extras().isEmpty()) {
                md.append("- `").append(stage.name()).append("`: ").append(describe(stage.extras())).append('\n');
            }
        }

        if (result.encoder() != null) {
            md.append("\n## Encoder settings\n\n");
            md.append("- similarity: ").append(result.encoder().similarity()).append('\n');
            md.append("- query model `").append(result.encoder().queryModel()).append("`: ")
                    .append(describe(result.encoder().querySettings())).append('\n');
            md.append("- passage model `").append(result.encoder().passageModel()).append("`: ")
                    .append(describe(result.encoder().passageSettings())).append('\n');
            md.append("- passage encoding: ").append(result.encoder().passageStats().describe()).append('\n');
            md.append("- query encoding: ").append(result.encoder().queryStats().describe()).append('\n');
        }
        md.append("\n## Timing (seconds)\n\n");
        result.timing().forEach((key, value) -> md.append("- ").append(key).append(": ")
                .append(value instanceof Double d ? String.format("%.3f", d) : value).append('\n'));
        md.append("\n## Data provenance\n\n");
        result.provenance().forEach((key, value) -> md.append("- ").append(key).append(": ").append(value)
                .append('\n'));
        return md.toString();
    }

    private static String describe(Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(key).append('=').append(value instanceof Double d ? String.format("%.4f", d) : value);
        });
        return text.toString();
    }

    /** Renders a Tablesaw table as a Markdown table. */
    static String markdownTable(Table table) {
        StringBuilder md = new StringBuilder("|");
        for (String name : table.columnNames()) {
            md.append(' ').append(name).append(" |");
        }
        md.append("\n|");
        for (int i = 0; i < table.columnCount(); i++) {
            md.append("---|");
        }
        md.append('\n');
        for (int row = 0; row < table.rowCount(); row++) {
            md.append('|');
            for (int column = 0; column < table.columnCount(); column++) {
                md.append(' ').append(table.getString(row, column)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
