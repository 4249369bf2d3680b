package dev.rqa.report.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs an external command with a time limit, copies its merged output to a log file and to a
 * line consumer, and leaves no process of its tree behind.
 *
 * <p>jupyter_client starts each kernel in a new session, so killing nbconvert alone would leave
 * the kernel JVM running. The descendants are therefore recorded while the command runs, and every
 * recorded process still alive at the end is killed: all of them at the time limit, leftovers after
 * a normal exit.
 */
final class TrackedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedProcess.class);

    /** How often the process tree is recorded and the deadline checked. */
    private static final Duration POLL = Duration.ofMillis(200);

    /** How long killed processes may take to end before they count as left behind. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** How long the output reader may take to drain after the process tree has ended. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /**
     * Exit status and duration of a finished command.
     *
     * @param exitCode exit status, or -1 when it was killed at the time limit
     * @param timedOut whether the time limit was reached
     * @param elapsed  wall-clock time
     */
    record Result(int exitCode, boolean timedOut, Duration elapsed) {
    }

    private TrackedProcess() {
    }

    /**
     * Runs the command to completion or to the time limit.
     *
     * @param command     program and arguments
     * @param environment variables to add to this process's environment
     * @param limit       wall-clock limit; the whole process tree is killed when it is reached
     * @param log         file the merged stdout and stderr are appended to
     * @param lines       receives every output line, on the reader thread
     */
    static Result run(List<String> command, Map<String, String> environment, Duration limit, Path log,
                      Consumer<String> lines) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();

        Thread reader = new Thread(() -> copyOutput(process, log, lines), "rqa-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();

        Set<ProcessHandle> tree = new LinkedHashSet<>();
        long deadline = started + limit.toNanos();
        boolean timedOut = false;
        while (true) {
            process.descendants().forEach(tree::add);
            if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                timedOut = true;
                break;
            }
        }

        if (timedOut) {
            process.descendants().forEach(tree::add);
            LOG.error("{} exceeded its time limit of {} s; killing it and {} child processes",
                    command.get(0), limit.toSeconds(), tree.size());
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            awaitExit(tree, KILL_WAIT);
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                LOG.warn("Killing process {} ({}) left behind by {}", child.pid(),
                        child.info().command().orElse("unknown command"), command.get(0));
                child.destroyForcibly();
            }
        }

        reader.join(DRAIN.toMillis());
        if (reader.isAlive()) {
            LOG.warn("Output of {} still open {} s after it ended; the log may be incomplete",
                    command.get(0), DRAIN.toSeconds());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Result(timedOut ? -1 : process.exitValue(), timedOut, elapsed);
    }

    private static void awaitExit(Set<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle handle : processes) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Reported below as a process left behind.
            }
        }
    }

    private static void copyOutput(Process process, Path log, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                lines.accept(line);
            }
        } catch (IOException e) {
            LOG.warn("Copying the output of process {} to {} failed: {}", process.pid(), log, e.toString());
        }
    }
}
