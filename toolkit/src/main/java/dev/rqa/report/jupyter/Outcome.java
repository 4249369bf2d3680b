package dev.rqa.report.jupyter;

/** Final state of one notebook execution. */
public enum Outcome {
    /** Every cell ran without error; the executed notebook (and HTML, when requested) was written. */
    PASSED,
    /** A cell raised an error. */
    CELL_ERROR,
    /** A cell ran longer than the per-cell timeout. */
    CELL_TIMEOUT,
    /** The kernel replied to a cell but then sent no further output or idle status in time. */
    OUTPUT_TIMEOUT,
    /** The kernel process ended, at start-up or while a cell was running. */
    KERNEL_DIED,
    /** The kernel process is alive but did not reply to kernel_info_request within the start-up timeout. */
    KERNEL_NOT_RESPONDING,
    /** Jupyter has no kernel spec with the requested name. */
    NO_SUCH_KERNEL,
    /** The whole notebook ran longer than the per-notebook time limit and was stopped. */
    NOTEBOOK_TIMEOUT,
    /** Execution passed but the HTML export failed. */
    HTML_EXPORT_FAILED,
    /** nbconvert failed for another reason; the log contains its output. */
    FAILED
}
