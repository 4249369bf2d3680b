package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.model.format.CheckpointLoader;
import dev.rqa.model.format.LoadOptions;
import dev.rqa.model.format.LoadedCheckpoint;
import dev.rqa.model.registry.ModelRegistry;
import dev.rqa.model.registry.ModelSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A registry model ready for a speed comparison with ONNX Runtime: its checkpoint, read from the
 * ONNX file on the class path, and a copy of that file on disk for ONNX Runtime. This is the one
 * place where the benchmarks turn a model name into weights.
 *
 * @param name       registry name
 * @param checkpoint weights, architecture and tokenizer file
 * @param settings   the model's encoding settings (lower-casing, lengths, pooling)
 * @param onnxFile   temporary copy of the ONNX file, deleted by {@link #close()}
 */
public record BenchModel(String name, LoadedCheckpoint checkpoint, EncodingSettings settings, Path onnxFile)
        implements AutoCloseable {

    private static final String CLASSPATH = "classpath:";

    /** Loads a registry model that ships as an ONNX file on the class path and pools [CLS]. */
    public static BenchModel load(String name) {
        ModelSpec spec = ModelRegistry.builtIn().get(name);
        if (spec.source() == null || !"onnx".equals(spec.source().format())) {
            throw new InvalidInputException("model '" + name + "' is not an ONNX model; the comparison with ONNX"
                    + " Runtime needs one, such as bge-small-zh-v1.5 or bge-small-zh");
        }
        String weights = classpathResource(spec, "weights");
        String tokenizer = classpathResource(spec, "tokenizer");
        if (!"cls".equals(spec.settings().pooling())) {
            throw new InvalidInputException("model '" + name + "' pools with '" + spec.settings().pooling()
                    + "', but the ONNX Runtime reference pools [CLS]; pick a [CLS]-pooled model");
        }
        LoadedCheckpoint checkpoint = CheckpointLoader.loadOnnxResource(weights, tokenizer, LoadOptions.defaults()
                .withNumHeads(spec.architecture().numHeads())
                .withLowerCase(spec.settings().lowercase()));
        return new BenchModel(name, checkpoint, spec.settings(), copyToDisk(weights));
    }

    private static String classpathResource(ModelSpec spec, String role) {
        String location = spec.source().files().get(role);
        if (location == null || !location.startsWith(CLASSPATH)) {
            throw new InvalidInputException("model '" + spec.name() + "' has its " + role + " at " + location
                    + "; the benchmarks read models shipped on the class path, such as bge-small-zh-v1.5");
        }
        return location.substring(CLASSPATH.length());
    }

    private static Path copyToDisk(String resource) {
        try (InputStream in = BenchModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException("class path resource " + resource + " not found");
            }
            Path file = Files.createTempFile("rqa-bench-", ".onnx");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to a temporary file for ONNX Runtime", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(onnxFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + onnxFile, e);
        }
    }
}
