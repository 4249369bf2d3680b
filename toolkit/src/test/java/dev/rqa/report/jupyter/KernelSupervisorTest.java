package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class KernelSupervisorTest {

    private static final Duration PERIOD = Duration.ofMillis(20);

    @Test
    void endedChannelThreadExits() throws Exception {
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        CompletableFuture<Integer> status = new CompletableFuture<>();

        supervisor(List.of(ended), () -> false, Optional.empty(), status).start();

        assertEquals(KernelSupervisor.EXIT_CHANNEL_THREAD_ENDED, status.get(5, TimeUnit.SECONDS));
    }

    @Test
    void endedParentExits() throws Exception {
        Process parent = new ProcessBuilder("sleep", "0.2").start();
        CompletableFuture<Integer> status = new CompletableFuture<>();

        supervisor(List.of(), () -> false, Optional.of(parent.toHandle()), status).start();

        assertEquals(0, status.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shutdownOutlastingGraceExits() throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();

        supervisor(List.of(), () -> true, Optional.empty(), status).start();

        assertEquals(0, status.get(5, TimeUnit.SECONDS));
    }

    @Test
    void threadsEndedByShutdownAreNotFatal() throws Exception {
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        AtomicBoolean shutdown = new AtomicBoolean(true);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        KernelSupervisor supervisor = new KernelSupervisor(() -> List.of(ended), shutdown::get, Optional.empty(),
                status::complete, PERIOD, Duration.ofSeconds(10));

        Thread thread = supervisor.start();
        Thread.sleep(300);
        thread.interrupt();

        assertFalse(status.isDone());
    }

    @Test
    void healthyKernelKeepsRunning() throws Exception {
        Thread alive = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        alive.start();
        CompletableFuture<Integer> status = new CompletableFuture<>();

        Thread thread = supervisor(List.of(alive), () -> false, Optional.of(ProcessHandle.current()), status).start();

        assertThrows(java.util.concurrent.TimeoutException.class, () -> status.get(300, TimeUnit.MILLISECONDS));
        thread.interrupt();
        alive.interrupt();
    }

    private static KernelSupervisor supervisor(List<Thread> threads, java.util.function.BooleanSupplier shutdown,
                                               Optional<ProcessHandle> parent, CompletableFuture<Integer> status) {
        return new KernelSupervisor(() -> threads, shutdown, parent, status::complete, PERIOD, Duration.ofMillis(100));
    }
}
