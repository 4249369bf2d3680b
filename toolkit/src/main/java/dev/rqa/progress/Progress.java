package dev.rqa.progress;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress with rate and ETA for a long loop.
 *
 * <p>On a terminal it draws a progress bar on standard error. Without one (CI logs, notebook
 * kernels, redirected output) it logs one line every {@link #LOG_INTERVAL_MILLIS} ms instead,
 * because carriage-return redraws turn into thousands of lines there. Set the system property
 * {@code rqa.progress=off} to silence it.
 */
public final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final int LOG_INTERVAL_MILLIS = 10_000;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts tracking a loop.
     *
     * @param task  short name shown before the bar, for example "encode passages"
     * @param total number of units the loop will process
     * @param unit  name of one unit, for example "texts"
     */
    public static Progress start(String task, long total, String unit) {
        if ("off".equals(System.getProperty("rqa.progress"))) {
            return new Progress(null);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII);
        if (System.console() == null) {
            builder.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> LOG.info(line.strip())));
        } else {
            builder.setUpdateIntervalMillis(500);
        }
        return new Progress(builder.build());
    }

    public void step(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    /** Shows a short status after the bar, such as the number of truncated texts. */
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
