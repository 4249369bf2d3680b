package dev.rqa.report.jupyter;

import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Executes Jupyter notebooks headless with {@code jupyter nbconvert --to notebook --execute}, one
 * kernel per notebook, and exports each executed notebook to HTML.
 *
 * <p>Notebooks take their parameters from environment variables, which this runner passes to
 * nbconvert and so to the kernel unchanged; it sets {@code RQA_OUT} to the output folder. It
 * bounds every wait: kernel start-up, each cell, the output that follows a cell's reply, and the
 * whole notebook. A failure is reported with the notebook, the cell and the error. Only a kernel
 * that started but never responded (the rapaio-jupyter-kernel start-up race, which
 * {@link KernelLauncher} prevents) is retried, a bounded number of times.
 *
 * <p>Outputs in the output folder, per notebook {@code NAME.ipynb}: {@code NAME.ipynb} (executed),
 * {@code NAME.html} and {@code NAME.log} (nbconvert's and the kernel's output). The first two are
 * written to hidden temporary files and renamed only after every cell passed; outputs of an
 * earlier run are deleted when a notebook starts, so a failed run leaves only its log.
 */
public final class NotebookRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunner.class);

    private static final String HOOKS_RESOURCE = "nbconvert_progress.py";

    /** Time limit of the HTML export of one executed notebook. */
    private static final Duration HTML_EXPORT_LIMIT = Duration.ofMinutes(10);

    /**
     * Runner settings.
     *
     * @param jupyter         the {@code jupyter} command: a name looked up on PATH, or a path
     * @param kernelName      kernel spec to execute every notebook with, regardless of the notebook's metadata
     * @param outputDir       folder for executed notebooks, HTML exports and logs
     * @param jupyterPath     folders put in front of JUPYTER_PATH, where kernel specs are looked up
     * @param startupTimeout  time for the kernel to reply to its first request
     * @param cellTimeout     time limit of each cell; zero for none
     * @param iopubTimeout    time for a cell's remaining output after its reply; longer is a failure
     * @param notebookTimeout wall-clock limit of one notebook execution, kernel start-up included
     * @param startupRetries  new kernels to try when a kernel did not respond at start-up
     * @param exportHtml      whether to write the HTML export
     */
    public record Settings(String jupyter, String kernelName, Path outputDir, List<Path> jupyterPath,
                           Duration startupTimeout, Duration cellTimeout, Duration iopubTimeout,
                           Duration notebookTimeout, int startupRetries, boolean exportHtml) {

        public Settings {
            jupyterPath = List.copyOf(jupyterPath);
            requirePositive("startup timeout", startupTimeout);
            requirePositive("IOPub timeout", iopubTimeout);
            requirePositive("notebook timeout", notebookTimeout);
            if (cellTimeout.isNegative()) {
                throw new InvalidInputException("cell timeout must be >= 0 s (0 for none), got " + cellTimeout.toSeconds());
            }
            if (startupRetries < 0) {
                throw new InvalidInputException("start-up retries must be >= 0, got " + startupRetries);
            }
            if (kernelName.isBlank()) {
                throw new InvalidInputException("kernel name is empty; give the name of a registered kernel spec");
            }
        }

        private static void requirePositive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new InvalidInputException(name + " must be > 0 s, got " + value.toSeconds());
            }
        }
    }

    private final Settings settings;
    private final Path workDir;
    private final Path hooks;
    private final Path runtimeDir;

    /**
     * Prepares a runner: checks that {@code jupyter} exists and writes the progress hooks.
     *
     * @throws InvalidInputException when the jupyter command is not found
     */
    public NotebookRunner(Settings settings) throws IOException {
        this.settings = settings;
        requireCommand(settings.jupyter());
        Files.createDirectories(settings.outputDir());

        this.workDir = Files.createTempDirectory("rqa-notebooks-");
        this.runtimeDir = Files.createDirectories(workDir.resolve("runtime"));
        this.hooks = workDir.resolve("rqa_progress_config.py");
        try (InputStream in = NotebookRunner.class.getResourceAsStream(HOOKS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + HOOKS_RESOURCE + " missing from the toolkit jar");
            }
            Files.copy(in, hooks);
        }
    }

    /**
     * Expands notebook arguments: files are kept, folders give their {@code *.ipynb} files sorted by
     * name (not recursively, so an output folder inside is skipped).
     *
     * @throws InvalidInputException for a missing path or a file that is not a notebook
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> notebooks = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    notebooks.addAll(files.filter(f -> f.getFileName().toString().endsWith(".ipynb"))
                            .filter(Files::isRegularFile)
                            .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                            .collect(Collectors.toList()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                if (!path.getFileName().toString().endsWith(".ipynb")) {
                    throw new InvalidInputException(path + " is not a notebook: expected a .ipynb file");
                }
                notebooks.add(path);
            } else {
                throw new InvalidInputException("notebook or folder " + path + " does not exist");
            }
        }
        return notebooks;
    }

    /** Runs notebooks in order; with {@code failFast} it stops after the first failure. */
    public List<NotebookResult> runAll(List<Path> notebooks, boolean failFast) throws IOException, InterruptedException {
        List<NotebookResult> results = new ArrayList<>();
        for (Path notebook : notebooks) {
            NotebookResult result = run(notebook);
            results.add(result);
            if (failFast && !result.passed()) {
                break;
            }
        }
        return results;
    }

    /** Executes one notebook, retrying only a kernel that did not respond at start-up. */
    public NotebookResult run(Path notebook) throws IOException, InterruptedException {
        NotebookCells cells = NotebookCells.read(notebook);
        String name = baseName(notebook);
        Path executed = settings.outputDir().resolve(name + ".ipynb");
        Path html = settings.outputDir().resolve(name + ".html");
        Path log = settings.outputDir().resolve(name + ".log");
        if (executed.toAbsolutePath().normalize().equals(notebook.toAbsolutePath().normalize())) {
            throw new InvalidInputException("output folder " + settings.outputDir() + " contains the notebook "
                    + notebook + " itself, which the executed copy would overwrite; choose another output folder");
        }
        Files.deleteIfExists(executed);
        Files.deleteIfExists(html);
        Files.deleteIfExists(log);

        LOG.info("Executing {} ({} code cells) with kernel {}", notebook, cells.codeCellCount(), settings.kernelName());
        Duration elapsed = Duration.ZERO;
        int maxAttempts = 1 + settings.startupRetries();
        for (int attempt = 1; ; attempt++) {
            Path partial = settings.outputDir().resolve("." + name + ".partial.ipynb");
            Files.deleteIfExists(partial);
            Files.writeString(log, "=== attempt " + attempt + " of " + maxAttempts + ": " + notebook + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

            ExecutionLog execution = new ExecutionLog();
            TrackedProcess.Result process = TrackedProcess.run(executeCommand(notebook, partial), environment(),
                    settings.notebookTimeout(), log, line -> reportProgress(name, cells, execution.accept(line)));
            elapsed = elapsed.plus(process.elapsed());
            Outcome outcome = execution.outcome(process.exitCode(), process.timedOut());

            if (outcome == Outcome.PASSED && !Files.isRegularFile(partial)) {
                Files.deleteIfExists(partial);
                return failure(notebook, Outcome.FAILED, "nbconvert exited with status 0 but wrote no notebook;"
                        + " see " + log, elapsed, attempt, log);
            }
            if (outcome == Outcome.PASSED) {
                Files.move(partial, executed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return exportHtml(notebook, name, executed, html, log, elapsed, attempt);
            }
            Files.deleteIfExists(partial);

            if (outcome == Outcome.KERNEL_NOT_RESPONDING && attempt < maxAttempts) {
                LOG.warn("{}: kernel {} started but did not respond within {} s (attempt {} of {});"
                                + " retrying with a new kernel", notebook, settings.kernelName(),
                        settings.startupTimeout().toSeconds(), attempt, maxAttempts);
                continue;
            }
            return failure(notebook, outcome, describeFailure(notebook, cells, outcome, execution, log), elapsed,
                    attempt, log);
        }
    }

    private NotebookResult exportHtml(Path notebook, String name, Path executed, Path html, Path log,
                                      Duration elapsed, int attempts) throws IOException, InterruptedException {
        if (!settings.exportHtml()) {
            return new NotebookResult(notebook, Outcome.PASSED, "", elapsed, attempts, Optional.of(executed),
                    Optional.empty(), log);
        }

        Path partial = settings.outputDir().resolve("." + name + ".partial.html");
        Files.deleteIfExists(partial);
        List<String> command = List.of(settings.jupyter(), "nbconvert", "--to", "html",
                "--output-dir", settings.outputDir().toAbsolutePath().toString(),
                "--output", "." + name + ".partial", executed.toAbsolutePath().toString());
        TrackedProcess.Result process = TrackedProcess.run(command, environment(), HTML_EXPORT_LIMIT, log, line -> { });
        Duration total = elapsed.plus(process.elapsed());
        if (process.exitCode() != 0 || !Files.isRegularFile(partial)) {
            Files.deleteIfExists(partial);
            String reason = process.timedOut() ? "timed out after " + HTML_EXPORT_LIMIT.toSeconds() + " s"
                    : "nbconvert exited with status " + process.exitCode();
            return new NotebookResult(notebook, Outcome.HTML_EXPORT_FAILED, notebook + ": executed, but the HTML export "
                    + reason + "; see " + log, total, attempts, Optional.of(executed), Optional.empty(), log);
        }
        Files.move(partial, html, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new NotebookResult(notebook, Outcome.PASSED, "", total, attempts, Optional.of(executed),
                Optional.of(html), log);
    }

    private static NotebookResult failure(Path notebook, Outcome outcome, String message, Duration elapsed,
                                          int attempts, Path log) {
        return new NotebookResult(notebook, outcome, message, elapsed, attempts, Optional.empty(), Optional.empty(), log);
    }

    private List<String> executeCommand(Path notebook, Path partial) {
        List<String> command = new ArrayList<>();
        command.add(settings.jupyter());
        command.add("nbconvert");
        command.add("--to");
        command.add("notebook");
        command.add("--execute");
        command.add("--config=" + hooks);
        command.add("--ExecutePreprocessor.kernel_name=" + settings.kernelName());
        command.add("--ExecutePreprocessor.startup_timeout=" + settings.startupTimeout().toSeconds());
        // nbclient takes 0 or a negative value as "no limit".
        command.add("--ExecutePreprocessor.timeout=" + settings.cellTimeout().toSeconds());
        command.add("--ExecutePreprocessor.iopub_timeout=" + settings.iopubTimeout().toSeconds());
        command.add("--ExecutePreprocessor.raise_on_iopub_timeout=True");
        command.add("--output-dir=" + settings.outputDir().toAbsolutePath());
        command.add("--output=" + partial.getFileName());
        command.add(notebook.toAbsolutePath().toString());
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> jupyterPath = new ArrayList<>();
        for (Path path : settings.jupyterPath()) {
            jupyterPath.add(path.toAbsolutePath().toString());
        }
        String inherited = System.getenv("JUPYTER_PATH");
        if (inherited != null && !inherited.isBlank()) {
            jupyterPath.add(inherited);
        }
        if (!jupyterPath.isEmpty()) {
            environment.put("JUPYTER_PATH", String.join(File.pathSeparator, jupyterPath));
        }
        // Connection files of this run only, removed with the runner.
        environment.put("JUPYTER_RUNTIME_DIR", runtimeDir.toString());
        environment.put("RQA_OUT", settings.outputDir().toAbsolutePath().toString());
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("PYTHONIOENCODING", "utf-8");
        return environment;
    }

    private void reportProgress(String name, NotebookCells cells, ExecutionLog.Progress progress) {
        if (progress == null) {
            return;
        }
        switch (progress.event()) {
            case "kernel-ready":
                LOG.debug("{}: kernel {} ready", name, settings.kernelName());
                break;
            case "cell-start":
                LOG.info("{}: running {}", name, cells.describe(progress.cellIndex()));
                break;
            default:
                break;
        }
    }

    private String describeFailure(Path notebook, NotebookCells cells, Outcome outcome, ExecutionLog execution,
                                   Path log) {
        OptionalInt cell = execution.failedCell();
        String where = cell.isPresent() ? cells.describe(cell.getAsInt()) : "no cell running";
        String seeLog = "; see " + log;
        switch (outcome) {
            case CELL_ERROR:
                return notebook + ": " + where + " failed: " + execution.errorSummary() + seeLog;
            case CELL_TIMEOUT:
                return notebook + ": " + where + " timed out after " + settings.cellTimeout().toSeconds()
                        + " s (cell timeout)" + seeLog;
            case OUTPUT_TIMEOUT:
                return notebook + ": " + where + " replied, but the kernel sent no further output or idle status within "
                        + settings.iopubTimeout().toSeconds() + " s; the kernel is unresponsive" + seeLog;
            case KERNEL_DIED:
                return notebook + ": the kernel died " + (execution.kernelReady() ? "while running " + where
                        : "before it replied to its first request") + seeLog;
            case KERNEL_NOT_RESPONDING:
                return notebook + ": kernel " + settings.kernelName() + " started but did not respond within "
                        + settings.startupTimeout().toSeconds() + " s, in " + (1 + settings.startupRetries())
                        + " attempts" + seeLog;
            case NO_SUCH_KERNEL:
                return notebook + ": no kernel spec named '" + settings.kernelName() + "' in JUPYTER_PATH "
                        + settings.jupyterPath() + " or the default Jupyter folders; run environment/install.sh";
            case NOTEBOOK_TIMEOUT:
                return notebook + ": stopped after the notebook time limit of " + settings.notebookTimeout().toSeconds()
                        + " s while running " + where + "; the kernel was killed" + seeLog;
            default:
                return notebook + ": nbconvert failed (" + where + "); last output:" + System.lineSeparator()
                        + String.join(System.lineSeparator(), execution.tail()) + System.lineSeparator() + "see " + log;
        }
    }

    private static String baseName(Path notebook) {
        String file = notebook.getFileName().toString();
        return file.toLowerCase(Locale.ROOT).endsWith(".ipynb") ? file.substring(0, file.length() - ".ipynb".length()) : file;
    }

    private static void requireCommand(String command) {
        if (command.contains(File.separator)) {
            if (!Files.isExecutable(Path.of(command))) {
                throw new InvalidInputException("jupyter command " + command + " is not an executable file");
            }
            return;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                    return;
                }
            }
        }
        throw new InvalidInputException("'" + command + "' not found on PATH: run environment/install.sh (Debian),"
                + " or install Jupyter with 'pip install jupyterlab nbconvert' or"
                + " 'conda install -c conda-forge jupyterlab'; see environment/README.md");
    }

    /** Deletes the runner's temporary folder (hooks and connection files). */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            List<Path> paths = files.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
