package dev.rqa.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Access to the real dataset files that the build provides through {@code RQA_DATA_MIRROR}. */
final class TestData {

    private TestData() {
    }

    /** Returns the mirror directory, failing the test when the build did not set it. */
    static Path mirror() {
        String mirror = System.getenv(FetchSettings.MIRROR_VARIABLE);
        if (mirror == null || mirror.isBlank() || !Files.isDirectory(Path.of(mirror))) {
            throw new AssertionError(FetchSettings.MIRROR_VARIABLE + " must name the dataset mirror directory,"
                    + " as the Maven build sets it; found '" + mirror + "'");
        }
        return Path.of(mirror);
    }

    static Path cmrcFile(String fileName) {
        return mirror().resolve("cmrc2018").resolve(fileName);
    }

    /** Returns a fetcher that reads the mirror, caches into {@code cache} and never opens a connection. */
    static FileFetcher offlineFetcher(Path mirror, Path cache) {
        return new FileFetcher(new FetchSettings(mirror, cache, true, Duration.ofSeconds(2), Duration.ofSeconds(5),
                false));
    }

    static RemoteFile cmrcRemoteFile(String fileName) {
        return DatasetRegistry.standard().require("cmrc2018").files().stream()
                .filter(file -> file.fileName().equals(fileName))
                .findFirst()
                .orElseThrow();
    }
}
