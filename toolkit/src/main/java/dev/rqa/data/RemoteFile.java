package dev.rqa.data;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file published at an upstream URL, as the fetcher needs to find, download and verify it.
 *
 * <p>The fetcher looks for it at {@code <mirror>/<folder>/<fileName>} and caches it at
 * {@code <cache>/<folder>/<fileName>}, so {@code folder} groups the files of one dataset or model.
 *
 * @param folder   folder name shared by the files of one dataset or model, for example {@code cmrc2018}
 * @param fileName file name in that folder, for example {@code cmrc2018_dev.json}
 * @param url      upstream location (http or https)
 * @param sha256   pinned SHA-256 as 64 hex digits, or null when the upstream file is not pinned
 * @param size     expected size in bytes, or -1 when unknown
 */
public record RemoteFile(String folder, String fileName, URI url, String sha256, long size) {

    public RemoteFile {
        requirePlainName(folder, "folder");
        requirePlainName(fileName, "file name");
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL of " + fileName + " must be http or https: " + url);
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!Sha256.isHexDigest(sha256)) {
                throw new IllegalArgumentException("SHA-256 of " + fileName + " must be 64 hex digits: " + sha256);
            }
        }
        if (size < -1) {
            throw new IllegalArgumentException("size of " + fileName + " must be -1 (unknown) or >= 0: " + size);
        }
    }

    /** Describes a pinned file of known size. */
    public static RemoteFile pinned(String folder, String fileName, String url, String sha256, long size) {
        return new RemoteFile(folder, fileName, URI.create(url), Objects.requireNonNull(sha256, "sha256"), size);
    }

    /** Describes a file that is accepted with whatever content the URL serves. */
    public static RemoteFile unpinned(String folder, String fileName, String url) {
        return new RemoteFile(folder, fileName, URI.create(url), null, -1);
    }

    public Optional<String> pinnedSha256() {
        return Optional.ofNullable(sha256);
    }

    public OptionalLong expectedSize() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** Returns {@code folder/fileName}, the path below a mirror or cache root. */
    public String relativePath() {
        return folder + "/" + fileName;
    }

    private static void requirePlainName(String name, String role) {
        Objects.requireNonNull(name, role);
        // The name becomes a path segment under the mirror and the cache, so it must not escape them.
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException(role + " must be a single non-empty path segment: '" + name + "'");
        }
    }
}
