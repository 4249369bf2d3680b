package dev.rqa.model.format;

import java.util.List;

/**
 * Maps Hugging Face BERT and ERNIE tensor names ({@code bert.encoder.layer.0.attention.self.query.weight},
 * {@code ernie.embeddings.task_type_embeddings.weight}, {@code classifier.bias}) to canonical names.
 */
final class HuggingFaceNames {

    /** Prefixes of the backbone in Hugging Face task models; the classifier head has none. */
    private static final List<String> PREFIXES = List.of("bert.", "ernie.");

    private HuggingFaceNames() {
    }

    /** Returns the canonical name, or null for tensors the encoder does not use (MLM heads, position_ids). */
    static String canonical(String name) {
        // Checkpoints converted from TensorFlow name the LayerNorm parameters gamma and beta.
        String renamed = name.replace(".LayerNorm.gamma", ".LayerNorm.weight")
                .replace(".LayerNorm.beta", ".LayerNorm.bias");
        if (CanonicalNames.isCanonical(renamed)) {
            return renamed;
        }
        for (String prefix : PREFIXES) {
            if (renamed.startsWith(prefix) && CanonicalNames.isCanonical(renamed.substring(prefix.length()))) {
                return renamed.substring(prefix.length());
            }
        }
        return null;
    }
}
