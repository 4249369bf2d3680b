package dev.rqa.progress;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.time.Duration;

/**
 * Progress with rate and ETA for a long loop; every progress display of the toolkit goes through it.
 *
 * <p>On a terminal it draws a progress bar on standard error. Without one (CI logs, notebook
 * kernels, redirected output) it logs one line every {@link #LOG_INTERVAL_MILLIS} ms instead,
 * because carriage-return redraws turn into thousands of lines there. Set the system property
 * {@code rqa.progress=off} to silence it.
 */
public final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final int LOG_INTERVAL_MILLIS = 10_000;
    private static final long MIB = 1L << 20;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts tracking a loop.
     *
     * @param task  short name shown before the bar, for example "encode passages"
     * @param total number of units the loop will process, or -1 when unknown
     * @param unit  name of one unit, for example "texts"
     */
    public static Progress start(String task, long total, String unit) {
        if (silenced()) {
            return new Progress(null);
        }
        return new Progress(builder(task, total).setUnit(" " + unit, 1).build());
    }

    /**
     * Starts tracking a byte transfer, shown in MiB.
     *
     * @param alreadyDone bytes counted as done without entering the rate and ETA (a resumed download)
     */
    public static Progress startBytes(String task, long totalBytes, long alreadyDone) {
        if (silenced()) {
            return new Progress(null);
        }
        return new Progress(builder(task, totalBytes).setUnit(" MiB", MIB)
                .startsFrom(alreadyDone, Duration.ZERO).build());
    }

    /** Wraps a stream so that reading it advances a byte progress display. */
    public static InputStream wrap(InputStream input, String task, long totalBytes) {
        if (silenced()) {
            return input;
        }
        return ProgressBar.wrap(input, builder(task, totalBytes).setUnit(" MiB", MIB));
    }

    private static boolean silenced() {
        return "off".equals(System.getProperty("rqa.progress"));
    }

    private static ProgressBarBuilder builder(String task, long total) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII);
        if (System.console() == null) {
            builder.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> LOG.info(line.strip())));
        } else {
            builder.setUpdateIntervalMillis(500);
        }
        return builder;
    }

    public void step(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    /** Sets the number of units done so far. */
    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
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
