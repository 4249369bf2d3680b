package dev.rqa.encode;

import dev.rqa.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Embeddings on disk, keyed by model, settings and input text, so a second run encodes nothing
 * it has encoded before.
 *
 * <p>Layout: {@code <root>/<model>/<settings digest>/} holds {@code settings.txt} (what the digest
 * stands for) and shard files. Each shard is written through {@link AtomicFiles},
 * and ends with a CRC-32 of its content, so an interrupted run leaves only whole shards; a shard
 * that fails its check is set aside as {@code .corrupt} and its vectors are computed again.
 *
 * <p>Shard format (big-endian): magic {@code RQAEMB01}, dimension (int32), count (int32), then per
 * entry a 32-byte SHA-256 of the input and {@code dimension} float32 values, then the CRC-32 (int64).
 */
public final class EmbeddingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "RQAEMB01".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    /** Above this many shards, loading merges them into one so start-up stays fast. */
    private static final int MAX_SHARDS = 32;

    private final Path directory;
    private final int dim;
    private final Map<Key, float[]> vectors = new HashMap<>();

    private record Key(byte[] digest) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Arrays.equals(digest, key.digest);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(digest);
        }
    }

    private EmbeddingCache(Path directory, int dim) {
        this.directory = directory;
        this.dim = dim;
    }

    /**
     * Opens (creating if needed) the cache of one model and one set of settings.
     *
     * @param root     cache root, for example {@code ~/.cache/rqa/embeddings}
     * @param model    model name and weight fingerprint
     * @param settings every setting that changes a vector, including the role (query or passage)
     * @param dim      vector dimension
     */
    public static EmbeddingCache open(Path root, String model, Map<String, String> settings, int dim) {
        StringBuilder description = new StringBuilder("model=").append(model).append('\n');
        description.append("dim=").append(dim).append('\n');
        settings.forEach((key, value) -> description.append(key).append('=').append(value).append('\n'));
        String digest = HexFormat.of().formatHex(sha256(description.toString())).substring(0, 16);
        Path directory = root.resolve(safeName(model)).resolve(digest);
        try {
            Files.createDirectories(directory);
            Path settingsFile = directory.resolve("settings.txt");
            if (!Files.exists(settingsFile)) {
                AtomicFiles.write(settingsFile, out -> out.write(description.toString().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create embedding cache directory " + directory, e);
        }
        EmbeddingCache cache = new EmbeddingCache(directory, dim);
        cache.load();
        return cache;
    }

    public Path directory() {
        return directory;
    }

    public int size() {
        return vectors.size();
    }

    /** Returns the cached vector of an input, or null. */
    public float[] get(EncoderInput input) {
        return vectors.get(new Key(sha256(input.cacheKey())));
    }

    /**
     * Stores vectors and writes them as one new shard before returning, so they survive an
     * interruption of the run that follows.
     */
    public void putAll(List<EncoderInput> inputs, Embeddings embeddings) {
        if (inputs.size() != embeddings.rows() || embeddings.dim() != dim) {
            throw new IllegalArgumentException("cannot cache " + embeddings.rows() + " x " + embeddings.dim()
                    + " vectors for " + inputs.size() + " inputs of dimension " + dim);
        }
        if (inputs.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Key key = new Key(sha256(inputs.get(i).cacheKey()));
            keys.add(key);
            vectors.put(key, embeddings.row(i));
        }
        Path shard = directory.resolve("shard-" + System.currentTimeMillis() + "-" + UUID.randomUUID() + ".bin");
        try {
            writeShard(shard, keys);
        } catch (IOException e) {
            // A cache that cannot be written costs time on the next run, not correctness.
            LOG.warn("cannot write embedding cache shard {}: {}", shard, e.toString());
        }
    }

    private void writeShard(Path shard, List<Key> keys) throws IOException {
        AtomicFiles.write(shard, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
            out.write(MAGIC);
            out.writeInt(dim);
            out.writeInt(keys.size());
            ByteBuffer buffer = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
            for (Key key : keys) {
                out.write(key.digest());
                buffer.clear();
                buffer.asFloatBuffer().put(vectors.get(key));
                out.write(buffer.array());
            }
            out.flush();
            long crc = checked.getChecksum().getValue();
            new DataOutputStream(raw).writeLong(crc);
        });
    }

    private void load() {
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "shard-*.bin")) {
            stream.forEach(shards::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list embedding cache " + directory, e);
        }
        shards.sort(null);
        for (Path shard : shards) {
            try {
                readShard(shard);
            } catch (IOException | IllegalStateException e) {
                LOG.warn("embedding cache shard {} is unreadable ({}); it is set aside and its vectors will be"
                        + " computed again", shard, e.getMessage());
                setAside(shard);
            }
        }
        if (shards.size() > MAX_SHARDS) {
            compact(shards);
        }
        LOG.debug("embedding cache {}: {} vectors in {} shards", directory, vectors.size(), shards.size());
    }

    private void readShard(Path shard) throws IOException {
        Map<Key, float[]> entries = new HashMap<>();
        try (InputStream buffered = new java.io.BufferedInputStream(Files.newInputStream(shard), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(buffered, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException("bad magic");
            }
            int shardDim = in.readInt();
            int count = in.readInt();
            if (shardDim != dim || count < 0) {
                throw new IllegalStateException("dimension " + shardDim + " or count " + count + " invalid");
            }
            byte[] values = new byte[dim * Float.BYTES];
            for (int i = 0; i < count; i++) {
                byte[] digest = in.readNBytes(KEY_BYTES);
                in.readFully(values);
                if (digest.length != KEY_BYTES) {
                    throw new IllegalStateException("truncated");
                }
                float[] vector = new float[dim];
                ByteBuffer.wrap(values).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(vector);
                entries.put(new Key(digest), vector);
            }
            long expected = checked.getChecksum().getValue();
            // The checksum itself is read past the checked stream, so it is not part of its own sum.
            long stored = new DataInputStream(buffered).readLong();
            if (stored != expected || buffered.read() != -1) {
                throw new IllegalStateException("checksum mismatch");
            }
        } catch (java.io.EOFException e) {
            throw new IllegalStateException("truncated");
        }
        vectors.putAll(entries);
    }

    private void compact(List<Path> shards) {
        Path merged = directory.resolve("shard-" + System.currentTimeMillis() + "-merged-" + UUID.randomUUID() + ".bin");
        try {
            writeShard(merged, vectors.keySet().stream().toList());
            for (Path shard : shards) {
                Files.deleteIfExists(shard);
            }
        } catch (IOException e) {
            LOG.warn("cannot compact embedding cache {}: {}", directory, e.toString());
        }
    }

    private static void setAside(Path shard) {
        try {
            Files.move(shard, shard.resolveSibling(shard.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot set aside corrupt shard {}: {}", shard, e.toString());
        }
    }

    private static String safeName(String model) {
        return model.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
