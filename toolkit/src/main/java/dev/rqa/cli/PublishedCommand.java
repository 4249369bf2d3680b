package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import dev.rqa.report.PublishedResults;
import dev.rqa.report.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rqa published}: prints the published reference tables that measured results are compared with. */
@Command(name = "published",
        mixinStandardHelpOptions = true,
        description = {
            "Prints published reference results with their source and protocol: by default the RocketQA-zh"
                    + " tables of PaddleNLP's pipelines/benchmarks/README.md (dual encoders, cross encoders,"
                    + " CPU timing)."
        })
public final class PublishedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "all",
            description = "Table to print: dual-encoder, cross-encoder, cpu-timing or all (default: ${DEFAULT-VALUE}).")
    private String table;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, markdown or html (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Published results JSON laid out like the bundled RocketQA-zh file (default: the bundled"
                    + " file).")
    private Path file;

    @Override
    public Integer call() {
        PublishedResults published = file == null ? PublishedResults.rocketqaZh() : PublishedResults.load(file);
        List<ResultTable> tables = select(published);
        if (tables.isEmpty()) {
            throw new InvalidInputException("no tables to print for --table " + table);
        }

        PrintWriter out = spec.commandLine().getOut();
        for (ResultTable result : tables) {
            out.println(render(result));
        }
        out.flush();
        return 0;
    }

    private List<ResultTable> select(PublishedResults published) {
        List<ResultTable> tables = new ArrayList<>();
        switch (normalised(table)) {
            case "dual-encoder" -> tables.add(published.dualEncoder().toResultTable());
            case "cross-encoder" -> tables.add(published.crossEncoder().toResultTable());
            case "cpu-timing" -> tables.add(published.cpuTiming().toResultTable());
            case "all" -> {
                published.tables().values().forEach(t -> tables.add(t.toResultTable()));
                if (published.hasCpuTiming()) {
                    tables.add(published.cpuTiming().toResultTable());
                }
            }
            default -> throw new InvalidInputException("unknown table '" + table
                    + "' for --table: expected dual-encoder, cross-encoder, cpu-timing or all");
        }
        return tables;
    }

    private String render(ResultTable result) {
        return switch (normalised(format)) {
            case "text" -> result.toText();
            case "markdown", "md" -> result.toMarkdown();
            case "html" -> result.toHtml();
            default -> throw new InvalidInputException("unknown format '" + format
                    + "' for --format: expected text, markdown or html");
        };
    }

    private static String normalised(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
