package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resolves a {@link RemoteFile} to a verified local path: the mirror first, then the cache, then a download.
 *
 * <p>No network connection is opened when the mirror or the cache contains a verified copy. A file only
 * appears under its final cache name after its SHA-256 matched, so an interrupted or killed download
 * leaves at most a {@code <name>.part} file, which the next call resumes when the file has a pinned digest.
 */
public final class FileFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FileFetcher.class);

    // A FileChannel lock is held per JVM, so threads of one JVM also need an in-process lock per file.
    private static final ConcurrentHashMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final FetchSettings settings;
    private HttpFileDownloader downloader;

    public FileFetcher(FetchSettings settings) {
        this.settings = settings;
    }

    /** Creates a fetcher configured by {@code RQA_DATA_MIRROR}, {@code RQA_CACHE_DIR} and {@code RQA_OFFLINE}. */
    public static FileFetcher fromEnvironment() {
        return new FileFetcher(FetchSettings.fromEnvironment());
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Returns where the cache keeps this file, whether or not it is there. */
    public Path cachePath(RemoteFile file) {
        return settings.cacheDir().resolve(file.folder()).resolve(file.fileName());
    }

    /** Returns the mirror copy of this file when a mirror is set and contains it, without verifying it. */
    public Optional<Path> mirrorPath(RemoteFile file) {
        return settings.mirrorDir()
                .map(mirror -> mirror.resolve(file.folder()).resolve(file.fileName()))
                .filter(Files::isRegularFile);
    }

    /**
     * Returns a verified local copy of the file, downloading it into the cache when neither the mirror
     * nor the cache contains one.
     *
     * @throws ChecksumMismatchException when a mirror copy or a fresh download has the wrong SHA-256
     * @throws InvalidInputException     when the file cannot be downloaded (offline, unreachable, HTTP error)
     */
    public FetchedFile fetch(RemoteFile file) {
        Optional<Path> mirrorCopy = mirrorPath(file);
        if (mirrorCopy.isPresent()) {
            return verifiedMirrorCopy(file, mirrorCopy.get());
        }
        settings.mirrorDir().ifPresent(mirror ->
                LOG.info("{} is not in the mirror {}; looking in the cache", file.relativePath(), mirror));

        // A file only gets its final cache name once complete and verified, so reading it needs no lock.
        Path target = cachePath(file);
        Optional<FetchedFile> cached = verifiedCacheCopy(file, target, false);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (settings.offline()) {
            throw new InvalidInputException("cannot fetch " + file.relativePath() + ": network access is off ("
                    + FetchSettings.OFFLINE_VARIABLE + " or --offline) and there is no verified local copy. "
                    + howToProvide(file));
        }
        return withFileLock(target, () -> {
            // Another process may have finished the download while this one waited for the lock.
            Optional<FetchedFile> finished = verifiedCacheCopy(file, target, true);
            return finished.orElseGet(() -> downloader().download(file, target));
        });
    }

    private FetchedFile verifiedMirrorCopy(RemoteFile file, Path path) {
        String actual = Sha256.of(path);
        long size = sizeOf(path);
        Optional<String> expected = file.pinnedSha256();
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new ChecksumMismatchException("mirror file " + path + " has SHA-256 " + actual + " but "
                    + file.fileName() + " must have " + expected.get() + ": the mirror copy is corrupt or the wrong"
                    + " version. Replace it with the file from " + file.url() + ", or remove it so that rqa"
                    + " downloads it into the cache.", path, expected.get(), actual);
        }
        if (expected.isEmpty() && file.expectedSize().isPresent() && file.expectedSize().getAsLong() != size) {
            throw new InvalidInputException("mirror file " + path + " has " + size + " bytes but " + file.fileName()
                    + " must have " + file.expectedSize().getAsLong() + ": the mirror copy is truncated or the"
                    + " wrong version. Replace it with the file from " + file.url() + ".");
        }
        LOG.info("{}: using mirror copy {} (sha256 {})", file.relativePath(), path, actual);
        return new FetchedFile(file, path, actual, size, FileSource.MIRROR);
    }

    /**
     * Returns the cached copy if it matches the pinned digest. A mismatching copy is deleted only when
     * {@code deleteIfCorrupt} is set, which the caller does while holding the file lock.
     */
    private Optional<FetchedFile> verifiedCacheCopy(RemoteFile file, Path path, boolean deleteIfCorrupt) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String actual = Sha256.of(path);
        Optional<String> expected = file.pinnedSha256();
        if (expected.isPresent() && !expected.get().equals(actual)) {
            // The cache belongs to rqa, so a bad copy there is replaced rather than reported.
            LOG.warn("{}: cached copy {} has SHA-256 {} instead of {}{}", file.relativePath(), path, actual,
                    expected.get(), deleteIfCorrupt ? "; deleting it and downloading again" : "");
            if (deleteIfCorrupt) {
                deleteQuietly(path);
            }
            return Optional.empty();
        }
        LOG.info("{}: using cached copy {} (sha256 {})", file.relativePath(), path, actual);
        return Optional.of(new FetchedFile(file, path, actual, sizeOf(path), FileSource.CACHE));
    }

    private synchronized HttpFileDownloader downloader() {
        // Created on first use so that fetches served by the mirror or the cache never build an HTTP client.
        if (downloader == null) {
            downloader = new HttpFileDownloader(settings);
        }
        return downloader;
    }

    /** Returns the advice shown when a file cannot be downloaded. */
    static String howToProvide(RemoteFile file) {
        return "Download " + file.url() + " on a machine with network access and either place it at <mirror>/"
                + file.relativePath() + " and set " + FetchSettings.MIRROR_VARIABLE
                + "=<mirror> (or pass --mirror <mirror>), or copy it into the cache at $"
                + FetchSettings.CACHE_VARIABLE + "/" + file.relativePath() + ".";
    }

    private <T> T withFileLock(Path target, java.util.function.Supplier<T> action) {
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        ReentrantLock processLock = PROCESS_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        processLock.lock();
        try {
            Files.createDirectories(target.getParent());
            // The lock file stays behind on purpose: deleting it would let a third process lock a new inode.
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockAgainstOtherProcesses(channel, target)) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + " to fetch " + target.getFileName(), e);
        } finally {
            processLock.unlock();
        }
    }

    private static FileLock lockAgainstOtherProcesses(FileChannel channel, Path target) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        LOG.info("waiting for another process that is fetching {}", target);
        return channel.lock();
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }
}
