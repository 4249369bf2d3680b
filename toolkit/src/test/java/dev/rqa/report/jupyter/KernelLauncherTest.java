package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rapaio.jupyter.kernel.channels.LoopThread;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real rapaio kernel in this JVM, without a Jupyter client, and checks the state the
 * launcher leaves its channels in.
 */
@Timeout(120)
class KernelLauncherTest {

    /**
     * With the kernel's own start-up, about 1 channel thread in 6 ends before its loop. After the
     * launcher's start, every thread of 15 starts (45 threads) must be looping.
     */
    @Test
    void everyStartLeavesThreeLoopingChannels(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 15; i++) {
            Path connection = writeConnectionFile(dir.resolve("kernel-" + i + ".json"));
            CompletableFuture<Integer> exit = new CompletableFuture<>();

            KernelLauncher.StartedKernel kernel = KernelLauncher.start(connection, exit::complete);
            List<LoopThread> threads = kernel.loopThreads();

            assertEquals(3, threads.size(), "start " + i);
            for (LoopThread thread : threads) {
                assertTrue(thread.isAlive(), "start " + i + ": thread " + thread.getName() + " is not looping");
            }
            kernel.supervisor().interrupt();
            kernel.supervisor().join();
            assertFalse(exit.isDone(), "start " + i + ": supervisor asked to exit");
            kernel.channels().close();
        }
    }

    @Test
    void missingConnectionFileIsRejected(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelLauncher.start(missing, status -> { }));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void handlerTableCoversEveryRequest() {
        // Same 12 request types as Channels.connect() of rapaio-jupyter-kernel 3.0.1.
        assertEquals(12, KernelLauncher.handlerTable(org.rapaio.jupyter.kernel.MainApp.kernel).size());
    }

    private static Path writeConnectionFile(Path file) throws IOException {
        String json = String.format("{\"shell_port\": %d, \"iopub_port\": %d, \"stdin_port\": %d,"
                        + " \"control_port\": %d, \"hb_port\": %d, \"ip\": \"127.0.0.1\", \"key\": \"test-key\","
                        + " \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"rqa-java\"}",
                freePort(), freePort(), freePort(), freePort(), freePort());
        Files.writeString(file, json);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
