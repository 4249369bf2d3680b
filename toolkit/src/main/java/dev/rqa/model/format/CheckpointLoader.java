package dev.rqa.model.format;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import dev.rqa.model.TransformerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a BERT or ERNIE checkpoint from local files, whatever its format, and checks that weights,
 * config and tokenizer agree.
 *
 * <p>A directory is recognised by its files:
 * <ul>
 *   <li>PaddleNLP: one {@code *.pdparams} (preferably {@code model_state.pdparams}), a
 *       {@code config.json} or {@code model_config.json}, and a {@code tokenizer.json} or {@code vocab.txt};</li>
 *   <li>Hugging Face: {@code model.safetensors}, {@code config.json}, and a {@code tokenizer.json}
 *       or {@code vocab.txt} (with {@code tokenizer_config.json} for {@code do_lower_case});</li>
 *   <li>ONNX: one {@code *.onnx} and a {@code tokenizer.json} or {@code <model>-tokenizer.json};
 *       the architecture is inferred from the graph, with the head count from {@link LoadOptions}.</li>
 * </ul>
 * A path to a weights file selects that file and looks for the other files beside it.
 */
public final class CheckpointLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoader.class);

    private CheckpointLoader() {
    }

    /** Loads a checkpoint taking every setting from its files. */
    public static LoadedCheckpoint load(Path path) {
        return load(path, LoadOptions.defaults());
    }

    /** Loads a checkpoint directory or weights file. */
    public static LoadedCheckpoint load(Path path, LoadOptions options) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("checkpoint path not found: " + path);
        }
        Path weightsFile = Files.isDirectory(path) ? findWeights(path) : path;
        Path directory = weightsFile.toAbsolutePath().getParent();
        String fileName = weightsFile.getFileName().toString();
        if (fileName.endsWith(".pdparams")) {
            return loadPdparams(weightsFile, directory, options);
        }
        if (fileName.endsWith(".safetensors")) {
            return loadSafetensors(weightsFile, directory, options);
        }
        if (fileName.endsWith(".onnx")) {
            return loadOnnx(weightsFile, directory, options);
        }
        throw new InvalidInputException(path + " is not a .pdparams, .safetensors or .onnx file");
    }

    /**
     * Loads an ONNX model and its tokenizer.json from the class path, for example
     * {@code /bge-small-zh-v1.5.onnx} and {@code /bge-small-zh-v1.5-tokenizer.json}.
     */
    public static LoadedCheckpoint loadOnnxResource(String onnxResource, String tokenizerResource,
                                                    LoadOptions options) {
        OnnxGraph graph = OnnxCheckpoints.readResource(onnxResource);
        Path tokenizer = TokenizerFiles.fromResource(tokenizerResource);
        return fromOnnx(graph, tokenizer, options, "ONNX model classpath:" + onnxResource + " (" + graph.producer()
                + "), tokenizer classpath:" + tokenizerResource);
    }

    /**
     * Checks weights made in memory (for example {@link dev.rqa.model.RandomWeights}) against their
     * architecture and a tokenizer, exactly as weights read from a file are checked.
     *
     * @param tokenizerJson a Hugging Face tokenizer.json whose ids all fit the config's vocabulary
     * @param lowerCase     whether that tokenizer lower-cases
     */
    public static LoadedCheckpoint fromMemory(TransformerConfig config, StateDict weights, Path tokenizerJson,
                                              boolean lowerCase) {
        return complete(weights, config, 0, tokenizerJson, lowerCase, weights.source() + ", tokenizer "
                + tokenizerJson, CheckpointFormat.GENERATED);
    }

    private static LoadedCheckpoint loadPdparams(Path file, Path directory, LoadOptions options) {
        PdparamsReader.Contents contents = PdparamsReader.read(file);
        Optional<CheckpointConfig> config = readConfig(directory, List.of("config.json", "model_config.json"));
        String description = "PaddlePaddle state dict " + file + " (pickle protocol " + contents.protocol() + ", "
                + String.join("/", contents.dtypes()) + ", key prefix '" + contents.prefix() + "')";
        return finish(contents.weights(), config, directory, options, description, CheckpointFormat.PDPARAMS);
    }

    private static LoadedCheckpoint loadSafetensors(Path file, Path directory, LoadOptions options) {
        SafetensorsReader.Contents contents = SafetensorsReader.read(file);
        Optional<CheckpointConfig> config = readConfig(directory, List.of("config.json"));
        String description = "safetensors " + file + " (" + String.join("/", contents.dtypes()) + ")";
        return finish(contents.weights(), config, directory, options, description, CheckpointFormat.SAFETENSORS);
    }

    private static LoadedCheckpoint loadOnnx(Path file, Path directory, LoadOptions options) {
        OnnxGraph graph = OnnxCheckpoints.readGraph(file);
        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path tokenizer = Stream.of(directory.resolve("tokenizer.json"), directory.resolve(stem + "-tokenizer.json"))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new InvalidInputException("no tokenizer.json or " + stem
                        + "-tokenizer.json next to " + file + "; an ONNX model needs its tokenizer file beside it"));
        return fromOnnx(graph, tokenizer, options, "ONNX model " + file + " (" + graph.producer() + ")");
    }

    private static LoadedCheckpoint fromOnnx(OnnxGraph graph, Path tokenizer, LoadOptions options,
                                             String description) {
        OnnxCheckpoints.Mapping mapping = OnnxCheckpoints.map(graph);
        TransformerConfig config = options.config();
        if (config == null) {
            if (options.numHeads() == null) {
                throw new InvalidInputException(graph.source() + " has no config and its shapes cannot tell the"
                        + " number of attention heads; give the head count (8 for bge-small-zh)");
            }
            config = OnnxCheckpoints.inferConfig(graph, mapping.weights(), options.numHeads(), options.padTokenId());
        }
        Path tokenizerJson = tokenizer;
        boolean lowerCase = TokenizerFiles.lowerCase(tokenizer).orElse(false);
        if (options.lowerCase() != null && options.lowerCase() != lowerCase) {
            tokenizerJson = TokenizerFiles.withLowerCase(tokenizer, options.lowerCase());
            lowerCase = options.lowerCase();
        }
        return complete(mapping.weights(), config, 0, tokenizerJson, lowerCase, description, CheckpointFormat.ONNX);
    }

    private static LoadedCheckpoint finish(StateDict weights, Optional<CheckpointConfig> fileConfig, Path directory,
                                           LoadOptions options, String description, CheckpointFormat format) {
        TransformerConfig config = options.config();
        int numLabels = fileConfig.map(CheckpointConfig::numLabels).orElse(0);
        if (config == null) {
            config = fileConfig.map(CheckpointConfig::transformer).orElseThrow(() -> new InvalidInputException(
                    "no config.json or model_config.json in " + directory + "; add the model's config file or"
                            + " load it through the model registry, which knows its architecture"));
        }
        String configSource = options.config() != null ? "config given by the caller"
                : "config " + fileConfig.get().source();

        Path tokenizerJson = directory.resolve("tokenizer.json");
        boolean lowerCase;
        if (Files.isRegularFile(tokenizerJson)) {
            lowerCase = TokenizerFiles.lowerCase(tokenizerJson).orElse(false);
            if (options.lowerCase() != null && options.lowerCase() != lowerCase) {
                tokenizerJson = TokenizerFiles.withLowerCase(tokenizerJson, options.lowerCase());
                lowerCase = options.lowerCase();
            }
        } else {
            Path vocab = findVocab(directory);
            lowerCase = options.lowerCase() != null ? options.lowerCase() : doLowerCase(directory).orElse(true);
            tokenizerJson = TokenizerFiles.fromVocab(vocab, lowerCase);
            configSource += ", vocabulary " + vocab;
        }
        return complete(weights, config, numLabels, tokenizerJson, lowerCase, description + ", " + configSource,
                format);
    }

    private static LoadedCheckpoint complete(StateDict weights, TransformerConfig config, int numLabels,
                                             Path tokenizerJson, boolean lowerCase, String description,
                                             CheckpointFormat format) {
        CheckpointValidator.Report report = CheckpointValidator.validate(config, weights, numLabels);
        for (String warning : report.warnings()) {
            LOG.warn(warning);
        }
        int tokenizerIds = TokenizerFiles.vocabSize(tokenizerJson);
        if (tokenizerIds > config.vocabSize()) {
            throw new InvalidInputException("the tokenizer " + tokenizerJson + " has " + tokenizerIds
                    + " ids but " + weights.source() + " embeds only " + config.vocabSize()
                    + "; the vocabulary belongs to another model");
        }
        Optional<Tensor> classifier = weights.find(CanonicalNames.CLASSIFIER_WEIGHT);
        int labels = classifier.map(t -> (int) t.shape()[1]).orElse(0);
        LOG.info("loaded {}: {} layers, hidden {}, vocabulary {}, lower-case {}", description, config.numLayers(),
                config.hiddenSize(), config.vocabSize(), lowerCase);
        return new LoadedCheckpoint(config, weights, tokenizerJson, lowerCase, description, format,
                weights.contains(CanonicalNames.POOLER_WEIGHT), classifier.isPresent(), labels, report.warnings());
    }

    private static Optional<CheckpointConfig> readConfig(Path directory, List<String> names) {
        for (String name : names) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(ModelConfigReader.read(file));
            }
        }
        return Optional.empty();
    }

    private static Path findWeights(Path directory) {
        List<Path> candidates = new ArrayList<>();
        for (String preferred : List.of("model_state.pdparams", "model.safetensors", "model.onnx")) {
            if (Files.isRegularFile(directory.resolve(preferred))) {
                candidates.add(directory.resolve(preferred));
            }
        }
        if (candidates.isEmpty()) {
            candidates = list(directory, ".pdparams");
            candidates.addAll(list(directory, ".safetensors"));
            candidates.addAll(list(directory, ".onnx"));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new InvalidInputException("no model weights (*.pdparams, model.safetensors or *.onnx) in "
                    + directory);
        }
        throw new InvalidInputException(directory + " contains several weight files " + candidates
                + "; pass the path of the one to load");
    }

    private static Path findVocab(Path directory) {
        Path vocab = directory.resolve("vocab.txt");
        if (Files.isRegularFile(vocab)) {
            return vocab;
        }
        List<Path> candidates = list(directory, "vocab.txt");
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw new InvalidInputException("no tokenizer.json or vocab.txt in " + directory
                + (candidates.isEmpty() ? "" : " (several *vocab.txt files: " + candidates + ")")
                + "; put the model's vocabulary next to its weights");
    }

    /** Reads {@code do_lower_case} from a Hugging Face or PaddleNLP tokenizer_config.json. */
    private static Optional<Boolean> doLowerCase(Path directory) {
        Path file = directory.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonElement value = root.get("do_lower_case");
            return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value.getAsBoolean());
        } catch (IOException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new InvalidInputException(file + " is not a valid tokenizer_config.json: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList());
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
