package dev.rqa.model.format;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Places tokenizer.json files where DJL's HuggingFaceTokenizer can load them: generated from a
 * vocab.txt, copied from the class path, or patched to another lower-casing setting. Files go to
 * the toolkit's cache directory under names derived from their content, so reruns reuse them and
 * concurrent writers produce the same file.
 */
public final class TokenizerFiles {

    private TokenizerFiles() {
    }

    /**
     * Returns the cache directory: system property {@code rqa.cacheDir}, else environment variable
     * {@code RQA_CACHE_DIR}, else {@code ~/.cache/rqa}.
     */
    public static Path cacheDirectory() {
        String configured = System.getProperty("rqa.cacheDir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("RQA_CACHE_DIR");
        }
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "rqa");
        }
        return Path.of(configured);
    }

    /** Generates a tokenizer.json for a WordPiece vocabulary file and returns its path. */
    public static Path fromVocab(Path vocabFile, boolean lowerCase) {
        String json = VocabTokenizerJson.fromVocabFile(vocabFile, lowerCase);
        return store(json, "vocab");
    }

    /** Copies a tokenizer.json from the class path, for example {@code /bge-small-zh-v1.5-tokenizer.json}. */
    public static Path fromResource(String resource) {
        try (InputStream in = TokenizerFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException("class path resource " + resource + " not found");
            }
            return store(new String(in.readAllBytes(), StandardCharsets.UTF_8), "resource");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read class path resource " + resource, e);
        }
    }

    /** Returns the {@code lowercase} flag of a tokenizer.json with a BertNormalizer, if it has one. */
    public static Optional<Boolean> lowerCase(Path tokenizerJson) {
        JsonElement normalizer = parse(tokenizerJson).get("normalizer");
        if (normalizer != null && normalizer.isJsonObject()
                && "BertNormalizer".equals(stringOrNull(normalizer.getAsJsonObject().get("type")))
                && normalizer.getAsJsonObject().get("lowercase") != null) {
            return Optional.of(normalizer.getAsJsonObject().get("lowercase").getAsBoolean());
        }
        return Optional.empty();
    }

    /** Returns the number of ids of a tokenizer.json: its model vocabulary plus added tokens beyond it. */
    public static int vocabSize(Path tokenizerJson) {
        JsonObject root = parse(tokenizerJson);
        int maxId = -1;
        JsonElement model = root.get("model");
        if (model != null && model.isJsonObject() && model.getAsJsonObject().get("vocab") instanceof JsonObject vocab) {
            for (var entry : vocab.entrySet()) {
                maxId = Math.max(maxId, entry.getValue().getAsInt());
            }
        }
        if (root.get("added_tokens") != null && root.get("added_tokens").isJsonArray()) {
            for (JsonElement token : root.getAsJsonArray("added_tokens")) {
                maxId = Math.max(maxId, token.getAsJsonObject().get("id").getAsInt());
            }
        }
        return maxId + 1;
    }

    /**
     * Returns a tokenizer.json that lower-cases as requested: the file itself when it already
     * does, otherwise a copy with the BertNormalizer's {@code lowercase} flag changed.
     *
     * @throws InvalidInputException when the file has no BertNormalizer whose flag can be set
     */
    public static Path withLowerCase(Path tokenizerJson, boolean lowerCase) {
        Optional<Boolean> current = lowerCase(tokenizerJson);
        if (current.isPresent() && current.get() == lowerCase) {
            return tokenizerJson;
        }
        if (current.isEmpty()) {
            throw new InvalidInputException(tokenizerJson + " has no BertNormalizer, so lower-casing cannot be set"
                    + " to " + lowerCase + "; remove the lower-case option or supply a matching tokenizer.json");
        }
        JsonObject root = parse(tokenizerJson);
        root.getAsJsonObject("normalizer").addProperty("lowercase", lowerCase);
        Gson gson = new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create();
        return store(gson.toJson(root), lowerCase ? "lowercased" : "cased");
    }

    private static JsonObject parse(Path tokenizerJson) {
        try {
            return JsonParser.parseString(Files.readString(tokenizerJson, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("tokenizer file not found: " + tokenizerJson);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new InvalidInputException(tokenizerJson + " is not a tokenizer.json JSON object: " + e.getMessage(),
                    e);
        }
    }

    private static String stringOrNull(JsonElement element) {
        return element == null || !element.isJsonPrimitive() ? null : element.getAsString();
    }

    /** Writes text to {@code <cache>/tokenizers/<kind>-<sha256 prefix>.json} unless it is already there. */
    private static Path store(String json, String kind) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Path directory = cacheDirectory().resolve("tokenizers");
        Path target = directory.resolve(kind + "-" + sha256(bytes).substring(0, 16) + ".json");
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            Files.createDirectories(directory);
            // Write beside the target and rename, so a reader never sees a half-written file.
            Path temp = Files.createTempFile(directory, kind + "-", ".json.tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the tokenizer file " + target + ": " + e.getMessage()
                    + "; set RQA_CACHE_DIR to a writable directory", e);
        }
        return target;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
