package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs environment/run-notebooks.sh and other Jupyter commands for the notebook integration tests. */
final class NotebookScripts {

    static final Path REPO = Path.of(System.getProperty("rqa.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path TEST_NOTEBOOKS = REPO.resolve("toolkit/src/test/resources/notebooks");
    static final Path JUPYTER_DATA = REPO.resolve("environment/.jupyter");
    static final Path KERNEL_SPEC = JUPYTER_DATA.resolve("kernels/rqa-java/kernel.json");

    private static final Logger LOG = LoggerFactory.getLogger(NotebookScripts.class);

    /** Maximum run time of one command in these tests, so a hang fails the test instead of stalling the build. */
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(5);

    /**
     * Output of a finished command.
     *
     * @param exitCode exit status
     * @param output   stdout and stderr, merged
     * @param elapsed  wall-clock time
     */
    record Result(int exitCode, String output, Duration elapsed) {
    }

    private NotebookScripts() {
    }

    /**
     * Aborts the calling test class when RQA_SKIP_NOTEBOOKS=1, and fails it when Jupyter or the
     * kernel spec is missing: a missing environment must not look like passing tests.
     */
    static void requireNotebookEnvironment() {
        if ("1".equals(System.getenv("RQA_SKIP_NOTEBOOKS"))) {
            LOG.warn("RQA_SKIP_NOTEBOOKS=1: skipping the notebook integration tests");
            Assumptions.abort("RQA_SKIP_NOTEBOOKS=1: notebook integration tests skipped on request");
        }
        if (!onPath("jupyter")) {
            fail("'jupyter' not found on PATH: run environment/install.sh, which installs Jupyter and registers"
                    + " the rqa-java kernel (or set RQA_SKIP_NOTEBOOKS=1 to skip these tests)");
        }
        if (!Files.isRegularFile(KERNEL_SPEC)) {
            fail("kernel spec " + KERNEL_SPEC + " not found: run environment/install.sh");
        }
    }

    /** Runs environment/run-notebooks.sh with extra environment variables and arguments. */
    static Result runNotebooks(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("environment/run-notebooks.sh").toString());
        command.addAll(List.of(arguments));
        return run(command, environment);
    }

    /** Runs a command in the repository root with a time limit. */
    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("rqa-it-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + COMMAND_LIMIT.toMinutes()
                        + " min; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), elapsed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
