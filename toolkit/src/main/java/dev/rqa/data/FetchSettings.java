package dev.rqa.data;

import dev.rqa.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Mirror, cache and network settings of a {@link FileFetcher}.
 *
 * @param mirror         directory laid out as {@code <mirror>/<folder>/<file>}, or null for none
 * @param cacheDir       root of the download cache; files go to {@code <cacheDir>/<folder>/<file>}
 * @param offline        when true, never open a network connection
 * @param connectTimeout limit for opening a connection to the upstream server
 * @param readTimeout    limit for a download to receive no bytes at all before it is abandoned
 * @param showProgress   whether downloads draw a progress bar on standard error
 */
public record FetchSettings(Path mirror, Path cacheDir, boolean offline, Duration connectTimeout,
                            Duration readTimeout, boolean showProgress) {

    /** Environment variable naming the mirror directory. */
    public static final String MIRROR_VARIABLE = "RQA_DATA_MIRROR";

    /** Environment variable naming the cache directory. */
    public static final String CACHE_VARIABLE = "RQA_CACHE_DIR";

    /** Environment variable that forbids network access when set to {@code true}, {@code 1} or {@code yes}. */
    public static final String OFFLINE_VARIABLE = "RQA_OFFLINE";

    /** System property read when {@value #MIRROR_VARIABLE} is not set, for notebooks and embedded use. */
    public static final String MIRROR_PROPERTY = "rqa.dataMirror";

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public FetchSettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (mirror != null && !Files.isDirectory(mirror)) {
            throw new InvalidInputException("data mirror " + mirror + " is not a directory; set "
                    + MIRROR_VARIABLE + " to a directory laid out as <mirror>/<dataset>/<file>, or unset it");
        }
    }

    /** Reads {@code RQA_DATA_MIRROR}, {@code RQA_CACHE_DIR} and {@code RQA_OFFLINE} from the environment. */
    public static FetchSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static FetchSettings fromEnvironment(Map<String, String> environment) {
        String mirror = nonBlank(environment.get(MIRROR_VARIABLE))
                .or(() -> nonBlank(System.getProperty(MIRROR_PROPERTY)))
                .orElse(null);
        Path cacheDir = nonBlank(environment.get(CACHE_VARIABLE))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "rqa"));
        String offline = environment.getOrDefault(OFFLINE_VARIABLE, "").trim().toLowerCase(Locale.ROOT);
        boolean isOffline = offline.equals("true") || offline.equals("1") || offline.equals("yes");
        return new FetchSettings(mirror == null ? null : Path.of(mirror), cacheDir, isOffline,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, true);
    }

    public Optional<Path> mirrorDir() {
        return Optional.ofNullable(mirror);
    }

    public FetchSettings withMirror(Path newMirror) {
        return new FetchSettings(newMirror, cacheDir, offline, connectTimeout, readTimeout, showProgress);
    }

    public FetchSettings withCacheDir(Path newCacheDir) {
        return new FetchSettings(mirror, newCacheDir, offline, connectTimeout, readTimeout, showProgress);
    }

    public FetchSettings withOffline(boolean newOffline) {
        return new FetchSettings(mirror, cacheDir, newOffline, connectTimeout, readTimeout, showProgress);
    }

    public FetchSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
        return new FetchSettings(mirror, cacheDir, offline, newConnectTimeout, newReadTimeout, showProgress);
    }

    public FetchSettings withProgress(boolean newShowProgress) {
        return new FetchSettings(mirror, cacheDir, offline, connectTimeout, readTimeout, newShowProgress);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
