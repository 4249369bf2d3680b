package dev.rqa.model.format;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps PaddleNLP ERNIE parameter names (after the key prefix is removed) to canonical names.
 *
 * <p>PaddleNLP's ErnieModel builds its encoder from {@code paddle.nn.TransformerEncoderLayer}, whose
 * parameters are {@code self_attn.{q,k,v,out}_proj}, {@code linear1}, {@code linear2},
 * {@code norm1} and {@code norm2}; Paddle's LayerNorm names its parameters weight and bias.
 */
final class PaddleErnieNames {

    private static final Pattern LAYER = Pattern.compile("encoder\\.layers\\.(\\d+)\\.(.+)\\.(weight|bias)");

    private static final Map<String, String> LAYER_MODULES = Map.of(
            "self_attn.q_proj", "attention.self.query",
            "self_attn.k_proj", "attention.self.key",
            "self_attn.v_proj", "attention.self.value",
            "self_attn.out_proj", "attention.output.dense",
            "norm1", "attention.output.LayerNorm",
            "linear1", "intermediate.dense",
            "linear2", "output.dense",
            "norm2", "output.LayerNorm");

    private PaddleErnieNames() {
    }

    /** Returns the canonical name of an unprefixed Paddle ERNIE name, or null when the encoder does not use it. */
    static String canonical(String name) {
        Matcher layer = LAYER.matcher(name);
        if (layer.matches()) {
            String module = LAYER_MODULES.get(layer.group(2));
            return module == null ? null : "encoder.layer." + layer.group(1) + "." + module + "." + layer.group(3);
        }
        String renamed = name.startsWith("embeddings.layer_norm.")
                ? "embeddings.LayerNorm." + name.substring("embeddings.layer_norm.".length())
                : name;
        return CanonicalNames.isCanonical(renamed) ? renamed : null;
    }
}
