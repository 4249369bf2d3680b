package dev.rqa.encode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCacheTest {

    private static final Map<String, String> SETTINGS = Map.of("role", "passage", "max_length", "512");

    private static Embeddings vectors(float... values) {
        return new Embeddings(values.length / 2, 2, values);
    }

    @Test
    void vectorsSurviveReopen(@TempDir Path root) {
        EmbeddingCache cache = EmbeddingCache.open(root, "bge-small-zh-v1.5", SETTINGS, 2);
        cache.putAll(List.of(EncoderInput.of("北京"), new EncoderInput("标题", "正文")), vectors(1, 2, 3, 4));

        EmbeddingCache reopened = EmbeddingCache.open(root, "bge-small-zh-v1.5", SETTINGS, 2);
        assertArrayEquals(new float[] {1, 2}, reopened.get(EncoderInput.of("北京")));
        assertArrayEquals(new float[] {3, 4}, reopened.get(new EncoderInput("标题", "正文")));
        assertNull(reopened.get(EncoderInput.of("上海")));
    }

    @Test
    void pairAndConcatenationAreDifferentKeys(@TempDir Path root) {
        EmbeddingCache cache = EmbeddingCache.open(root, "m", SETTINGS, 2);
        cache.putAll(List.of(new EncoderInput("标题", "正文")), vectors(1, 2));

        assertNull(cache.get(EncoderInput.of("标题正文")));
        assertNull(cache.get(EncoderInput.of("标题\u0000正文")));
    }

    @Test
    void settingsSelectSeparateDirectories(@TempDir Path root) {
        EmbeddingCache a = EmbeddingCache.open(root, "m", Map.of("max_length", "512"), 2);
        EmbeddingCache b = EmbeddingCache.open(root, "m", Map.of("max_length", "384"), 2);
        a.putAll(List.of(EncoderInput.of("x")), vectors(1, 2));

        assertNotEquals(a.directory(), b.directory());
        assertNull(EmbeddingCache.open(root, "m", Map.of("max_length", "384"), 2).get(EncoderInput.of("x")));
    }

    @Test
    void corruptShardIsSetAside(@TempDir Path root) throws IOException {
        EmbeddingCache cache = EmbeddingCache.open(root, "m", SETTINGS, 2);
        cache.putAll(List.of(EncoderInput.of("good")), vectors(1, 2));
        cache.putAll(List.of(EncoderInput.of("bad")), vectors(3, 4));
        Path badShard = shards(cache.directory()).get(1);
        byte[] bytes = Files.readAllBytes(badShard);
        bytes[bytes.length - 12] ^= 0x55;
        Files.write(badShard, bytes);

        EmbeddingCache reopened = EmbeddingCache.open(root, "m", SETTINGS, 2);
        int found = (reopened.get(EncoderInput.of("good")) == null ? 0 : 1)
                + (reopened.get(EncoderInput.of("bad")) == null ? 0 : 1);
        assertEquals(1, found);
        assertEquals(1, shards(cache.directory()).size());
        assertTrue(Files.exists(badShard.resolveSibling(badShard.getFileName() + ".corrupt")));
    }

    @Test
    void truncatedShardIsIgnored(@TempDir Path root) throws IOException {
        EmbeddingCache cache = EmbeddingCache.open(root, "m", SETTINGS, 2);
        cache.putAll(List.of(EncoderInput.of("a"), EncoderInput.of("b")), vectors(1, 2, 3, 4));
        Path shard = shards(cache.directory()).get(0);
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        EmbeddingCache reopened = EmbeddingCache.open(root, "m", SETTINGS, 2);
        assertEquals(0, reopened.size());
    }

    @Test
    void leftoverTempFileIsNotLoaded(@TempDir Path root) throws IOException {
        EmbeddingCache cache = EmbeddingCache.open(root, "m", SETTINGS, 2);
        Files.write(cache.directory().resolve("shard-1-x.bin.123.tmp"), new byte[] {1, 2, 3});

        EmbeddingCache reopened = EmbeddingCache.open(root, "m", SETTINGS, 2);
        assertEquals(0, reopened.size());
    }

    private static List<Path> shards(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }
}
