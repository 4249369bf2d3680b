package dev.rqa.model.format;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the toolkit's canonical tensor names (Hugging Face BERT names plus ERNIE 3.0's task
 * type embeddings), as documented on {@link dev.rqa.model.StateDict}.
 */
final class CanonicalNames {

    static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    static final String POOLER_WEIGHT = "pooler.dense.weight";
    static final String POOLER_BIAS = "pooler.dense.bias";
    static final String CLASSIFIER_WEIGHT = "classifier.weight";
    static final String CLASSIFIER_BIAS = "classifier.bias";

    private static final Pattern CANONICAL = Pattern.compile(
            "embeddings\\.(word|position|token_type|task_type)_embeddings\\.weight"
                    + "|embeddings\\.LayerNorm\\.(weight|bias)"
                    + "|encoder\\.layer\\.\\d+\\.(attention\\.self\\.(query|key|value)|attention\\.output\\.dense"
                    + "|attention\\.output\\.LayerNorm|intermediate\\.dense|output\\.dense|output\\.LayerNorm)"
                    + "\\.(weight|bias)"
                    + "|pooler\\.dense\\.(weight|bias)"
                    + "|classifier\\.(weight|bias)");

    private static final Pattern LINEAR_WEIGHT = Pattern.compile(
            "encoder\\.layer\\.\\d+\\.(attention\\.self\\.(query|key|value)|attention\\.output\\.dense"
                    + "|intermediate\\.dense|output\\.dense)\\.weight"
                    + "|pooler\\.dense\\.weight|classifier\\.weight");

    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    private CanonicalNames() {
    }

    static boolean isCanonical(String name) {
        return CANONICAL.matcher(name).matches();
    }

    /** Returns whether the tensor is the weight of a linear layer, stored [in, out] in canonical layout. */
    static boolean isLinearWeight(String name) {
        return LINEAR_WEIGHT.matcher(name).matches();
    }

    /** Returns the transformer layer index of an {@code encoder.layer.N.} name. */
    static OptionalInt layerIndex(String name) {
        Matcher matcher = LAYER.matcher(name);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
    }
}
