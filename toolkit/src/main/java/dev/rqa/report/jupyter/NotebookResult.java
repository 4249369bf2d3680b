package dev.rqa.report.jupyter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The result of executing one notebook.
 *
 * @param notebook         the source notebook
 * @param outcome          how the execution ended
 * @param message          what failed and where (notebook, cell, error), empty when passed
 * @param elapsed          wall-clock time of all attempts, HTML export included
 * @param attempts         executions started; more than 1 only after a kernel that did not respond at start-up
 * @param executedNotebook the executed notebook, written only when every cell passed
 * @param html             the HTML export, written only when every cell passed and export was requested
 * @param log              nbconvert's and the kernel's full output
 */
public record NotebookResult(Path notebook, Outcome outcome, String message, Duration elapsed, int attempts,
                             Optional<Path> executedNotebook, Optional<Path> html, Path log) {

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
