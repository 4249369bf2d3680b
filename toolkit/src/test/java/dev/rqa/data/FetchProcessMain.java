package dev.rqa.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Runs one fetch in a separate JVM, so a test can kill the process in the middle of a download. */
public final class FetchProcessMain {

    private FetchProcessMain() {
    }

    /** Arguments: URL, cache directory, pinned SHA-256, size in bytes. */
    public static void main(String[] args) {
        RemoteFile file = new RemoteFile("test", "blob.bin", URI.create(args[0]), args[2], Long.parseLong(args[3]));
        FetchSettings settings = new FetchSettings(null, Path.of(args[1]), false, Duration.ofSeconds(5),
                Duration.ofMinutes(10), false);
        new FileFetcher(settings).fetch(file);
    }
}
