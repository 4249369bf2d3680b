package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rapaio.jupyter.kernel.channels.LoopThread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LoopThreadsTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Test
    void endedThreadIsReplaced() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        LoopThread ended = new LoopThread("test-ended", 5, rounds::incrementAndGet);
        ended.start();
        ended.shutdown();
        ended.join();
        int roundsBefore = rounds.get();

        LoopThread looping = LoopThreads.ensureLooping(ended, SETTLE);
        waitForRounds(rounds, roundsBefore + 3);

        assertNotSame(ended, looping);
        assertEquals("test-ended", looping.getName());
        assertTrue(looping.isAlive());
        stop(looping);
    }

    @Test
    void loopingThreadIsKept() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        LoopThread thread = new LoopThread("test-looping", 5, rounds::incrementAndGet);
        LoopThreads.setRunning(thread, true);
        thread.start();

        LoopThread looping = LoopThreads.ensureLooping(thread, SETTLE);

        assertSame(thread, looping);
        stop(looping);
    }

    /**
     * Starts many threads through the racy {@code LoopThread.start()}; some of them skip their loop
     * (about 1 in 6 on a 2-core machine), and after the repair every one must be looping.
     */
    @Test
    void racyStartsAllEndLooping() throws Exception {
        int count = 100;
        List<AtomicInteger> rounds = new ArrayList<>();
        List<LoopThread> looping = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicInteger counter = new AtomicInteger();
            LoopThread thread = new LoopThread("test-racy-" + i, 5, counter::incrementAndGet);
            thread.start();
            rounds.add(counter);
            looping.add(LoopThreads.ensureLooping(thread, SETTLE));
        }

        for (int i = 0; i < count; i++) {
            waitForRounds(rounds.get(i), 2);
            assertTrue(looping.get(i).isAlive(), "thread " + i + " is not looping");
        }
        for (LoopThread thread : looping) {
            stop(thread);
        }
    }

    @Test
    void sleepingThreadCountsAsLooping() throws Exception {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();

        Thread.State state = LoopThreads.awaitLoopOrEnd(sleeper, SETTLE);

        assertEquals(Thread.State.TIMED_WAITING, state);
        sleeper.interrupt();
        sleeper.join();
    }

    private static void waitForRounds(AtomicInteger rounds, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(rounds.get() >= atLeast, "loop body ran " + rounds.get() + " times, expected " + atLeast);
    }

    private static void stop(LoopThread thread) throws InterruptedException {
        thread.shutdown();
        thread.join();
    }
}
