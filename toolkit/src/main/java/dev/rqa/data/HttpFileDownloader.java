package dev.rqa.data;

import dev.rqa.InvalidInputException;
import dev.rqa.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file into {@code <name>.part}, resuming with an HTTP Range request when a partial file
 * exists, verifies its SHA-256, fsyncs it and renames it atomically to its final name.
 *
 * <p>The caller holds the cache lock for the target, so no other fetcher writes the same {@code .part}.
 */
final class HttpFileDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFileDownloader.class);

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER_BYTES = 1 << 16;

    private final FetchSettings settings;
    private final HttpClient client;

    HttpFileDownloader(FetchSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.connectTimeout())
                // Honours -Dhttps.proxyHost and friends, which users behind a proxy already set for Maven.
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** Downloads the file to {@code target}, which must not exist yet, and returns the verified copy. */
    FetchedFile download(RemoteFile file, Path target) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long offset = usablePartSize(file, part);

        if (offset > 0 && file.expectedSize().isPresent() && offset == file.expectedSize().getAsLong()) {
            // A previous run received every byte but stopped before the rename.
            Optional<FetchedFile> finished = finishIfValid(file, part, target);
            if (finished.isPresent()) {
                return finished.get();
            }
            offset = 0;
        }

        boolean restarted = false;
        while (true) {
            Transfer outcome = transfer(file, part, offset);
            if (outcome == Transfer.COMPLETE) {
                break;
            }
            if (restarted) {
                throw new InvalidInputException("download of " + file.url() + " failed: the server responded to the"
                        + " restarted request with an unusable byte range as well. " + FileFetcher.howToProvide(file));
            }
            restarted = true;
            FileFetcher.deleteQuietly(part);
            offset = 0;
        }

        return verifyAndRename(file, part, target);
    }

    private enum Transfer { COMPLETE, RESTART }

    private long usablePartSize(RemoteFile file, Path part) {
        if (!Files.isRegularFile(part)) {
            return 0;
        }
        long size = sizeOrZero(part);
        if (file.pinnedSha256().isEmpty()) {
            // Without a digest a resumed file cannot be checked, and the upstream file may have changed since.
            LOG.info("{}: discarding partial download {} because the file has no pinned SHA-256 to verify a"
                    + " resumed download against", file.relativePath(), part);
            FileFetcher.deleteQuietly(part);
            return 0;
        }
        OptionalLong expected = file.expectedSize();
        if (expected.isPresent() && size > expected.getAsLong()) {
            LOG.warn("{}: partial download {} has {} bytes, more than the expected {}; starting over",
                    file.relativePath(), part, size, expected.getAsLong());
            FileFetcher.deleteQuietly(part);
            return 0;
        }
        if (size > 0) {
            LOG.info("{}: resuming download at byte {} from {}", file.relativePath(), size, part);
        }
        return size;
    }

    private Transfer transfer(RemoteFile file, Path part, long offset) {
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url())
                .timeout(settings.readTimeout())
                .header("User-Agent", "rqa (dense retrieval toolkit)")
                .GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }

        LOG.info("{}: downloading {}", file.relativePath(), file.url());
        HttpResponse<InputStream> response = send(file, request.build());
        int status = response.statusCode();
        boolean append;
        if (status == 206) {
            Optional<Long> start = rangeStart(response);
            if (offset == 0 || start.isEmpty() || start.get() != offset) {
                LOG.warn("{}: server sent byte range '{}' for a request from byte {}; restarting from byte 0",
                        file.relativePath(), response.headers().firstValue("Content-Range").orElse("none"), offset);
                closeQuietly(response.body());
                return Transfer.RESTART;
            }
            append = true;
        } else if (status == 200) {
            if (offset > 0) {
                LOG.info("{}: server ignored the Range request and sent the whole file; restarting from byte 0",
                        file.relativePath());
            }
            append = false;
        } else if (status == 416 && offset > 0) {
            LOG.warn("{}: server rejected the resume request at byte {} (HTTP 416); restarting from byte 0",
                    file.relativePath(), offset);
            closeQuietly(response.body());
            return Transfer.RESTART;
        } else {
            closeQuietly(response.body());
            throw new InvalidInputException("download of " + file.url() + " failed with HTTP status " + status
                    + ". Check the URL, or provide the file locally. " + FileFetcher.howToProvide(file));
        }

        long start = append ? offset : 0;
        OptionalLong total = totalSize(file, response, start);
        copyBody(file, response.body(), part, append, start, total);
        return Transfer.COMPLETE;
    }

    private HttpResponse<InputStream> send(RemoteFile file, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new InvalidInputException("cannot connect to " + file.url().getHost() + " to download "
                    + file.url() + " (" + describe(e) + "). If this machine has no network access, provide the"
                    + " file locally. " + FileFetcher.howToProvide(file), e);
        } catch (HttpTimeoutException e) {
            throw new InvalidInputException("download of " + file.url() + " timed out: no response within "
                    + settings.readTimeout().toSeconds() + " s. " + FileFetcher.howToProvide(file), e);
        } catch (IOException e) {
            throw new InvalidInputException("download of " + file.url() + " failed (" + describe(e) + "). "
                    + FileFetcher.howToProvide(file), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("download of " + file.url() + " was interrupted before it started", e);
        }
    }

    private void copyBody(RemoteFile file, InputStream body, Path part, boolean append, long start,
                          OptionalLong total) {
        AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean(false);
        ScheduledExecutorService watchdog = startWatchdog(body, lastProgressNanos, stalled);
        long received = start;
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;

        try (InputStream in = body;
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
             Progress bar = progressBar(file, start, total)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                received += read;
                lastProgressNanos.set(System.nanoTime());
                if (bar != null) {
                    bar.stepTo(received);
                }
            }
            // Data must be on disk before the rename makes the file look complete.
            out.force(true);
        } catch (IOException e) {
            if (stalled.get()) {
                throw stalledError(file, part, received, total);
            }
            throw new InvalidInputException("download of " + file.url() + " stopped after " + received + " of "
                    + describeTotal(total) + " bytes (" + describe(e) + "). The partial download is kept at " + part
                    + "; run the command again to resume it.", e);
        } finally {
            watchdog.shutdownNow();
        }

        if (stalled.get()) {
            throw stalledError(file, part, received, total);
        }
        if (total.isPresent() && received < total.getAsLong()) {
            throw new InvalidInputException("download of " + file.url() + " ended after " + received + " of "
                    + total.getAsLong() + " bytes. The partial download is kept at " + part
                    + "; run the command again to resume it.");
        }
        LOG.info("{}: received {} bytes", file.relativePath(), received);
    }

    private ScheduledExecutorService startWatchdog(InputStream body, AtomicLong lastProgressNanos,
                                                   AtomicBoolean stalled) {
        // java.net.http has no read timeout for response bodies; closing the stream ends a blocked read.
        long limitNanos = settings.readTimeout().toNanos();
        long periodMillis = Math.max(50, Math.min(1000, settings.readTimeout().toMillis() / 4));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rqa-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgressNanos.get() > limitNanos && stalled.compareAndSet(false, true)) {
                closeQuietly(body);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private InvalidInputException stalledError(RemoteFile file, Path part, long received, OptionalLong total) {
        return new InvalidInputException("download of " + file.url() + " timed out: no data for "
                + settings.readTimeout().toSeconds() + " s after " + received + " of " + describeTotal(total)
                + " bytes. The partial download is kept at " + part + "; run the command again to resume it.");
    }

    private FetchedFile verifyAndRename(RemoteFile file, Path part, Path target) {
        long size = sizeOrZero(part);
        OptionalLong expectedSize = file.expectedSize();
        String actual = Sha256.of(part);
        Optional<String> expected = file.pinnedSha256();
        if (expected.isPresent() && !expected.get().equals(actual)) {
            FileFetcher.deleteQuietly(part);
            throw new ChecksumMismatchException("downloaded " + file.fileName() + " from " + file.url()
                    + " has SHA-256 " + actual + " (" + size + " bytes) but must have " + expected.get()
                    + "; the download was deleted. Run the command again; if the digest stays wrong, the upstream"
                    + " file has changed and the pinned digest must be updated, or provide the right file locally. "
                    + FileFetcher.howToProvide(file), target, expected.get(), actual);
        }
        if (expected.isEmpty() && expectedSize.isPresent() && size != expectedSize.getAsLong()) {
            FileFetcher.deleteQuietly(part);
            throw new InvalidInputException("downloaded " + file.fileName() + " from " + file.url() + " has "
                    + size + " bytes but must have " + expectedSize.getAsLong() + "; the download was deleted."
                    + " Run the command again.");
        }
        if (expected.isEmpty()) {
            LOG.warn("{}: no pinned SHA-256 to verify against; accepting the download with sha256 {}",
                    file.relativePath(), actual);
        }
        move(part, target);
        LOG.info("{}: downloaded from {} to {} (sha256 {})", file.relativePath(), file.url(), target, actual);
        return new FetchedFile(file, target, actual, size, FileSource.DOWNLOAD);
    }

    private Optional<FetchedFile> finishIfValid(RemoteFile file, Path part, Path target) {
        String actual = Sha256.of(part);
        if (file.pinnedSha256().isEmpty() || !file.pinnedSha256().get().equals(actual)) {
            LOG.warn("{}: partial download {} has the full size but SHA-256 {}; starting over",
                    file.relativePath(), part, actual);
            FileFetcher.deleteQuietly(part);
            return Optional.empty();
        }
        move(part, target);
        LOG.info("{}: completed an earlier download from {} to {} (sha256 {})",
                file.relativePath(), file.url(), target, actual);
        return Optional.of(new FetchedFile(file, target, actual, sizeOrZero(target), FileSource.DOWNLOAD));
    }

    private static void move(Path part, Path target) {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + part + " to " + target, e);
        }
    }

    private Progress progressBar(RemoteFile file, long start, OptionalLong total) {
        if (!settings.showProgress()) {
            return null;
        }
        // Counts resumed bytes as done without crediting them to this run's rate and ETA.
        return Progress.startBytes(file.fileName(), total.orElse(-1), start);
    }

    private static OptionalLong totalSize(RemoteFile file, HttpResponse<?> response, long start) {
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent()) {
            return OptionalLong.of(start + length.getAsLong());
        }
        return file.expectedSize();
    }

    private static Optional<Long> rangeStart(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Content-Range");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = CONTENT_RANGE.matcher(header.get().trim());
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private static String describeTotal(OptionalLong total) {
        return total.isPresent() ? Long.toString(total.getAsLong()) : "an unknown number of";
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static long sizeOrZero(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing a response body failed: {}", e.toString());
        }
    }
}
