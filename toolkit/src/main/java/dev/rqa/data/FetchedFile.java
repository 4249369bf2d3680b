package dev.rqa.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified local copy of a remote file, with the facts a report needs to identify it.
 *
 * @param file   the description it was fetched for
 * @param path   local path of the verified copy
 * @param sha256 SHA-256 of the local copy, computed by the fetcher
 * @param size   size of the local copy in bytes
 * @param source where the copy came from
 */
public record FetchedFile(RemoteFile file, Path path, String sha256, long size, FileSource source) {

    /** Returns path, sha256, size, source and URL under keys {@code <prefix>.path} and so on. */
    public Map<String, String> provenance(String prefix) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(prefix + ".path", path.toAbsolutePath().toString());
        entries.put(prefix + ".sha256", sha256);
        entries.put(prefix + ".size", Long.toString(size));
        entries.put(prefix + ".source", source.label());
        entries.put(prefix + ".url", file.url().toString());
        return entries;
    }
}
