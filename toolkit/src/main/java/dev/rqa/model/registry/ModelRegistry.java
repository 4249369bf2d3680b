package dev.rqa.model.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.index.Similarity;
import dev.rqa.encode.TitleMode;
import dev.rqa.model.Activation;
import dev.rqa.model.TransformerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The models the toolkit knows by name, read from {@code models.json} on the class path.
 *
 * <p>An entry names a shared architecture and a shared settings profile, so adding a model is a
 * few lines of JSON, never a new class.
 */
public final class ModelRegistry {

    private static final String RESOURCE = "/dev/rqa/model/models.json";
    private static volatile ModelRegistry builtIn;

    private final Map<String, ModelSpec> models;

    private ModelRegistry(Map<String, ModelSpec> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    /** Returns the registry shipped with the toolkit. */
    public static ModelRegistry builtIn() {
        ModelRegistry registry = builtIn;
        if (registry == null) {
            try (InputStream in = ModelRegistry.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("model registry " + RESOURCE + " missing from the class path");
                }
                registry = parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model registry " + RESOURCE, e);
            }
            builtIn = registry;
        }
        return registry;
    }

    /** Parses a registry document; {@code origin} names it in error messages. */
    public static ModelRegistry parse(Reader reader, String origin) {
        JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
        JsonObject architectures = root.getAsJsonObject("architectures");
        JsonObject profiles = root.getAsJsonObject("settingsProfiles");
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        for (JsonElement element : root.getAsJsonArray("models")) {
            JsonObject entry = element.getAsJsonObject();
            String name = string(entry, "name", origin);
            try {
                ModelSpec spec = parseEntry(entry, name, architectures, profiles);
                if (models.put(name, spec) != null) {
                    throw new IllegalArgumentException("duplicate model name");
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("invalid model entry '" + name + "' in " + origin + ": "
                        + e.getMessage(), e);
            }
        }
        for (ModelSpec spec : models.values()) {
            if (spec.isPair()) {
                requireKind(models, spec.queryModel(), ModelKind.QUERY_ENCODER, spec.name());
                requireKind(models, spec.passageModel(), ModelKind.PASSAGE_ENCODER, spec.name());
            }
        }
        return new ModelRegistry(models);
    }

    private static void requireKind(Map<String, ModelSpec> models, String name, ModelKind kind, String pair) {
        ModelSpec member = models.get(name);
        if (member == null || member.kind() != kind) {
            throw new IllegalStateException("pair '" + pair + "' names '" + name + "', which is not a "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " entry");
        }
    }

    private static ModelSpec parseEntry(JsonObject entry, String name, JsonObject architectures,
                                        JsonObject profiles) {
        ModelKind kind = ModelKind.valueOf(string(entry, "kind", name).toUpperCase(Locale.ROOT).replace('-', '_'));
        String description = optionalString(entry, "description", "");
        String license = optionalString(entry, "license", "");
        if (kind == ModelKind.PAIR) {
            return new ModelSpec(name, kind, description, license, null, null, null,
                    Similarity.parse(string(entry, "similarity", name)),
                    string(entry, "query", name), string(entry, "passage", name), 0);
        }

        TransformerConfig architecture = architecture(architectures, string(entry, "architecture", name));
        ModelSource source = source(entry.getAsJsonObject("source"), name);
        if (kind == ModelKind.CROSS_ENCODER) {
            EncodingSettings pairSettings = new EncodingSettings(0, 0, "", "",
                    entry.get("lowercase").getAsBoolean(), entry.get("removeSpaces").getAsBoolean(),
                    TitleMode.NONE, "cls", false);
            return new ModelSpec(name, kind, description, license, source, architecture, pairSettings, null, null,
                    null, entry.get("pairMaxLength").getAsInt());
        }
        EncodingSettings settings = settings(profiles, string(entry, "settings", name));
        return new ModelSpec(name, kind, description, license, source, architecture, settings,
                Similarity.parse(string(entry, "similarity", name)), null, null, 0);
    }

    private static TransformerConfig architecture(JsonObject architectures, String name) {
        JsonObject a = architectures.getAsJsonObject(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'");
        }
        return new TransformerConfig(a.get("layers").getAsInt(), a.get("hidden").getAsInt(), a.get("heads").getAsInt(),
                a.get("intermediate").getAsInt(), a.get("vocab").getAsInt(), a.get("positions").getAsInt(),
                a.get("typeVocab").getAsInt(), a.get("taskTypes").getAsInt(),
                Activation.parse(a.get("activation").getAsString()), a.get("layerNormEps").getAsDouble(),
                a.get("padId").getAsInt());
    }

    private static EncodingSettings settings(JsonObject profiles, String name) {
        JsonObject p = profiles.getAsJsonObject(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown settings profile '" + name + "'");
        }
        return new EncodingSettings(p.get("queryMaxLength").getAsInt(), p.get("passageMaxLength").getAsInt(),
                p.get("queryPrefix").getAsString(), p.get("passagePrefix").getAsString(),
                p.get("lowercase").getAsBoolean(), p.get("removeSpaces").getAsBoolean(),
                TitleMode.parse(p.get("titleMode").getAsString()), p.get("pooling").getAsString(),
                p.get("normalize").getAsBoolean());
    }

    private static ModelSource source(JsonObject source, String name) {
        if (source == null) {
            throw new IllegalArgumentException("missing 'source'");
        }
        Map<String, String> files = new LinkedHashMap<>();
        source.getAsJsonObject("files").entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsString()));
        Map<String, String> digests = new LinkedHashMap<>();
        if (source.has("sha256")) {
            source.getAsJsonObject("sha256").entrySet().forEach(e -> digests.put(e.getKey(), e.getValue().getAsString()));
        }
        return new ModelSource(string(source, "format", name), files, digests,
                optionalString(source, "artifact", ""));
    }

    private static String string(JsonObject object, String key, String context) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("missing '" + key + "' in " + context);
        }
        return value.getAsString();
    }

    private static String optionalString(JsonObject object, String key, String fallback) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsString();
    }

    public Collection<ModelSpec> all() {
        return models.values();
    }

    public boolean contains(String name) {
        return models.containsKey(name);
    }

    /** Returns an entry or fails with the list of known names. */
    public ModelSpec get(String name) {
        ModelSpec spec = models.get(name);
        if (spec == null) {
            throw new InvalidInputException("unknown model '" + name + "'. Known models: "
                    + String.join(", ", models.keySet())
                    + ". A local checkpoint directory or file path works as a model name too.");
        }
        return spec;
    }
}
