package dev.rqa.encode;

import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.index.Similarity;
import dev.rqa.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dual encoder: a query tower and a passage tower (the same tower for bge, two models for
 * RocketQA), the settings that turn text into their inputs, and an optional on-disk cache.
 *
 * <p>Texts missing from the cache are encoded in chunks of {@link #CHUNK_SIZE} sorted by length,
 * and each chunk is written to the cache as soon as it is done, so an interrupted run keeps what it
 * has finished and the next one resumes.
 */
public final class DualEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DualEncoder.class);
    private static final int CHUNK_SIZE = 256;

    private final String name;
    private final Tower queryTower;
    private final Tower passageTower;
    private final Similarity similarity;
    private final Path cacheRoot;
    private EncodeStats queryStats = EncodeStats.EMPTY;
    private EncodeStats passageStats = EncodeStats.EMPTY;

    /**
     * One side of the dual encoder.
     *
     * @param model       registry name or path of the model
     * @param fingerprint identifies the weights (artifact coordinates or file digest) for cache keys
     * @param encoder     tokenizer + backbone + pooling
     * @param settings    text preparation and lengths
     */
    public record Tower(String model, String fingerprint, SentenceEncoder encoder, EncodingSettings settings) {
    }

    /**
     * @param cacheRoot directory of the embedding cache, or null to encode everything every time
     */
    public DualEncoder(String name, Tower queryTower, Tower passageTower, Similarity similarity, Path cacheRoot) {
        this.name = name;
        this.queryTower = queryTower;
        this.passageTower = passageTower;
        this.similarity = similarity;
        this.cacheRoot = cacheRoot;
    }

    public String name() {
        return name;
    }

    public Similarity similarity() {
        return similarity;
    }

    public Tower queryTower() {
        return queryTower;
    }

    public Tower passageTower() {
        return passageTower;
    }

    /** Returns what query encoding has cost so far (cache hits excluded). */
    public EncodeStats queryStats() {
        return queryStats;
    }

    public EncodeStats passageStats() {
        return passageStats;
    }

    public Embeddings encodeQueries(List<Query> queries) {
        List<EncoderInput> inputs = new ArrayList<>(queries.size());
        for (Query query : queries) {
            inputs.add(TextPreparation.query(query, queryTower.settings()));
        }
        Encoded encoded = encode(inputs, queryTower, "query", queryTower.settings().queryMaxLength(),
                "encode queries");
        queryStats = queryStats.plus(encoded.stats());
        return encoded.embeddings();
    }

    public Embeddings encodePassages(List<Passage> passages) {
        List<EncoderInput> inputs = new ArrayList<>(passages.size());
        for (Passage passage : passages) {
            inputs.add(TextPreparation.passage(passage, passageTower.settings()));
        }
        Encoded encoded = encode(inputs, passageTower, "passage", passageTower.settings().passageMaxLength(),
                "encode passages");
        passageStats = passageStats.plus(encoded.stats());
        return encoded.embeddings();
    }

    private record Encoded(Embeddings embeddings, EncodeStats stats) {
    }

    private Encoded encode(List<EncoderInput> inputs, Tower tower, String role, int maxLength, String task) {
        SentenceEncoder encoder = tower.encoder();
        int dim = encoder.backbone().config().hiddenSize();
        float[] output = new float[inputs.size() * dim];
        EmbeddingCache cache = openCache(tower, role, maxLength, dim);

        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            float[] cached = cache == null ? null : cache.get(inputs.get(i));
            if (cached == null) {
                missing.add(i);
            } else {
                System.arraycopy(cached, 0, output, i * dim, dim);
            }
        }
        if (cache != null) {
            LOG.info("{} {}: {} of {} vectors from the cache {}", name, role, inputs.size() - missing.size(),
                    inputs.size(), cache.directory());
        }

        // Similar lengths in a chunk keep the padding of its batches small; characters are a cheap proxy.
        missing.sort(Comparator.comparingInt((Integer i) -> inputLength(inputs.get(i))).reversed());
        EncodeStats stats = EncodeStats.EMPTY;
        try (Progress progress = missing.isEmpty() ? null : Progress.start(task, missing.size(), "texts")) {
            for (int from = 0; from < missing.size(); from += CHUNK_SIZE) {
                List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK_SIZE));
                List<EncoderInput> chunkInputs = chunk.stream().map(inputs::get).toList();
                SentenceEncoder.Result result = encoder.encodeInputs(chunkInputs, progress);
                stats = stats.plus(result.stats());
                if (progress != null && stats.truncated() > 0) {
                    progress.message(" " + stats.truncated() + " truncated at " + maxLength + " tokens");
                }
                for (int row = 0; row < chunk.size(); row++) {
                    System.arraycopy(result.embeddings().data(), row * dim, output, chunk.get(row) * dim, dim);
                }
                if (cache != null) {
                    cache.putAll(chunkInputs, result.embeddings());
                }
            }
        }
        if (stats.truncated() > 0) {
            LOG.info("{} {}: {} of {} encoded texts truncated at {} tokens", name, role, stats.truncated(),
                    stats.texts(), maxLength);
        }
        return new Encoded(new Embeddings(inputs.size(), dim, output), stats);
    }

    private static int inputLength(EncoderInput input) {
        return input.first().length() + (input.second() == null ? 0 : input.second().length());
    }

    private EmbeddingCache openCache(Tower tower, String role, int maxLength, int dim) {
        if (cacheRoot == null) {
            return null;
        }
        Map<String, String> key = new LinkedHashMap<>();
        key.put("fingerprint", tower.fingerprint());
        key.put("role", role);
        key.put("max_length", Integer.toString(maxLength));
        key.put("lowercase", Boolean.toString(tower.settings().lowercase()));
        key.put("pooling", tower.settings().pooling());
        key.put("normalize", Boolean.toString(tower.settings().normalize()));
        // Prefixes, space removal and title mode change the input text, which is part of each entry's key.
        return EmbeddingCache.open(cacheRoot, tower.model(), key, dim);
    }

    /** Closes both towers; a backbone or tokenizer shared by them is closed once. */
    @Override
    public void close() {
        SentenceEncoder query = queryTower.encoder();
        SentenceEncoder passage = passageTower.encoder();
        query.tokenizer().close();
        if (passage.tokenizer() != query.tokenizer()) {
            passage.tokenizer().close();
        }
        query.backbone().close();
        if (passage.backbone() != query.backbone()) {
            passage.backbone().close();
        }
    }
}
