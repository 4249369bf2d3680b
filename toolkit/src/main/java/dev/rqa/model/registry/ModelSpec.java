package dev.rqa.model.registry;

import dev.rqa.encode.EncodingSettings;
import dev.rqa.index.Similarity;
import dev.rqa.model.TransformerConfig;

/**
 * One registry entry: a model described as data.
 *
 * @param name          registry name, for example {@code bge-small-zh-v1.5}
 * @param kind          what the entry is
 * @param description   one line for {@code rqa models}
 * @param license       license of the weights, as published
 * @param source        file locations; null for {@link ModelKind#PAIR}
 * @param architecture  transformer shape; null for {@link ModelKind#PAIR}
 * @param settings      encoding defaults; null for cross encoders and pairs
 * @param similarity    how query and passage vectors are compared; null for cross encoders
 * @param queryModel    query encoder entry of a pair, else null
 * @param passageModel  passage encoder entry of a pair, else null
 * @param pairMaxLength maximum tokens of a cross encoder's query-passage input, else 0
 */
public record ModelSpec(String name, ModelKind kind, String description, String license, ModelSource source,
                        TransformerConfig architecture, EncodingSettings settings, Similarity similarity,
                        String queryModel, String passageModel, int pairMaxLength) {

    public boolean isPair() {
        return kind == ModelKind.PAIR;
    }

    public boolean isCrossEncoder() {
        return kind == ModelKind.CROSS_ENCODER;
    }
}
