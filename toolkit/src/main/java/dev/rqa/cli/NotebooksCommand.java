package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import dev.rqa.notebook.NotebookParameters;
import dev.rqa.notebook.NotebookReport;
import dev.rqa.report.Report;
import dev.rqa.report.jupyter.NotebookResult;
import dev.rqa.report.jupyter.NotebookRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rqa notebooks}: executes notebooks headless and exports them to HTML. */
@Command(name = "notebooks",
        mixinStandardHelpOptions = true,
        description = {
            "Executes Jupyter notebooks headless with 'jupyter nbconvert --execute'.",
            "Each notebook gets its own kernel, and the executed notebooks, HTML exports and logs go to the",
            "output folder.",
            "Notebooks read their parameters from environment variables (RQA_DATASET, RQA_MODELS, ...),",
            "which are passed to the kernel unchanged; RQA_OUT is set to the output folder.",
            "When every notebook passed, the tables, plots and printed output of the executed notebooks are",
            "collected into one report (report.md and report.html) in <out>/report, as rqa report --from does.",
            "Exit status: 0 when every notebook passed, 1 when one failed, 2 for invalid arguments."
        })
final class NotebooksCommand implements Callable<Integer> {

    /** Set by environment/run-notebooks.sh to its own path, so that reports name the command the user ran. */
    static final String LAUNCHER_VARIABLE = "RQA_NOTEBOOKS_LAUNCHER";

    @Parameters(paramLabel = "NOTEBOOK", arity = "0..*",
            description = "Notebooks or folders of notebooks (default: the folder in RQA_NOTEBOOK_DIR,"
                    + " else ./notebooks).")
    private List<Path> notebooks = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:RQA_OUT:-notebooks/out}",
            description = "Output folder (default: RQA_OUT, else notebooks/out).")
    private Path out;

    @Option(names = "--kernel", paramLabel = "NAME", defaultValue = "${env:RQA_KERNEL:-rqa-java}",
            description = "Kernel spec to run every notebook with (default: RQA_KERNEL, else ${DEFAULT-VALUE}).")
    private String kernel;

    @Option(names = "--jupyter", paramLabel = "COMMAND", defaultValue = "${env:RQA_JUPYTER:-jupyter}",
            description = "The jupyter command (default: RQA_JUPYTER, else ${DEFAULT-VALUE} from PATH).")
    private String jupyter;

    @Option(names = "--jupyter-path", paramLabel = "DIR", split = ":", defaultValue = "${env:RQA_JUPYTER_PATH}",
            description = "Folders put in front of JUPYTER_PATH to find kernel specs (default: RQA_JUPYTER_PATH).")
    private List<Path> jupyterPath = new ArrayList<>();

    @Option(names = "--cell-timeout", paramLabel = "SECONDS", defaultValue = "${env:RQA_CELL_TIMEOUT:-1800}",
            description = "Time limit of each cell in seconds, 0 for none (default: RQA_CELL_TIMEOUT, else ${DEFAULT-VALUE}).")
    private long cellTimeout;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "${env:RQA_STARTUP_TIMEOUT:-120}",
            description = "Time for a kernel to reply to its first request (default: RQA_STARTUP_TIMEOUT, else ${DEFAULT-VALUE}).")
    private long startupTimeout;

    @Option(names = "--notebook-timeout", paramLabel = "SECONDS", defaultValue = "${env:RQA_NOTEBOOK_TIMEOUT:-14400}",
            description = "Wall-clock limit of one notebook; the kernel is killed when it is reached"
                    + " (default: RQA_NOTEBOOK_TIMEOUT, else ${DEFAULT-VALUE}).")
    private long notebookTimeout;

    @Option(names = "--iopub-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time for a cell's remaining output after its reply; longer fails the notebook"
                    + " (default: ${DEFAULT-VALUE}).")
    private long iopubTimeout;

    @Option(names = "--startup-retries", paramLabel = "N", defaultValue = "1",
            description = "New kernels to try when a kernel started but never replied (default: ${DEFAULT-VALUE}).")
    private int startupRetries;

    @Option(names = "--no-html", description = "Do not write HTML exports.")
    private boolean noHtml;

    @Option(names = "--fail-fast", description = "Stop after the first failing notebook.")
    private boolean failFast;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Folder of the report built from the executed notebooks (default: <out>/report).")
    private Path report;

    @Option(names = "--no-report", description = "Do not build the report after a successful run.")
    private boolean noReport;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = notebooks.isEmpty() ? List.of(defaultNotebookDir()) : notebooks;
        List<Path> files = NotebookRunner.expand(inputs);
        if (files.isEmpty()) {
            throw new InvalidInputException("no .ipynb files in " + inputs);
        }

        NotebookRunner.Settings settings = new NotebookRunner.Settings(jupyter, kernel, out, jupyterPath,
                Duration.ofSeconds(startupTimeout), Duration.ofSeconds(cellTimeout), Duration.ofSeconds(iopubTimeout),
                Duration.ofSeconds(notebookTimeout), startupRetries, !noHtml);
        List<NotebookResult> results;
        try (NotebookRunner runner = new NotebookRunner(settings)) {
            results = runner.runAll(files, failFast);
        }

        int failed = 0;
        for (NotebookResult result : results) {
            String seconds = String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0);
            if (result.passed()) {
                System.out.println("PASSED  " + result.notebook() + "  " + seconds + "  -> "
                        + result.executedNotebook().map(Path::toString).orElse("")
                        + result.html().map(html -> ", " + html).orElse(""));
            } else {
                failed++;
                System.out.println("FAILED  " + result.notebook() + "  " + seconds + "  " + result.outcome()
                        + System.lineSeparator() + "        " + result.message());
            }
        }
        int skipped = files.size() - results.size();
        System.out.println(results.size() - failed + " passed, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " not run (--fail-fast)" : "") + "; outputs in " + out);
        if (failed > 0 || skipped > 0) {
            return 1;
        }
        if (!noReport) {
            writeReport(results);
        }
        return 0;
    }

    /** Collects the executed notebooks of this run into one report, as rqa report --from does. */
    private void writeReport(List<NotebookResult> results) throws IOException {
        List<Path> executed = results.stream().map(result -> result.executedNotebook().orElseThrow()).toList();
        Path folder = report != null ? report : out.resolve("report");
        String script = System.getenv(LAUNCHER_VARIABLE);
        String launcher = script == null || script.isBlank() ? "./rqa" : script;
        String assignments = NotebookParameters.fromEnvironment().assignments();
        // The arguments start with this subcommand's name, which a launcher script adds itself.
        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        if (!launcher.equals("./rqa") && !arguments.isEmpty() && arguments.get(0).equals(spec.name())) {
            arguments = arguments.subList(1, arguments.size());
        }
        String command = (assignments.isEmpty() ? "" : assignments + " ") + CommandLines.quote(launcher, arguments);
        Report.Output output = NotebookReport.collect(executed, command).writeTo(folder);
        System.out.println("report of " + executed.size() + " notebook" + (executed.size() == 1 ? "" : "s")
                + " written to " + output.markdown() + " and " + output.html());
    }

    private static Path defaultNotebookDir() {
        String dir = System.getenv("RQA_NOTEBOOK_DIR");
        return Path.of(dir == null || dir.isBlank() ? "notebooks" : dir);
    }
}
