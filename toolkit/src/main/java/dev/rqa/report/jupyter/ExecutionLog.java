package dev.rqa.report.jupyter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reduces the output of one {@code jupyter nbconvert --execute} process to what the runner
 * reports: the progress lines printed by the runner's nbclient hooks, and the error messages of
 * nbclient 0.7 and jupyter_client 7 that tell why it failed.
 *
 * <p>Thread-safe: a reader thread feeds lines while the runner's thread may classify.
 */
final class ExecutionLog {

    static final String PROGRESS_PREFIX = "[rqa-progress]\t";

    /** Lines kept for a failure that matches no known message. */
    private static final int TAIL_LINES = 30;

    private boolean kernelReady;
    private int runningCell = -1;
    private int lastStartedCell = -1;
    private int errorCell = -1;
    private String errorSummary = "";
    private int cellsDone;

    private boolean kernelDidNotRespond;
    private boolean kernelDied;
    private boolean cellTimedOut;
    private boolean outputTimedOut;
    private boolean noSuchKernel;
    private final Deque<String> tail = new ArrayDeque<>();

    /** A progress event read from a hook line. */
    record Progress(String event, int cellIndex) {
    }

    /**
     * Consumes one output line.
     *
     * @return the progress event of a hook line, or null for any other line
     */
    synchronized Progress accept(String line) {
        if (line.startsWith(PROGRESS_PREFIX)) {
            return acceptProgress(line.substring(PROGRESS_PREFIX.length()).split("\t", -1));
        }

        // Wording of jupyter_client 7.4 (client.py) and nbclient 0.7 (client.py, exceptions.py).
        if (line.contains("Kernel didn't respond in")) {
            kernelDidNotRespond = true;
        }
        if (line.contains("Kernel died before replying to kernel_info") || line.contains("DeadKernelError")
                || line.contains("Kernel died while waiting for execute reply")) {
            kernelDied = true;
        }
        if (line.contains("Cell execution timed out")) {
            cellTimedOut = true;
        }
        if (line.contains("Timeout waiting for IOPub output")) {
            outputTimedOut = true;
        }
        if (line.contains("NoSuchKernel") || line.contains("No such kernel named")) {
            noSuchKernel = true;
        }

        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        return null;
    }

    private Progress acceptProgress(String[] fields) {
        String event = fields[0];
        int cell = fields.length > 1 ? parseIndex(fields[1]) : -1;
        switch (event) {
            case "kernel-ready":
                kernelReady = true;
                break;
            case "cell-start":
                runningCell = cell;
                lastStartedCell = cell;
                break;
            case "cell-done":
                runningCell = -1;
                cellsDone++;
                break;
            case "cell-error":
                errorCell = cell;
                errorSummary = fields.length > 3 ? fields[3] : (fields.length > 2 ? fields[2] : "");
                break;
            default:
                break;
        }
        return new Progress(event, cell);
    }

    private static int parseIndex(String field) {
        try {
            return Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Classifies a finished execution.
     *
     * @param exitCode  exit status of nbconvert
     * @param timedOut  whether the runner stopped it at the per-notebook time limit
     */
    synchronized Outcome outcome(int exitCode, boolean timedOut) {
        if (timedOut) {
            return Outcome.NOTEBOOK_TIMEOUT;
        }
        if (exitCode == 0) {
            return Outcome.PASSED;
        }
        if (noSuchKernel) {
            return Outcome.NO_SUCH_KERNEL;
        }
        if (!kernelReady && kernelDidNotRespond) {
            return Outcome.KERNEL_NOT_RESPONDING;
        }
        if (errorCell >= 0) {
            return Outcome.CELL_ERROR;
        }
        if (outputTimedOut) {
            return Outcome.OUTPUT_TIMEOUT;
        }
        if (cellTimedOut) {
            return Outcome.CELL_TIMEOUT;
        }
        if (kernelDied) {
            return Outcome.KERNEL_DIED;
        }
        return Outcome.FAILED;
    }

    synchronized boolean kernelReady() {
        return kernelReady;
    }

    /** Returns the cell that failed, or the cell that was running when execution stopped. */
    synchronized OptionalInt failedCell() {
        if (errorCell >= 0) {
            return OptionalInt.of(errorCell);
        }
        if (runningCell >= 0) {
            return OptionalInt.of(runningCell);
        }
        return OptionalInt.empty();
    }

    synchronized int lastStartedCell() {
        return lastStartedCell;
    }

    synchronized int cellsDone() {
        return cellsDone;
    }

    /** Returns the error of the failing cell: the exception and its message, as the kernel reported it. */
    synchronized String errorSummary() {
        return errorSummary;
    }

    synchronized List<String> tail() {
        return List.copyOf(tail);
    }
}
