package dev.rqa.cli;

import ai.djl.Device;
import dev.rqa.encode.TitleMode;
import dev.rqa.index.Similarity;
import dev.rqa.model.DeviceSelector;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import picocli.CommandLine.Option;

/** Options shared by every command that loads an encoder: device, batching, caching and encoding settings. */
final class ModelOptions {

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Device of the PyTorch engine (default: ${DEFAULT-VALUE}). A GPU request without a GPU"
                    + " continues on the CPU with a warning.")
    String device;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ModelLoader.DEFAULT_BATCH_SIZE,
            description = "Maximum sequences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + ModelLoader.DEFAULT_MAX_TOKENS,
            description = "Maximum padded tokens per forward pass, which bounds activation memory"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--no-cache", description = "Encode everything again instead of reusing cached embeddings.")
    boolean noCache;

    @Option(names = "--download",
            description = "Download missing registry weights into the cache (needs network access).")
    boolean download;

    @Option(names = "--query-max-length", paramLabel = "TOKENS",
            description = "Maximum query tokens including [CLS] and [SEP] (default: the model's; RocketQA 32, bge 512).")
    Integer queryMaxLength;

    @Option(names = "--passage-max-length", paramLabel = "TOKENS",
            description = "Maximum passage tokens including special tokens (default: the model's; RocketQA 384,"
                    + " bge 512).")
    Integer passageMaxLength;

    @Option(names = "--query-prefix", paramLabel = "TEXT",
            description = "Text prepended to every query (default: the model's; bge uses its retrieval"
                    + " instruction). Give \"\" for none.")
    String queryPrefix;

    @Option(names = "--lowercase", negatable = true,
            description = "Lower-case text before WordPiece (default: the model's; on for every registered model).")
    Boolean lowercase;

    @Option(names = "--remove-spaces", negatable = true,
            description = "Delete ASCII spaces before tokenising, as RocketQA's readers do (default: the model's).")
    Boolean removeSpaces;

    @Option(names = "--title-mode", paramLabel = "none|pair|concat",
            description = "How passage titles are encoded: none, pair ([CLS] title [SEP] text [SEP]) or concat"
                    + " (title + space + text). Default: the model's.")
    String titleMode;

    @Option(names = "--similarity", paramLabel = "cosine|dot",
            description = "How query and passage vectors are compared (default: the model's).")
    String similarity;

    EncodingOverrides overrides() {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, queryPrefix, lowercase, removeSpaces,
                titleMode == null ? null : TitleMode.parse(titleMode),
                similarity == null ? null : Similarity.parse(similarity));
    }

    Device resolveDevice() {
        return DeviceSelector.select(device);
    }

    ModelLoader loader() {
        ModelLoader loader = ModelLoader.create(resolveDevice()).withDownloads(download)
                .withBatching(batchSize, maxTokens);
        return noCache ? loader.withEmbeddingCache(null) : loader;
    }
}
