package dev.rqa.report.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Ends the kernel process when it can no longer serve its client, so the client sees a dead
 * kernel at once instead of waiting for replies that never come.
 *
 * <p>It exits the process when
 * <ul>
 *   <li>a channel thread (shell, control, heartbeat) has ended while no shutdown was requested:
 *       the kernel would stay alive but silent, and a notebook run would hang until its timeout;</li>
 *   <li>the process that started the kernel ({@code JPY_PARENT_PID}, set by jupyter_client) has
 *       ended, for example a notebook runner killed at its time limit: without this the kernel
 *       would outlive it;</li>
 *   <li>a shutdown was requested but the process is still alive after {@code shutdownGrace},
 *       typically because a cell is still running on the shell thread.</li>
 * </ul>
 */
final class KernelSupervisor implements Runnable {

    /** Exit status when a channel thread ended unexpectedly (EX_SOFTWARE in sysexits.h). */
    static final int EXIT_CHANNEL_THREAD_ENDED = 70;

    private static final Logger LOG = LoggerFactory.getLogger(KernelSupervisor.class);

    private final Supplier<List<Thread>> channelThreads;
    private final BooleanSupplier shutdownRequested;
    private final Optional<ProcessHandle> parent;
    private final IntConsumer exit;
    private final Duration period;
    private final Duration shutdownGrace;

    /**
     * @param channelThreads    current loop threads of the channels; read on every check because
     *                          a thread may have been replaced
     * @param shutdownRequested whether the client asked the kernel to shut down
     * @param parent            process whose end ends the kernel, if known
     * @param exit              exits the process with a status; {@code System::exit} outside tests
     * @param period            time between two checks
     * @param shutdownGrace     how long the process may stay alive after a shutdown request
     */
    KernelSupervisor(Supplier<List<Thread>> channelThreads, BooleanSupplier shutdownRequested,
                     Optional<ProcessHandle> parent, IntConsumer exit, Duration period, Duration shutdownGrace) {
        this.channelThreads = channelThreads;
        this.shutdownRequested = shutdownRequested;
        this.parent = parent;
        this.exit = exit;
        this.period = period;
        this.shutdownGrace = shutdownGrace;
    }

    /** Returns the process named by {@code JPY_PARENT_PID}, when set and still running. */
    static Optional<ProcessHandle> parentFromEnvironment() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring JPY_PARENT_PID '{}': not a process id", pid);
            return Optional.empty();
        }
    }

    /** Starts the supervisor on a daemon thread. */
    Thread start() {
        Thread thread = new Thread(this, "rqa-kernel-supervisor");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long shutdownSeenAt = -1;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(period.toMillis());

                if (parent.isPresent() && !parent.get().isAlive()) {
                    LOG.error("Process {} that started the kernel has ended; stopping the kernel", parent.get().pid());
                    exit.accept(0);
                    return;
                }

                if (shutdownRequested.getAsBoolean()) {
                    if (shutdownSeenAt < 0) {
                        shutdownSeenAt = System.nanoTime();
                    } else if (System.nanoTime() - shutdownSeenAt > shutdownGrace.toNanos()) {
                        LOG.warn("Kernel still running {} ms after the shutdown request (a cell may still be"
                                + " running); exiting", shutdownGrace.toMillis());
                        exit.accept(0);
                        return;
                    }
                    continue;
                }

                Optional<Thread> ended = firstEnded();
                if (ended.isPresent()) {
                    // A shutdown closes the channels and ends their threads; give that request time
                    // to become visible before calling the end unexpected.
                    Thread.sleep(period.toMillis());
                    if (!shutdownRequested.getAsBoolean()) {
                        LOG.error("Kernel thread {} has ended while the kernel is in use; exiting with status {}"
                                + " so the client reports a dead kernel", ended.get().getName(), EXIT_CHANNEL_THREAD_ENDED);
                        exit.accept(EXIT_CHANNEL_THREAD_ENDED);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Thread> firstEnded() {
        for (Thread thread : channelThreads.get()) {
            if (!thread.isAlive()) {
                return Optional.of(thread);
            }
        }
        return Optional.empty();
    }
}
