package dev.rqa.report.jupyter;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionLogTest {

    private static final String P = ExecutionLog.PROGRESS_PREFIX;

    @Test
    void exitZeroPasses() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t1", P + "cell-done\t1\tok");

        assertEquals(Outcome.PASSED, log.outcome(0, false));
        assertEquals(1, log.cellsDone());
    }

    @Test
    void cellErrorKeepsCellAndSummary() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t2", P + "cell-done\t2\terror",
                P + "cell-error\t2\tEvalException\tjava.lang.IllegalStateException: boom 中文",
                "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:");

        assertEquals(Outcome.CELL_ERROR, log.outcome(1, false));
        assertEquals(OptionalInt.of(2), log.failedCell());
        assertEquals("java.lang.IllegalStateException: boom 中文", log.errorSummary());
    }

    @Test
    void silentKernelAtStartIsNotResponding() {
        ExecutionLog log = feed("[NbConvertApp] ERROR | Error occurred while starting new kernel client for kernel x:"
                + " Kernel didn't respond in 60 seconds", "RuntimeError: Kernel didn't respond in 60 seconds");

        assertEquals(Outcome.KERNEL_NOT_RESPONDING, log.outcome(1, false));
        assertFalse(log.kernelReady());
    }

    @Test
    void kernelDeathAtStartIsNotRetryable() {
        ExecutionLog log = feed("RuntimeError: Kernel died before replying to kernel_info");

        assertEquals(Outcome.KERNEL_DIED, log.outcome(1, false));
    }

    @Test
    void kernelDeathNamesRunningCell() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t1", P + "cell-done\t1\tok", P + "cell-start\t3",
                "[NbConvertApp] ERROR | Kernel died while waiting for execute reply.",
                "nbclient.exceptions.DeadKernelError: Kernel died");

        assertEquals(Outcome.KERNEL_DIED, log.outcome(1, false));
        assertEquals(OptionalInt.of(3), log.failedCell());
    }

    @Test
    void cellTimeoutNamesRunningCell() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t4",
                "nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, after 5 seconds.",
                "The message was: Cell execution timed out.");

        assertEquals(Outcome.CELL_TIMEOUT, log.outcome(1, false));
        assertEquals(OptionalInt.of(4), log.failedCell());
    }

    @Test
    void silentOutputAfterReplyIsOutputTimeout() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t2",
                "The message was: Timeout waiting for IOPub output.");

        assertEquals(Outcome.OUTPUT_TIMEOUT, log.outcome(1, false));
    }

    @Test
    void runnerTimeLimitWins() {
        ExecutionLog log = feed(P + "kernel-ready", P + "cell-start\t2");

        assertEquals(Outcome.NOTEBOOK_TIMEOUT, log.outcome(-1, true));
        assertEquals(OptionalInt.of(2), log.failedCell());
    }

    @Test
    void unknownKernelIsReported() {
        ExecutionLog log = feed("jupyter_client.kernelspec.NoSuchKernel: No such kernel named rqa-jav");

        assertEquals(Outcome.NO_SUCH_KERNEL, log.outcome(1, false));
    }

    @Test
    void unknownFailureKeepsTail() {
        ExecutionLog log = feed("line one", "ValueError: something else");

        assertEquals(Outcome.FAILED, log.outcome(1, false));
        assertTrue(log.tail().contains("ValueError: something else"));
    }

    @Test
    void ordinaryLineIsNoProgress() {
        assertNull(new ExecutionLog().accept("[NbConvertApp] Converting notebook a.ipynb to notebook"));
    }

    private static ExecutionLog feed(String... lines) {
        ExecutionLog log = new ExecutionLog();
        for (String line : lines) {
            log.accept(line);
        }
        return log;
    }
}
