package dev.rqa.cli;

import dev.rqa.notebook.NotebookParameters;
import dev.rqa.notebook.NotebookReport;
import dev.rqa.notebook.ToolkitReport;
import dev.rqa.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rqa report}: one self-contained report of the notebooks' tables and plots. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Builds one self-contained report of the notebooks' tables and plots.",
            "It writes report.md with PNG files beside it and report.html with the images embedded, with the",
            "environment fingerprint and the command that regenerates the report.",
            "With --from it collects the tables, images and printed output of executed notebooks (the output",
            "folder of environment/run-notebooks.sh). Without it, it runs the notebooks' toolkit calls directly:",
            "the DualEncoder and CrossEncoder tables, the T2Ranking table when --t2ranking is given, the size",
            "sweep with quality against latency, and the HNSW ef sweep. Options not given fall back to the notebooks' RQA_* environment variables."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/report",
            description = "Folder for report.md, report.html and the PNG files (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--from", paramLabel = "DIR",
            description = "Collect the outputs of the executed notebooks in this folder instead of running anything.")
    private Path from;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "Dataset spec (RQA_DATASET; default cmrc2018).")
    private String dataset;

    @Option(names = "--sample", paramLabel = "N",
            description = "Use only the first N queries (RQA_SAMPLE; default: every query).")
    private String sample;

    @Option(names = "--models", paramLabel = "MODEL[,MODEL...]",
            description = "Dual encoders (RQA_MODELS; default: every RocketQA-zh size and the bge models).")
    private String models;

    @Option(names = "--cross-encoders", paramLabel = "MODEL[,MODEL...]",
            description = "Cross encoders: registry names or checkpoint directories (RQA_CROSS_ENCODERS; default:"
                    + " the five RocketQA cross encoders).")
    private String crossEncoders;

    @Option(names = "--sizes", paramLabel = "SIZE[,SIZE...]",
            description = "RocketQA-zh sizes of the size sweep (RQA_SIZES; default base,medium,mini,micro,nano).")
    private String sizes;

    @Option(names = "--devices", paramLabel = "cpu|gpu[,...]",
            description = "Devices (RQA_DEVICES; default cpu,gpu): quality runs on the GPU when listed and present.")
    private String devices;

    @Option(names = "--passages", paramLabel = "N",
            description = "Passages in the timing index of the size sweep (RQA_PASSAGES; default 1398).")
    private String passages;

    @Option(names = "--queries", paramLabel = "N",
            description = "Timed queries per model and device in the size sweep (RQA_QUERIES; default 100).")
    private String queries;

    @Option(names = "--recall", paramLabel = "K",
            description = "Passages recalled and re-ranked per query in the size sweep (RQA_RECALL; default 30).")
    private String recall;

    @Option(names = "--t2ranking", paramLabel = "DIR",
            description = "T2Ranking directory for the MTEB-style table (RQA_T2RANKING).")
    private String t2ranking;

    @Override
    public Integer call() throws IOException {
        String command = CommandLines.quote("rqa", spec.commandLine().getParseResult().originalArgs());
        Report report;
        if (from != null) {
            List<Path> notebooks = NotebookReport.executedIn(from);
            report = NotebookReport.collect(notebooks,
                    NotebookReport.notebooksCommand(notebooks, from) + " && ./" + command);
        } else {
            NotebookParameters parameters = NotebookParameters.from(variables());
            String assignments = parameters.assignments();
            report = ToolkitReport.build(parameters, (assignments.isEmpty() ? "" : assignments + " ") + "./" + command);
        }
        Report.Output output = report.writeTo(out);

        PrintWriter writer = spec.commandLine().getOut();
        writer.printf("report written to %s and %s (%d images)%n", output.markdown(), output.html(),
                output.images().size());
        return 0;
    }

    /** Returns the RQA_* variables of this process, replaced by the options that were given. */
    private Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>(System.getenv());
        put(variables, NotebookParameters.DATASET, dataset);
        put(variables, NotebookParameters.SAMPLE, sample);
        put(variables, NotebookParameters.MODELS, models);
        put(variables, NotebookParameters.CROSS_ENCODERS, crossEncoders);
        put(variables, NotebookParameters.SIZES, sizes);
        put(variables, NotebookParameters.DEVICES, devices);
        put(variables, NotebookParameters.PASSAGES, passages);
        put(variables, NotebookParameters.QUERIES, queries);
        put(variables, NotebookParameters.RECALL, recall);
        put(variables, NotebookParameters.T2RANKING, t2ranking);
        // The report folder is --out; RQA_OUT is where notebooks save their outputs and plays no part here.
        variables.remove(NotebookParameters.OUT);
        return variables;
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }
}
