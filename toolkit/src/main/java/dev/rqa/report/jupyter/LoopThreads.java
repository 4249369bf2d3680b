package dev.rqa.report.jupyter;

import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.time.Duration;

/**
 * Repairs the start-up race of rapaio-jupyter-kernel 3.0.1's channel threads.
 *
 * <p>{@code LoopThread.start()} calls {@code Thread.start()} first and sets its volatile
 * {@code running} flag afterwards. A new thread that reads the flag before the starting thread has
 * set it skips its loop and ends at once, without an exception or a log line. In isolation 31 of
 * 200 threads ended that way on a 2-core machine (Java 17). The kernel starts three such threads
 * (shell, control, heartbeat); when the shell thread is lost the kernel never replies and Jupyter
 * reports "Kernel didn't respond".
 */
final class LoopThreads {

    private static final Logger LOG = LoggerFactory.getLogger(LoopThreads.class);

    private static final Field RUNNING = accessibleField("running");
    private static final Field SLEEP = accessibleField("sleep");
    private static final Field LOOP_BODY = accessibleField("loopBody");

    private LoopThreads() {
    }

    /**
     * Returns a thread that is running the loop of {@code thread}: the thread itself when it entered
     * its loop, otherwise a replacement with the same name, period and body, already started.
     *
     * @param thread a started loop thread
     * @param settle how long a thread may stay runnable before it counts as inside its loop body
     * @throws IllegalStateException when the replacement also ends
     */
    static LoopThread ensureLooping(LoopThread thread, Duration settle) throws InterruptedException {
        if (awaitLoopOrEnd(thread, settle) != Thread.State.TERMINATED) {
            return thread;
        }

        LoopThread replacement = new LoopThread(thread.getName(), sleepMillis(thread), loopBody(thread));
        // Set the flag before start(), so the new thread cannot read false.
        setRunning(replacement, true);
        replacement.start();
        LOG.warn("Kernel thread {} ended before entering its loop (rapaio-jupyter-kernel LoopThread start-up race);"
                + " started a replacement", thread.getName());

        if (awaitLoopOrEnd(replacement, settle) == Thread.State.TERMINATED) {
            throw new IllegalStateException("kernel thread " + thread.getName()
                    + " ended again right after it was restarted; the kernel cannot serve requests");
        }
        return replacement;
    }

    /**
     * Waits until the thread has ended or sleeps between two rounds of its loop.
     *
     * <p>A thread that skips its loop never sleeps, so TIMED_WAITING proves that it passed the
     * {@code running} check. A thread still runnable (or blocked) after {@code settle} is inside
     * its loop body, for example handling the first request, because a thread that skips its loop
     * ends within microseconds.
     */
    static Thread.State awaitLoopOrEnd(Thread thread, Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED || state == Thread.State.TIMED_WAITING) {
                return state;
            }
            if (System.nanoTime() - deadline > 0) {
                return state;
            }
            Thread.sleep(1);
        }
    }

    static void setRunning(LoopThread thread, boolean running) {
        try {
            RUNNING.setBoolean(thread, running);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set LoopThread.running", e);
        }
    }

    private static long sleepMillis(LoopThread thread) {
        try {
            return SLEEP.getLong(thread);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read LoopThread.sleep", e);
        }
    }

    private static Runnable loopBody(LoopThread thread) {
        try {
            return (Runnable) LOOP_BODY.get(thread);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read LoopThread.loopBody", e);
        }
    }

    private static Field accessibleField(String name) {
        try {
            Field field = LoopThread.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("org.rapaio.jupyter.kernel.channels.LoopThread has no field '" + name
                    + "'; this launcher supports rapaio-jupyter-kernel " + KernelLauncher.SUPPORTED_KERNEL_VERSION, e);
        }
    }
}
