package dev.rqa.model.registry;

import ai.djl.Device;
import com.sun.net.httpserver.HttpServer;
import dev.rqa.InvalidInputException;
import dev.rqa.data.FetchSettings;
import dev.rqa.data.FileFetcher;
import dev.rqa.data.Query;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.Embeddings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry models whose files come from a download, a mirror or the cache, using the seeded ERNIE fixtures. */
class ModelLoaderTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private Path fixtures;

    @BeforeEach
    void serveFixtures() throws IOException, URISyntaxException {
        fixtures = Path.of(getClass().getResource("/checkpoints/expected.json").toURI()).getParent();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = fixtures.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(fixtures) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Returns a registry with one tiny ERNIE query encoder served by the local server. */
    private ModelRegistry tinyRegistry() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/query-encoder/";
        String json = "{\"architectures\":{\"tiny\":{\"layers\":2,\"hidden\":32,\"heads\":4,\"intermediate\":64,"
                + "\"vocab\":118,\"positions\":64,\"typeVocab\":4,\"taskTypes\":3,\"activation\":\"gelu\","
                + "\"layerNormEps\":1e-12,\"padId\":0}},"
                + "\"settingsProfiles\":{\"p\":{\"queryMaxLength\":16,\"passageMaxLength\":40,\"queryPrefix\":\"\","
                + "\"passagePrefix\":\"\",\"lowercase\":true,\"removeSpaces\":false,\"titleMode\":\"none\","
                + "\"pooling\":\"cls\",\"normalize\":false}},"
                + "\"models\":[{\"name\":\"tiny-query-encoder\",\"kind\":\"encoder\",\"architecture\":\"tiny\","
                + "\"settings\":\"p\",\"similarity\":\"cosine\",\"source\":{\"format\":\"pdparams\",\"files\":{"
                + "\"weights\":\"" + base + "model_state.pdparams\",\"vocab\":\"" + base + "vocab.txt\"}}}]}";
        return ModelRegistry.parse(new StringReader(json), "test registry");
    }

    private ModelLoader loader(Path cache, Path mirror) {
        FetchSettings settings = new FetchSettings(mirror, cache, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                false);
        return ModelLoader.create(Device.cpu()).withFetcher(new FileFetcher(settings)).withEmbeddingCache(null);
    }

    @Test
    void missingWeightsAreNotDownloadedUnasked(@TempDir Path cache) {
        ModelLoader loader = loader(cache, null).withRegistry(tinyRegistry());
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> loader.dualEncoder("tiny-query-encoder", EncodingOverrides.NONE));
        assertTrue(error.getMessage().contains("rqa models --download tiny-query-encoder"), error.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void downloadFillsCacheOnce(@TempDir Path cache) {
        ModelLoader loader = loader(cache, null).withRegistry(tinyRegistry());
        ModelSpec spec = loader.registry().get("tiny-query-encoder");
        assertFalse(loader.availability(spec).available());

        loader.download(spec);
        int afterDownload = requests.get();
        assertEquals(2, afterDownload);
        assertTrue(loader.availability(spec).available());
        assertTrue(Files.isRegularFile(cache.resolve("tiny-query-encoder").resolve("vocab.txt")));

        try (DualEncoder encoder = loader.dualEncoder("tiny-query-encoder", EncodingOverrides.NONE)) {
            Embeddings vectors = encoder.encodeQueries(List.of(new Query("q", "NBA总决赛在哪里举行？")));
            assertEquals(32, vectors.dim());
        }
        assertEquals(afterDownload, requests.get(), "a cached model is loaded without network requests");
    }

    @Test
    void mirrorCopyIsUsedWithoutNetwork(@TempDir Path cache, @TempDir Path mirror) throws IOException {
        Path folder = Files.createDirectories(mirror.resolve("tiny-query-encoder"));
        Files.copy(fixtures.resolve("query-encoder/model_state.pdparams"), folder.resolve("model_state.pdparams"));
        Files.copy(fixtures.resolve("query-encoder/vocab.txt"), folder.resolve("vocab.txt"));
        ModelLoader loader = loader(cache, mirror).withRegistry(tinyRegistry());

        try (DualEncoder encoder = loader.dualEncoder("tiny-query-encoder", EncodingOverrides.NONE)) {
            assertEquals("tiny-query-encoder", encoder.queryTower().model());
        }
        assertEquals(0, requests.get());
    }

    @Test
    void registryShapeDisagreementNamesTensor(@TempDir Path cache, @TempDir Path mirror) throws IOException {
        Path folder = Files.createDirectories(mirror.resolve("rocketqa-zh-nano-query-encoder"));
        Files.copy(fixtures.resolve("query-encoder/model_state.pdparams"),
                folder.resolve("rocketqa-zh-nano-query-encoder.pdparams"));
        Files.copy(fixtures.resolve("query-encoder/vocab.txt"), folder.resolve("vocab.txt"));
        Path passageFolder = Files.createDirectories(mirror.resolve("rocketqa-zh-nano-para-encoder"));
        Files.copy(fixtures.resolve("query-encoder/model_state.pdparams"),
                passageFolder.resolve("rocketqa-zh-nano-para-encoder.pdparams"));
        Files.copy(fixtures.resolve("query-encoder/vocab.txt"), passageFolder.resolve("vocab.txt"));
        ModelLoader loader = loader(cache, mirror);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> loader.dualEncoder("rocketqa-zh-nano", EncodingOverrides.NONE));
        assertTrue(error.getMessage().contains("embeddings.word_embeddings.weight"), error.getMessage());
        assertTrue(error.getMessage().contains("[40000, 312]"), error.getMessage());
        assertTrue(error.getMessage().contains("[118, 32]"), error.getMessage());
    }

    @Test
    void crossEncoderAsDualEncoderIsRejected(@TempDir Path cache) {
        ModelLoader loader = loader(cache, null);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> loader.dualEncoder("rocketqa-nano-cross-encoder", EncodingOverrides.NONE));
        assertTrue(error.getMessage().contains("--reranker"), error.getMessage());
    }

    @Test
    void threePartModelIsRejected(@TempDir Path cache) {
        ModelLoader loader = loader(cache, null);
        assertThrows(InvalidInputException.class, () -> loader.dualEncoder("a,b,c", EncodingOverrides.NONE));
    }
}
