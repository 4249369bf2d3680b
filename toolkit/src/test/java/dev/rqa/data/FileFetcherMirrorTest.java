package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileFetcherMirrorTest {

    private static final String DEV = "cmrc2018_dev.json";

    @TempDir
    Path temp;

    @Test
    void mirrorCopyIsVerifiedAndUsed() {
        RemoteFile dev = TestData.cmrcRemoteFile(DEV);

        FetchedFile fetched = TestData.offlineFetcher(TestData.mirror(), temp.resolve("cache")).fetch(dev);

        assertEquals(FileSource.MIRROR, fetched.source());
        assertEquals(TestData.cmrcFile(DEV), fetched.path());
        assertEquals(dev.sha256(), fetched.sha256());
        assertEquals(3_299_139, fetched.size());
        assertFalse(Files.exists(temp.resolve("cache").resolve("cmrc2018")), "a mirror hit must not touch the cache");
    }

    @Test
    void corruptMirrorFileNamesFileAndDigests() throws IOException {
        Path mirror = temp.resolve("mirror");
        Path copy = mirror.resolve("cmrc2018").resolve(DEV);
        Files.createDirectories(copy.getParent());
        byte[] bytes = Files.readAllBytes(TestData.cmrcFile(DEV));
        bytes[1000] ^= 0x20;
        Files.write(copy, bytes);
        String actual = Sha256.of(copy);
        RemoteFile dev = TestData.cmrcRemoteFile(DEV);

        ChecksumMismatchException error = assertThrows(ChecksumMismatchException.class,
                () -> TestData.offlineFetcher(mirror, temp.resolve("cache")).fetch(dev));

        assertTrue(error.getMessage().contains(copy.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(dev.sha256()), error.getMessage());
        assertTrue(error.getMessage().contains(actual), error.getMessage());
        assertTrue(error.getMessage().contains("corrupt or the wrong version"), error.getMessage());
        assertTrue(Files.exists(copy), "the fetcher must never delete a file in the mirror");
    }

    @Test
    void missingMirrorFileOfflineFailsFast() throws IOException {
        Path emptyMirror = Files.createDirectories(temp.resolve("mirror"));
        RemoteFile dev = TestData.cmrcRemoteFile(DEV);

        long start = System.nanoTime();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TestData.offlineFetcher(emptyMirror, temp.resolve("cache")).fetch(dev));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(error.getMessage().contains(dev.url().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("RQA_DATA_MIRROR"), error.getMessage());
        assertTrue(error.getMessage().contains("cmrc2018/" + DEV), error.getMessage());
        assertTrue(millis < 2000, "took " + millis + " ms");
    }

    @Test
    void cacheCopyUsedWhenMirrorLacksFile() throws IOException {
        Path cache = temp.resolve("cache");
        Path cached = cache.resolve("cmrc2018").resolve(DEV);
        Files.createDirectories(cached.getParent());
        Files.copy(TestData.cmrcFile(DEV), cached);

        FetchedFile fetched = TestData.offlineFetcher(Files.createDirectories(temp.resolve("mirror")), cache)
                .fetch(TestData.cmrcRemoteFile(DEV));

        assertEquals(FileSource.CACHE, fetched.source());
        assertEquals(cached, fetched.path());
    }

    @Test
    void mirrorThatIsNotDirectoryIsRejected() {
        Path missing = temp.resolve("no-such-mirror");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> new FetchSettings(missing,
                temp, true, Duration.ofSeconds(1), Duration.ofSeconds(1), false));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void environmentSettingsReadVariables() {
        FetchSettings settings = FetchSettings.fromEnvironment(java.util.Map.of(
                "RQA_DATA_MIRROR", TestData.mirror().toString(),
                "RQA_CACHE_DIR", temp.toString(),
                "RQA_OFFLINE", "true"));

        assertEquals(TestData.mirror(), settings.mirror());
        assertEquals(temp, settings.cacheDir());
        assertTrue(settings.offline());
    }
}
