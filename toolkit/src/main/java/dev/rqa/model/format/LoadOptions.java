package dev.rqa.model.format;

import dev.rqa.model.TransformerConfig;

/**
 * Settings that a checkpoint's files may not carry, usually supplied by a model registry.
 *
 * @param config     architecture to use instead of a config file, or null to read or infer it
 * @param numHeads   attention heads for checkpoints without a config (ONNX), or null
 * @param lowerCase  whether the tokenizer lower-cases, or null to take the tokenizer files' setting
 *                   (tokenizer.json normalizer, tokenizer_config.json {@code do_lower_case}, else true)
 * @param padTokenId padding id when the config is inferred from shapes
 */
public record LoadOptions(TransformerConfig config, Integer numHeads, Boolean lowerCase, int padTokenId) {

    /** Returns options that take everything from the files. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, null, 0);
    }

    public LoadOptions withConfig(TransformerConfig value) {
        return new LoadOptions(value, numHeads, lowerCase, padTokenId);
    }

    public LoadOptions withNumHeads(int value) {
        return new LoadOptions(config, value, lowerCase, padTokenId);
    }

    public LoadOptions withLowerCase(boolean value) {
        return new LoadOptions(config, numHeads, value, padTokenId);
    }

    public LoadOptions withPadTokenId(int value) {
        return new LoadOptions(config, numHeads, lowerCase, value);
    }
}
