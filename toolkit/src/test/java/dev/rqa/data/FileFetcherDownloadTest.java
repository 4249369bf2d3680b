package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileFetcherDownloadTest {

    private static final int SIZE = 300_000;
    private static final int HALF = 100_000;

    @TempDir
    Path cache;

    private byte[] content;
    private String sha256;
    private LocalFileServer server;

    @BeforeEach
    void startServer() throws IOException {
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        sha256 = digest(content);
        server = new LocalFileServer(content);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void downloadFetchesWholeFile() throws IOException {
        FetchedFile fetched = fetcher(true).fetch(remote());

        assertEquals(FileSource.DOWNLOAD, fetched.source());
        assertEquals(target(), fetched.path());
        assertEquals(sha256, fetched.sha256());
        assertArrayEquals(content, Files.readAllBytes(target()));
        assertFalse(Files.exists(part()), "no .part file may remain after a complete download");
        assertEquals(List.of(""), server.rangeHeaders());
    }

    @Test
    void downloadResumesFromPartWithRange() throws IOException {
        writePart(Arrays.copyOf(content, HALF));

        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals(List.of("bytes=" + HALF + "-"), server.rangeHeaders());
        assertEquals(sha256, fetched.sha256());
        assertArrayEquals(content, Files.readAllBytes(target()));
    }

    @Test
    void downloadRestartsWhenServerIgnoresRange() throws IOException {
        server.mode(LocalFileServer.Mode.IGNORE_RANGE);
        writePart(Arrays.copyOf(content, HALF));

        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals(List.of("bytes=" + HALF + "-"), server.rangeHeaders());
        assertEquals(sha256, fetched.sha256());
        assertArrayEquals(content, Files.readAllBytes(target()));
    }

    @Test
    void downloadFinishesCompletePartWithoutRequest() throws IOException {
        writePart(content);

        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals(0, server.requests());
        assertEquals(sha256, fetched.sha256());
        assertTrue(Files.isRegularFile(target()));
    }

    @Test
    void droppedConnectionKeepsPartForResume() throws IOException {
        server.mode(LocalFileServer.Mode.DROP_CONNECTION);
        server.cutAfter(HALF);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> fetcher(false).fetch(remote()));

        assertTrue(error.getMessage().contains("run the command again to resume"), error.getMessage());
        assertFalse(Files.exists(target()), "an interrupted download must not appear under the final name");
        assertTrue(Files.isRegularFile(part()));
        long keptBytes = Files.size(part());
        assertTrue(keptBytes > 0, "partial file is empty");
        assertTrue(keptBytes <= HALF, "partial file has " + keptBytes + " bytes");

        server.mode(LocalFileServer.Mode.NORMAL);
        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals("bytes=" + keptBytes + "-", server.rangeHeaders().get(1));
        assertEquals(sha256, fetched.sha256());
        assertArrayEquals(content, Files.readAllBytes(target()));
    }

    @Test
    void checksumMismatchDeletesDownload() {
        byte[] other = content.clone();
        other[SIZE / 2] ^= 1;
        server.content(other);

        ChecksumMismatchException error = assertThrows(ChecksumMismatchException.class,
                () -> fetcher(false).fetch(remote()));

        assertTrue(error.getMessage().contains("blob.bin"), error.getMessage());
        assertTrue(error.getMessage().contains(sha256), error.getMessage());
        assertTrue(error.getMessage().contains(digest(other)), error.getMessage());
        assertTrue(error.getMessage().contains("Run the command again"), error.getMessage());
        assertEquals(sha256, error.expected());
        assertEquals(digest(other), error.actual());
        assertFalse(Files.exists(target()));
        assertFalse(Files.exists(part()), "a download with the wrong digest must be deleted");
    }

    @Test
    void resumedGarbageFailsChecksumThenRecovers() throws IOException {
        byte[] garbage = new byte[HALF];
        Arrays.fill(garbage, (byte) 7);
        writePart(garbage);

        assertThrows(ChecksumMismatchException.class, () -> fetcher(false).fetch(remote()));
        assertFalse(Files.exists(part()));

        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals(sha256, fetched.sha256());
    }

    @Test
    void notFoundNamesStatusAndUrl() {
        server.mode(LocalFileServer.Mode.NOT_FOUND);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> fetcher(false).fetch(remote()));

        assertTrue(error.getMessage().contains("HTTP status 404"), error.getMessage());
        assertTrue(error.getMessage().contains(server.url()), error.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void stalledDownloadTimesOut() throws IOException {
        server.mode(LocalFileServer.Mode.STALL);
        server.cutAfter(HALF);
        FetchSettings settings = settings(false).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));

        long start = System.nanoTime();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> new FileFetcher(settings).fetch(remote()));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertTrue(error.getMessage().contains("timed out"), error.getMessage());
        assertTrue(seconds < 15, "took " + seconds + " s");
        assertFalse(Files.exists(target()));
        assertEquals(HALF, Files.size(part()));
    }

    @Test
    void unpinnedDownloadRecordsDigest() {
        RemoteFile unpinned = RemoteFile.unpinned("test", "blob.bin", server.url());

        FetchedFile fetched = fetcher(false).fetch(unpinned);

        assertEquals(sha256, fetched.sha256());
        assertEquals(sha256, fetched.provenance("file").get("file.sha256"));
        assertEquals("download", fetched.provenance("file").get("file.source"));
    }

    @Test
    void unpinnedDownloadIgnoresOldPart() throws IOException {
        writePart(Arrays.copyOf(content, HALF));
        RemoteFile unpinned = RemoteFile.unpinned("test", "blob.bin", server.url());

        FetchedFile fetched = fetcher(false).fetch(unpinned);

        assertEquals(List.of(""), server.rangeHeaders());
        assertEquals(sha256, fetched.sha256());
    }

    @Test
    void cachedCopyNeedsNoNetwork() {
        fetcher(false).fetch(remote());
        int requestsAfterDownload = server.requests();

        FetchedFile cached = new FileFetcher(settings(false).withOffline(true)).fetch(remote());

        assertEquals(FileSource.CACHE, cached.source());
        assertEquals(requestsAfterDownload, server.requests());
    }

    @Test
    void corruptCacheIsDownloadedAgain() throws IOException {
        fetcher(false).fetch(remote());
        byte[] corrupt = content.clone();
        corrupt[0] ^= 1;
        Files.write(target(), corrupt);

        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals(FileSource.DOWNLOAD, fetched.source());
        assertArrayEquals(content, Files.readAllBytes(target()));
    }

    @Test
    void offlineFailsWithoutRequest() {
        long start = System.nanoTime();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> new FileFetcher(settings(false).withOffline(true)).fetch(remote()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(error.getMessage().contains(server.url()), error.getMessage());
        assertTrue(error.getMessage().contains("RQA_DATA_MIRROR"), error.getMessage());
        assertEquals(0, server.requests());
        assertTrue(millis < 2000, "took " + millis + " ms");
    }

    @Test
    void unreachableServerFailsFast() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/file";
        RemoteFile unreachable = new RemoteFile("test", "blob.bin", URI.create(url), sha256, SIZE);

        long start = System.nanoTime();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> fetcher(false).fetch(unreachable));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertTrue(error.getMessage().contains("RQA_DATA_MIRROR"), error.getMessage());
        assertTrue(millis < 5000, "took " + millis + " ms");
        assertFalse(Files.exists(target()));
    }

    @Test
    void concurrentFetchesDownloadOnce() throws Exception {
        server.mode(LocalFileServer.Mode.STALL);
        server.cutAfter(HALF);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<FetchedFile> first = pool.submit(() -> fetcher(false).fetch(remote()));
            awaitPartSize(HALF, null);
            Future<FetchedFile> second = pool.submit(() -> fetcher(false).fetch(remote()));
            Thread.sleep(200);
            server.release();

            FetchedFile firstResult = first.get(30, TimeUnit.SECONDS);
            FetchedFile secondResult = second.get(30, TimeUnit.SECONDS);

            assertEquals(1, server.requests());
            assertEquals(FileSource.DOWNLOAD, firstResult.source());
            assertEquals(FileSource.CACHE, secondResult.source());
            assertEquals(sha256, secondResult.sha256());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void killedProcessLeavesNoFinalFile(boolean forcibly) throws Exception {
        server.mode(LocalFileServer.Mode.STALL);
        server.cutAfter(HALF);
        Process process = startFetchProcess();
        try {
            awaitPartSize(HALF, process);
        } finally {
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "fetch process did not end");
        }

        assertFalse(Files.exists(target()), "a killed download must not appear under the final name");
        assertEquals(HALF, Files.size(part()));

        server.mode(LocalFileServer.Mode.NORMAL);
        FetchedFile fetched = fetcher(false).fetch(remote());

        assertEquals("bytes=" + HALF + "-", server.rangeHeaders().get(1));
        assertEquals(sha256, fetched.sha256());
    }

    private Process startFetchProcess() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                FetchProcessMain.class.getName(), server.url(), cache.toString(), sha256, Integer.toString(SIZE)));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(cache.resolve("fetch-process.log").toFile())
                .start();
    }

    private void awaitPartSize(long size, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(part()) && Files.size(part()) >= size) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("fetch process exited early with status " + process.exitValue() + ": "
                        + Files.readString(cache.resolve("fetch-process.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the fetch did not write " + size + " bytes within 60 s");
    }

    private RemoteFile remote() {
        return new RemoteFile("test", "blob.bin", URI.create(server.url()), sha256, SIZE);
    }

    private FetchSettings settings(boolean progress) {
        return new FetchSettings(null, cache, false, Duration.ofSeconds(2), Duration.ofSeconds(20), progress);
    }

    private FileFetcher fetcher(boolean progress) {
        return new FileFetcher(settings(progress));
    }

    private Path target() {
        return cache.resolve("test").resolve("blob.bin");
    }

    private Path part() {
        return cache.resolve("test").resolve("blob.bin.part");
    }

    private void writePart(byte[] bytes) throws IOException {
        Files.createDirectories(part().getParent());
        Files.write(part(), bytes);
    }

    private static String digest(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }
}
