package dev.rqa.model;

import ai.djl.pytorch.jni.JniUtils;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread settings of the PyTorch engine, and worker threads that each run its operations on one core.
 *
 * <p>libtorch 2.7.1 parallelises one operation over an OpenMP team (DJL property
 * {@code ai.djl.pytorch.num_threads}, default one thread per core). Every operation then ends in a
 * barrier, and OpenMP hands each thread a fixed share: when another process takes a core, the
 * whole operation waits for the preempted share. An encoder runs thousands of operations per
 * batch, so on a shared machine the team spends more time waiting than computing. Independent
 * batches on single-threaded workers have no barriers at all, and on an idle machine they do as
 * well as the team (the matrix products are as efficient on one core).
 *
 * <p>libtorch keeps its thread count per native thread: {@code at::set_num_threads} sets the
 * calling thread's OpenMP and MKL settings and a process-wide default that threads copy the first
 * time they run an operation. A worker therefore sets 1 for itself, and once all workers have, the
 * caller's own count is written back as the default, so threads started later are unaffected.
 */
public final class EngineThreads {

    private static final Map<Integer, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private EngineThreads() {
    }

    /** Returns the number of threads libtorch uses for one operation started from this thread. */
    public static int intraOpThreads() {
        PyTorchEngine.get();
        return JniUtils.getNumThreads();
    }

    /**
     * Returns an executor of {@code count} worker threads whose libtorch operations run on the
     * worker alone. A pool is created once per count and lives as long as the process, as daemon
     * threads named {@code rqa-engine-COUNT-N}. Callers submit tasks and never shut it down, because
     * libtorch, OpenMP and MKL keep native state per thread, which a new thread per call would set
     * up again every time. A task must not wait for another task of the same pool, or it can wait
     * forever. Tasks go through {@code submit}, so a failing task never ends its worker thread.
     */
    public static ExecutorService workers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("worker count must be >= 1, got " + count);
        }
        ExecutorService pool = POOLS.get(count);
        if (pool != null) {
            return pool;
        }
        PyTorchEngine.get();
        synchronized (EngineThreads.class) {
            return POOLS.computeIfAbsent(count, EngineThreads::startWorkers);
        }
    }

    private static ExecutorService startWorkers(int count) {
        int callerThreads = JniUtils.getNumThreads();
        CountDownLatch pinned = new CountDownLatch(count);
        AtomicInteger serial = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(() -> {
                        // The first call initialises this thread from the process default. The second
                        // sets 1 for this thread and the default, which is restored below.
                        JniUtils.getNumThreads();
                        JniUtils.setNumThreads(1);
                        pinned.countDown();
                        task.run();
                    }, "rqa-engine-" + count + "-" + serial.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.prestartAllCoreThreads();
        boolean interrupted = false;
        while (true) {
            try {
                pinned.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        JniUtils.setNumThreads(callerThreads);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return pool;
    }
}
