package dev.rqa.model.registry;

import java.util.Map;

/**
 * Where a model's files come from.
 *
 * <p>Locations are {@code classpath:/name} for files inside a jar on the class path (the bge models
 * arrive this way, as Maven dependencies), {@code https://...} for files downloaded on request into
 * the cache, or a local path.
 *
 * @param format   {@code onnx}, {@code pdparams} or {@code safetensors}
 * @param files    role ({@code weights}, {@code tokenizer}, {@code vocab}, {@code config}) to location
 * @param sha256   role to pinned SHA-256 digest, where one is known
 * @param artifact Maven coordinates of the carrier jar, or empty
 */
public record ModelSource(String format, Map<String, String> files, Map<String, String> sha256, String artifact) {

    public ModelSource {
        files = Map.copyOf(files);
        sha256 = Map.copyOf(sha256);
        artifact = artifact == null ? "" : artifact;
    }

    public boolean isDownloadable() {
        return files.values().stream().anyMatch(location -> location.startsWith("https://"));
    }
}
