package dev.rqa.model.format;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.model.Activation;
import dev.rqa.model.TransformerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads BERT and ERNIE architecture files: Hugging Face {@code config.json}, PaddleNLP's newer
 * {@code config.json} (same keys) and PaddleNLP's older {@code model_config.json}, which nests the
 * ERNIE arguments under {@code init_args}, once for a bare model and again for every wrapping
 * task model.
 *
 * <p>Keys that are absent take the defaults of PaddleNLP's ErnieModel and Hugging Face's
 * BertConfig: 2 token types, 512 positions, intermediate size 3072, GELU, pad id 0, LayerNorm
 * epsilon 1e-12 (PaddleNLP sets every ERNIE LayerNorm to 1e-12 in its weight initialiser), and no
 * task type embeddings unless {@code use_task_id} is true (then {@code task_type_vocab_size},
 * default 3).
 */
public final class ModelConfigReader {

    private static final Set<String> SUPPORTED_MODEL_TYPES = Set.of("bert", "ernie");

    private ModelConfigReader() {
    }

    /** Reads a config file. */
    public static CheckpointConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("config file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonObject root;
        try {
            root = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new InvalidInputException(file + " is not a JSON object: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static CheckpointConfig parse(JsonObject root, String source) {
        Map<String, JsonElement> values = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        int numLabels = 0;
        JsonObject level = root;
        while (level != null) {
            for (Map.Entry<String, JsonElement> entry : level.entrySet()) {
                if (!entry.getKey().equals("init_args")) {
                    // Inner levels describe the backbone and override what wrappers repeat.
                    values.put(entry.getKey(), entry.getValue());
                }
            }
            if (numLabels == 0) {
                numLabels = labels(level, source);
            }
            className(level).ifPresent(classes::add);
            level = innerArguments(level);
        }

        Config config = new Config(values, source);
        String modelType = config.string("model_type", null);
        if (modelType != null && !SUPPORTED_MODEL_TYPES.contains(modelType)) {
            throw new InvalidInputException(source + " describes a '" + modelType + "' model; only BERT and ERNIE"
                    + " encoders (model_type bert or ernie) are supported");
        }
        int taskId = config.integer("task_id", 0);
        if (taskId != 0) {
            throw new InvalidInputException(source + " sets task_id " + taskId + "; the encoder adds task type"
                    + " row 0, as RocketQA and ERNIE 3.0 use, so other task ids are not supported");
        }
        boolean useTaskId = config.bool("use_task_id", false);
        String activationName = config.string("hidden_act", "gelu");
        Activation activation;
        try {
            activation = Activation.parse(activationName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
        TransformerConfig transformer;
        try {
            transformer = new TransformerConfig(
                    config.required("num_hidden_layers"),
                    config.required("hidden_size"),
                    config.required("num_attention_heads"),
                    config.integer("intermediate_size", 3072),
                    config.required("vocab_size"),
                    config.integer("max_position_embeddings", 512),
                    config.integer("type_vocab_size", 2),
                    useTaskId ? config.integer("task_type_vocab_size", 3) : 0,
                    activation,
                    config.number("layer_norm_eps", OnnxCheckpoints.DEFAULT_LAYER_NORM_EPS),
                    config.integer("pad_token_id", 0));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + " describes an impossible model: " + e.getMessage(), e);
        }
        return new CheckpointConfig(transformer, numLabels, String.join(" > ", classes), source);
    }

    private static JsonObject innerArguments(JsonObject level) {
        JsonElement args = level.get("init_args");
        if (args == null) {
            return null;
        }
        if (args.isJsonObject()) {
            return args.getAsJsonObject();
        }
        if (args.isJsonArray()) {
            for (JsonElement element : args.getAsJsonArray()) {
                if (element.isJsonObject()) {
                    return element.getAsJsonObject();
                }
            }
        }
        return null;
    }

    private static Optional<String> className(JsonObject level) {
        JsonElement initClass = level.get("init_class");
        if (initClass != null && initClass.isJsonPrimitive()) {
            return Optional.of(initClass.getAsString());
        }
        JsonElement architectures = level.get("architectures");
        if (architectures != null && architectures.isJsonArray() && !architectures.getAsJsonArray().isEmpty()) {
            return Optional.of(architectures.getAsJsonArray().get(0).getAsString());
        }
        return Optional.empty();
    }

    private static int labels(JsonObject level, String source) {
        for (String key : List.of("num_labels", "num_classes")) {
            JsonElement value = level.get(key);
            if (value != null && !value.isJsonNull()) {
                return new Config(Map.of(key, value), source).required(key);
            }
        }
        JsonElement id2label = level.get("id2label");
        if (id2label != null && id2label.isJsonObject()) {
            return id2label.getAsJsonObject().size();
        }
        return 0;
    }

    /** Typed access to the merged keys, with errors that name the key and the file. */
    private record Config(Map<String, JsonElement> values, String source) {

        int required(String key) {
            JsonElement value = values.get(key);
            if (value == null || value.isJsonNull()) {
                throw new InvalidInputException(source + " has no '" + key + "'; it is not a BERT or ERNIE config");
            }
            return toInt(key, value);
        }

        int integer(String key, int defaultValue) {
            JsonElement value = values.get(key);
            return value == null || value.isJsonNull() ? defaultValue : toInt(key, value);
        }

        double number(String key, double defaultValue) {
            JsonElement value = values.get(key);
            if (value == null || value.isJsonNull()) {
                return defaultValue;
            }
            try {
                return value.getAsDouble();
            } catch (RuntimeException e) {
                throw invalid(key, value);
            }
        }

        boolean bool(String key, boolean defaultValue) {
            JsonElement value = values.get(key);
            if (value == null || value.isJsonNull()) {
                return defaultValue;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw invalid(key, value);
            }
            return value.getAsBoolean();
        }

        String string(String key, String defaultValue) {
            JsonElement value = values.get(key);
            if (value == null || value.isJsonNull()) {
                return defaultValue;
            }
            if (!value.isJsonPrimitive()) {
                throw invalid(key, value);
            }
            return value.getAsString();
        }

        private int toInt(String key, JsonElement value) {
            try {
                double number = value.getAsDouble();
                if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
                    throw invalid(key, value);
                }
                return (int) number;
            } catch (IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
                throw invalid(key, value);
            }
        }

        private InvalidInputException invalid(String key, JsonElement value) {
            return new InvalidInputException(source + ": '" + key + "' has the invalid value " + value);
        }
    }
}
