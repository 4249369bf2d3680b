package dev.rqa.report.jupyter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notebooks that fail: the runner must exit non-zero within a bounded time, name the notebook and
 * the cell, write no executed notebook, and leave no kernel process behind.
 */
class NotebookFailureIT {

    private static final Path OUT = NotebookScripts.REPO.resolve("toolkit/target/it-notebooks/failures");

    @BeforeAll
    static void requireEnvironment() {
        NotebookScripts.requireNotebookEnvironment();
    }

    @Test
    @Timeout(180)
    void cellErrorNamesNotebookAndCell() throws Exception {
        NotebookScripts.Result result = runTestNotebook("cell-error.ipynb", Map.of());

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("cell-error.ipynb"), result.output());
        assertTrue(result.output().contains("CELL_ERROR"), result.output());
        assertTrue(result.output().contains("cell 3 of 4 (id \"throws\""), result.output());
        assertTrue(result.output().contains("java.lang.IllegalStateException: deliberate failure, answer was 41"),
                result.output());
        assertFalse(Files.exists(OUT.resolve("cell-error.ipynb")), "a failed notebook must not look executed");
        assertFalse(Files.exists(OUT.resolve("cell-error.html")), "a failed notebook must not be exported");
        String log = Files.readString(OUT.resolve("cell-error.log"), StandardCharsets.UTF_8);
        assertFalse(log.contains("this cell must not run"), "execution continued after the failing cell");
    }

    @Test
    @Timeout(180)
    void exitingKernelFailsFast() throws Exception {
        KernelWatch watch = new KernelWatch();

        NotebookScripts.Result result = watch.run("kernel-exit.ipynb");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("KERNEL_DIED"), result.output());
        assertTrue(result.output().contains("kernel-exit.ipynb: the kernel died while running cell 2 of 3 (id \"halts\""),
                result.output());
        assertTrue(result.elapsed().toSeconds() < 90, "took " + result.elapsed().toSeconds() + " s");
        watch.assertNoKernelLeft();
    }

    @Test
    @Timeout(180)
    void sleepingCellHitsCellTimeout() throws Exception {
        KernelWatch watch = new KernelWatch();

        NotebookScripts.Result result = watch.run("cell-sleep.ipynb", "--cell-timeout", "5");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("CELL_TIMEOUT"), result.output());
        assertTrue(result.output().contains("cell 2 of 2 (id \"sleeps\""), result.output());
        assertTrue(result.output().contains("timed out after 5 s"), result.output());
        assertTrue(result.elapsed().toSeconds() < 90, "took " + result.elapsed().toSeconds() + " s");
        watch.assertNoKernelLeft();
    }

    /** Without a cell timeout, the per-notebook limit stops a hung kernel and kills it. */
    @Test
    @Timeout(180)
    void hungKernelHitsNotebookTimeout() throws Exception {
        KernelWatch watch = new KernelWatch();

        NotebookScripts.Result result = watch.run("cell-sleep.ipynb", "--cell-timeout", "0", "--notebook-timeout", "20");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("NOTEBOOK_TIMEOUT"), result.output());
        assertTrue(result.output().contains("notebook time limit of 20 s while running cell 2 of 2 (id \"sleeps\""),
                result.output());
        assertTrue(result.elapsed().toSeconds() < 90, "took " + result.elapsed().toSeconds() + " s");
        watch.assertNoKernelLeft();
    }

    @Test
    @Timeout(60)
    void missingNotebookIsInvalidInput() throws Exception {
        NotebookScripts.Result result = NotebookScripts.runNotebooks(Map.of(), "--out", OUT.toString(),
                NotebookScripts.TEST_NOTEBOOKS.resolve("no-such-notebook.ipynb").toString());

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no-such-notebook.ipynb does not exist"), result.output());
    }

    private static NotebookScripts.Result runTestNotebook(String name, Map<String, String> environment,
                                                          String... options) throws IOException, InterruptedException {
        String[] arguments = Stream.concat(Stream.of("--out", OUT.toString()),
                Stream.concat(Stream.of(options), Stream.of(NotebookScripts.TEST_NOTEBOOKS.resolve(name).toString())))
                .toArray(String[]::new);
        return NotebookScripts.runNotebooks(environment, arguments);
    }

    /**
     * Records the kernel processes started for one runner call, found by a marker variable in
     * their environment (/proc/PID/environ, Linux), so that processes of other users of this
     * machine are never counted.
     */
    private static final class KernelWatch {

        private final String marker = "RQA_IT_KERNEL_WATCH=" + UUID.randomUUID();
        private final Set<ProcessHandle> kernels = ConcurrentHashMap.newKeySet();

        NotebookScripts.Result run(String notebook, String... options) throws Exception {
            Thread poller = new Thread(this::poll, "kernel-watch");
            poller.setDaemon(true);
            poller.start();
            try {
                String[] pair = marker.split("=", 2);
                return runTestNotebook(notebook, Map.of(pair[0], pair[1]), options);
            } finally {
                poller.interrupt();
                poller.join();
            }
        }

        void assertNoKernelLeft() throws InterruptedException {
            assertFalse(kernels.isEmpty(), "no kernel process was seen; the check would prove nothing");
            // The runner waits up to 5 s for killed processes; allow the same here.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (kernels.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (ProcessHandle kernel : kernels) {
                assertFalse(kernel.isAlive(), "kernel process " + kernel.pid() + " outlived the runner");
            }
        }

        private void poll() {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessHandle.allProcesses()
                        .filter(process -> process.info().commandLine().orElse("").contains(KernelLauncher.class.getName()))
                        .filter(this::hasMarker)
                        .forEach(kernels::add);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private boolean hasMarker(ProcessHandle process) {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
                return new String(environ, StandardCharsets.UTF_8).contains(marker);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
