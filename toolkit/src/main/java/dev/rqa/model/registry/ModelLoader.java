package dev.rqa.model.registry;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.data.FetchedFile;
import dev.rqa.data.FileFetcher;
import dev.rqa.data.RemoteFile;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TextTokenizer;
import dev.rqa.encode.TitleMode;
import dev.rqa.index.Similarity;
import dev.rqa.model.ClassificationHead;
import dev.rqa.model.Pooling;
import dev.rqa.model.TransformerEncoder;
import dev.rqa.model.format.CheckpointLoader;
import dev.rqa.model.format.LoadOptions;
import dev.rqa.model.format.LoadedCheckpoint;
import dev.rqa.rerank.CrossEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a model name into a ready encoder: finds the files (class path, cache, mirror, or a download
 * the user asked for), reads and validates the checkpoint, and builds towers or a cross encoder on a
 * device.
 *
 * <p>A model name is a registry entry, a local checkpoint directory or weights file, or for dual
 * encoders {@code QUERY_MODEL,PASSAGE_MODEL} with each side either of those. Weights are never
 * downloaded unless {@link #withDownloads(boolean)} allowed it.
 */
public final class ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    /** Sequences per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Padded tokens per forward pass; bounds activation memory (about 4 MB per 1,000 tokens at hidden 768). */
    public static final int DEFAULT_MAX_TOKENS = 16_384;

    /** Cross-encoder input length of PaddleNLP's Taskflow, used for local checkpoints. */
    public static final int DEFAULT_PAIR_MAX_LENGTH = 384;

    private final ModelRegistry registry;
    private final FileFetcher fetcher;
    private final Device device;
    private final boolean allowDownload;
    private final Path embeddingCache;
    private final int batchSize;
    private final int maxTokens;

    private ModelLoader(ModelRegistry registry, FileFetcher fetcher, Device device, boolean allowDownload,
                        Path embeddingCache, int batchSize, int maxTokens) {
        this.registry = registry;
        this.fetcher = fetcher;
        this.device = device;
        this.allowDownload = allowDownload;
        this.embeddingCache = embeddingCache;
        this.batchSize = batchSize;
        this.maxTokens = maxTokens;
    }

    /**
     * Creates a loader with the built-in registry, the fetcher configured by {@code RQA_DATA_MIRROR},
     * {@code RQA_CACHE_DIR} and {@code RQA_OFFLINE}, downloads disabled, and the embedding cache in
     * {@code <cache>/embeddings}.
     */
    public static ModelLoader create(Device device) {
        FileFetcher fetcher = FileFetcher.fromEnvironment();
        return new ModelLoader(ModelRegistry.builtIn(), fetcher, device, false,
                fetcher.settings().cacheDir().resolve("embeddings"), DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS);
    }

    public ModelLoader withDownloads(boolean allowed) {
        return new ModelLoader(registry, fetcher, device, allowed, embeddingCache, batchSize, maxTokens);
    }

    /** Returns a loader whose dual encoders cache vectors under {@code directory}, or not at all when null. */
    public ModelLoader withEmbeddingCache(Path directory) {
        return new ModelLoader(registry, fetcher, device, allowDownload, directory, batchSize, maxTokens);
    }

    public ModelLoader withBatching(int sequences, int paddedTokens) {
        return new ModelLoader(registry, fetcher, device, allowDownload, embeddingCache, sequences, paddedTokens);
    }

    public ModelLoader withFetcher(FileFetcher newFetcher) {
        return new ModelLoader(registry, newFetcher, device, allowDownload, embeddingCache, batchSize, maxTokens);
    }

    /** Returns a loader that resolves model names in another registry, such as one parsed from a test's JSON. */
    public ModelLoader withRegistry(ModelRegistry newRegistry) {
        return new ModelLoader(newRegistry, fetcher, device, allowDownload, embeddingCache, batchSize, maxTokens);
    }

    public ModelRegistry registry() {
        return registry;
    }

    public Device device() {
        return device;
    }

    /** A checkpoint with the defaults the toolkit encodes it with. */
    private record Resolved(String name, LoadedCheckpoint checkpoint, EncodingSettings settings,
                            Similarity similarity, String fingerprint, ModelSpec spec) {
    }

    /**
     * Builds a dual encoder.
     *
     * @param model     registry name of an encoder or pair, a local checkpoint, or {@code QUERY,PASSAGE}
     * @param overrides settings that replace the registry defaults
     */
    public DualEncoder dualEncoder(String model, EncodingOverrides overrides) {
        String[] parts = model.split(",", -1);
        if (parts.length > 2 || model.isBlank()) {
            throw new InvalidInputException("invalid model '" + model + "': give one model, or QUERY_MODEL,"
                    + "PASSAGE_MODEL for separate query and passage encoders");
        }
        if (parts.length == 2) {
            return pair(model, parts[0].strip(), parts[1].strip(), overrides, null);
        }
        if (registry.contains(model)) {
            ModelSpec spec = registry.get(model);
            if (spec.isPair()) {
                return pair(model, spec.queryModel(), spec.passageModel(), overrides, spec.similarity());
            }
            if (spec.isCrossEncoder()) {
                throw new InvalidInputException("'" + model + "' is a cross encoder; use it with --reranker, and give"
                        + " a dual encoder (for example bge-small-zh-v1.5 or rocketqa-zh-base) as --model");
            }
        }

        Resolved resolved = resolve(model);
        EncodingSettings settings = overrides.applyTo(resolved.settings());
        TransformerEncoder backbone = createBackbone(resolved);
        SentenceEncoder queries = tower(resolved, backbone, settings, settings.queryMaxLength());
        SentenceEncoder passages = settings.passageMaxLength() == settings.queryMaxLength()
                ? queries
                : tower(resolved, backbone, settings, settings.passageMaxLength());
        Similarity similarity = overrides.similarity() != null ? overrides.similarity() : resolved.similarity();
        return new DualEncoder(model,
                new DualEncoder.Tower(resolved.name(), resolved.fingerprint(), queries, settings),
                new DualEncoder.Tower(resolved.name(), resolved.fingerprint(), passages, settings),
                similarity, embeddingCache);
    }

    private DualEncoder pair(String name, String queryModel, String passageModel, EncodingOverrides overrides,
                             Similarity pairSimilarity) {
        return pair(name, resolve(queryModel), resolve(passageModel), overrides, pairSimilarity);
    }

    private DualEncoder pair(String name, Resolved query, Resolved passage, EncodingOverrides overrides,
                             Similarity pairSimilarity) {
        EncodingSettings querySettings = overrides.applyTo(query.settings());
        EncodingSettings passageSettings = overrides.applyTo(passage.settings());
        TransformerEncoder queryBackbone = createBackbone(query);
        TransformerEncoder passageBackbone;
        try {
            passageBackbone = createBackbone(passage);
        } catch (RuntimeException e) {
            queryBackbone.close();
            throw e;
        }
        Similarity similarity = overrides.similarity() != null ? overrides.similarity()
                : pairSimilarity != null ? pairSimilarity : query.similarity();
        return new DualEncoder(name,
                new DualEncoder.Tower(query.name(), query.fingerprint(),
                        tower(query, queryBackbone, querySettings, querySettings.queryMaxLength()), querySettings),
                new DualEncoder.Tower(passage.name(), passage.fingerprint(),
                        tower(passage, passageBackbone, passageSettings, passageSettings.passageMaxLength()),
                        passageSettings),
                similarity, embeddingCache);
    }

    /**
     * Builds a cross encoder with its default maximum length: the registry's, or for local checkpoints
     * 384 or the checkpoint's position count, whichever is smaller.
     */
    public CrossEncoder crossEncoder(String model) {
        return crossEncoder(model, null);
    }

    /**
     * Builds a cross encoder from a registry entry or a local checkpoint with a 2-class classifier.
     *
     * @param maxLength maximum tokens of {@code [CLS] query [SEP] passage [SEP]}, or null for the default
     */
    public CrossEncoder crossEncoder(String model, Integer maxLength) {
        Resolved resolved = resolve(model);
        // A local checkpoint with fewer positions than the Taskflow length (small test models) keeps its own limit.
        int pairLength = maxLength != null ? maxLength
                : resolved.spec() != null ? resolved.spec().pairMaxLength()
                : Math.min(DEFAULT_PAIR_MAX_LENGTH, resolved.checkpoint().config().maxPositions());
        boolean removeSpaces = resolved.spec() != null && resolved.spec().settings().removeSpaces();
        return crossEncoder(resolved, pairLength, removeSpaces);
    }

    private CrossEncoder crossEncoder(Resolved resolved, int pairLength, boolean removeSpaces) {
        LoadedCheckpoint checkpoint = resolved.checkpoint();
        if (!checkpoint.hasClassifier() || !checkpoint.hasPooler()) {
            throw new InvalidInputException("'" + resolved.name() + "' has no pooler and classifier ("
                    + checkpoint.source() + "); a cross encoder needs pooler.dense and a 2-class classifier");
        }
        TransformerEncoder backbone = createBackbone(resolved);
        try {
            ClassificationHead head = ClassificationHead.create(checkpoint.weights(), backbone.weightManager());
            TextTokenizer tokenizer = TextTokenizer.load(checkpoint.tokenizerJson(), checkpoint.lowerCase(),
                    pairLength);
            return new CrossEncoder(resolved.name(), tokenizer, backbone, head, removeSpaces,
                    new BatchPlanner(batchSize, maxTokens));
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
    }

    /**
     * Builds a dual encoder from checkpoints already in memory, such as seeded random weights of a
     * registered architecture ({@link dev.rqa.model.RandomWeights}). Query and passage towers get
     * their own backbones even when both checkpoints are the same object.
     *
     * @param fingerprint identifies the weights in embedding cache keys, for example the seed
     */
    public DualEncoder dualEncoder(String name, LoadedCheckpoint query, LoadedCheckpoint passage,
                                   EncodingSettings settings, Similarity similarity, String fingerprint) {
        return pair(name,
                new Resolved(name + " query encoder", query, settings, similarity, fingerprint + "|query", null),
                new Resolved(name + " passage encoder", passage, settings, similarity, fingerprint + "|passage", null),
                EncodingOverrides.NONE, similarity);
    }

    /**
     * Builds a cross encoder from a checkpoint already in memory that has a pooler and a 2-class
     * classifier, such as {@link dev.rqa.model.RandomWeights#crossEncoder}.
     *
     * @param pairMaxLength maximum tokens of {@code [CLS] query [SEP] passage [SEP]}
     * @param removeSpaces  delete ASCII spaces from both texts first, as RocketQA's readers do
     */
    public CrossEncoder crossEncoder(String name, LoadedCheckpoint checkpoint, int pairMaxLength,
                                     boolean removeSpaces) {
        return crossEncoder(new Resolved(name, checkpoint, null, null, name, null), pairMaxLength, removeSpaces);
    }

    private TransformerEncoder createBackbone(Resolved resolved) {
        LOG.info("loading {} on {}", resolved.name(), device);
        return TransformerEncoder.create(resolved.checkpoint().config(), resolved.checkpoint().weights(), device);
    }

    private SentenceEncoder tower(Resolved resolved, TransformerEncoder backbone, EncodingSettings settings,
                                  int maxLength) {
        TextTokenizer tokenizer = TextTokenizer.load(resolved.checkpoint().tokenizerJson(), settings.lowercase(),
                maxLength);
        return new SentenceEncoder(tokenizer, backbone, Pooling.parse(settings.pooling()), settings.normalize(),
                new BatchPlanner(batchSize, maxTokens));
    }

    private Resolved resolve(String model) {
        if (registry.contains(model)) {
            ModelSpec spec = registry.get(model);
            if (spec.isPair()) {
                throw new InvalidInputException("'" + model + "' is a pair of encoders and cannot be one side of"
                        + " QUERY_MODEL,PASSAGE_MODEL; name its " + spec.queryModel() + " or " + spec.passageModel());
            }
            LoadedCheckpoint checkpoint = loadRegistered(spec);
            return new Resolved(spec.name(), checkpoint, spec.settings(), spec.similarity(), fingerprint(spec),
                    spec);
        }
        Path path = Path.of(model);
        if (!Files.exists(path)) {
            registry.get(model);
        }
        LoadedCheckpoint checkpoint = CheckpointLoader.load(path);
        EncodingSettings settings = new EncodingSettings(512, 512, "", "", checkpoint.lowerCase(), false,
                TitleMode.NONE, "cls", false);
        return new Resolved(model, checkpoint, settings, Similarity.COSINE, fileFingerprint(path), null);
    }

    private LoadedCheckpoint loadRegistered(ModelSpec spec) {
        ModelSource source = spec.source();
        LoadOptions options = LoadOptions.defaults().withConfig(spec.architecture())
                .withLowerCase(spec.settings().lowercase());
        String weights = source.files().get("weights");
        if (weights.startsWith("classpath:")) {
            String tokenizer = source.files().get("tokenizer");
            requireResource(spec, weights);
            requireResource(spec, tokenizer);
            return CheckpointLoader.loadOnnxResource(weights.substring("classpath:".length()),
                    tokenizer.substring("classpath:".length()), options);
        }
        Map<String, Path> files = localFiles(spec);
        return CheckpointLoader.load(files.get("weights"), options);
    }

    private static void requireResource(ModelSpec spec, String location) {
        String resource = location.substring("classpath:".length());
        if (ModelLoader.class.getResource(resource) == null) {
            throw new InvalidInputException("the files of '" + spec.name() + "' are not on the class path ("
                    + resource + "); they come from the Maven artifact " + spec.source().artifact()
                    + ", which must be a dependency of the toolkit");
        }
    }

    /** Availability of a registered model's files: where they are, or which are missing. */
    public record Availability(boolean available, String where, List<RemoteFile> missing) {
    }

    /** Reports whether a registered model can be loaded without a download. */
    public Availability availability(ModelSpec spec) {
        if (spec.isPair()) {
            Availability query = availability(registry.get(spec.queryModel()));
            Availability passage = availability(registry.get(spec.passageModel()));
            List<RemoteFile> missing = new ArrayList<>(query.missing());
            missing.addAll(passage.missing());
            return new Availability(query.available() && passage.available(),
                    query.where() + " + " + passage.where(), missing);
        }
        String weights = spec.source().files().get("weights");
        if (weights.startsWith("classpath:")) {
            boolean present = ModelLoader.class.getResource(weights.substring("classpath:".length())) != null;
            return new Availability(present, present ? "bundled (" + spec.source().artifact() + ")" : "missing jar",
                    List.of());
        }
        List<RemoteFile> missing = new ArrayList<>();
        String where = "";
        for (RemoteFile file : remoteFiles(spec).values()) {
            Optional<Path> local = localCopy(file);
            if (local.isEmpty()) {
                missing.add(file);
            } else if (where.isEmpty()) {
                where = local.get().getParent().toString();
            }
        }
        return new Availability(missing.isEmpty(), missing.isEmpty() ? where : "not downloaded", missing);
    }

    /** Returns where the cache keeps a model file, whether or not it is there. */
    public Path cachePath(RemoteFile file) {
        return fetcher.cachePath(file);
    }

    /** Returns the mirror folder (RQA_DATA_MIRROR), when one is set. */
    public Optional<Path> mirrorDir() {
        return fetcher.settings().mirrorDir();
    }

    /** Downloads (or verifies) every file of a registered model, or of both sides of a pair. */
    public List<FetchedFile> download(ModelSpec spec) {
        if (spec.isPair()) {
            List<FetchedFile> files = new ArrayList<>(download(registry.get(spec.queryModel())));
            files.addAll(download(registry.get(spec.passageModel())));
            return files;
        }
        List<FetchedFile> fetched = new ArrayList<>();
        for (RemoteFile file : remoteFiles(spec).values()) {
            fetched.add(fetcher.fetch(file));
        }
        return fetched;
    }

    private Map<String, Path> localFiles(ModelSpec spec) {
        Map<String, Path> paths = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, RemoteFile> entry : remoteFiles(spec).entrySet()) {
            Optional<Path> local = localCopy(entry.getValue());
            if (local.isPresent()) {
                paths.put(entry.getKey(), local.get());
            } else if (allowDownload) {
                paths.put(entry.getKey(), fetcher.fetch(entry.getValue()).path());
            } else {
                missing.add(fetcher.cachePath(entry.getValue()).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("the weights of '" + spec.name() + "' are not available locally (looked"
                    + " for " + String.join(", ", missing) + fetcher.settings().mirrorDir()
                    .map(m -> " and in the mirror " + m).orElse("") + "). Download them once on a machine that is"
                    + " online with `rqa models --download " + spec.name() + "`, or copy the files there.");
        }
        return paths;
    }

    private Optional<Path> localCopy(RemoteFile file) {
        Optional<Path> mirror = fetcher.mirrorPath(file);
        if (mirror.isPresent()) {
            return mirror;
        }
        Path cached = fetcher.cachePath(file);
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * Returns the files of a registered model as cache entries: folder = model name, the weights under
     * their upstream file name and the vocabulary as {@code vocab.txt}, so the directory loads like a
     * PaddleNLP checkpoint.
     */
    Map<String, RemoteFile> remoteFiles(ModelSpec spec) {
        Map<String, RemoteFile> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : spec.source().files().entrySet()) {
            String role = entry.getKey();
            URI url = URI.create(entry.getValue());
            String fileName = switch (role) {
                case "vocab" -> "vocab.txt";
                case "config" -> "config.json";
                case "tokenizer" -> "tokenizer.json";
                default -> Path.of(url.getPath()).getFileName().toString();
            };
            files.put(role, new RemoteFile(spec.name(), fileName, url, spec.source().sha256().get(role), -1));
        }
        return files;
    }

    private static String fingerprint(ModelSpec spec) {
        if (!spec.source().artifact().isEmpty()) {
            return spec.source().artifact();
        }
        String weights = spec.source().files().get("weights");
        return spec.source().sha256().getOrDefault("weights", weights);
    }

    private static String fileFingerprint(Path path) {
        try {
            return path.toAbsolutePath() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return path.toAbsolutePath().toString();
        }
    }
}
