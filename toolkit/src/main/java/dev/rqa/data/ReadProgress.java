package dev.rqa.data;

import dev.rqa.progress.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress bar for reading a large data file. It draws nothing for small files, because they are read
 * before a bar could show anything useful.
 */
final class ReadProgress implements AutoCloseable {

    private static final long MIB = 1L << 20;
    private static final long MIN_BYTES = 64 * MIB;
    private static final long MIN_ROWS = 100_000;

    private final Progress bar;

    private ReadProgress(Progress bar) {
        this.bar = bar;
    }

    /** Tracks bytes read from a file, shown in MiB. */
    static ReadProgress bytes(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0;
        }
        if (size < MIN_BYTES) {
            return new ReadProgress(null);
        }
        return new ReadProgress(Progress.startBytes("reading " + file.getFileName(), size, 0));
    }

    /** Tracks rows read out of a known number of rows. */
    static ReadProgress rows(Path file, long maxRows) {
        if (maxRows < MIN_ROWS) {
            return new ReadProgress(null);
        }
        return new ReadProgress(Progress.start("reading " + file.getFileName(), maxRows, "rows"));
    }

    void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
