package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.registry.ModelKind;
import dev.rqa.model.registry.ModelRegistry;
import dev.rqa.model.registry.ModelSpec;

import java.util.Locale;

/**
 * One model of a sweep: a dual encoder from the registry and the cross encoder that re-ranks its
 * recall.
 *
 * @param name         name in tables, the registry name of the dual encoder
 * @param size         RocketQA-zh size ({@code nano} ...), or empty for other models
 * @param dualEncoder  registry entry of the dual encoder (a pair or a single encoder)
 * @param querySpec    registry entry of the query side, which carries the architecture and the encoding defaults
 * @param passageSpec  registry entry of the passage side
 * @param crossEncoder registry entry of the cross encoder, or null when none is registered; then a
 *                     speed-only cross encoder of the dual encoder's architecture re-ranks
 */
public record SweepModel(String name, String size, ModelSpec dualEncoder, ModelSpec querySpec, ModelSpec passageSpec,
                         ModelSpec crossEncoder) {

    /** Returns the RocketQA-zh model of a size: {@code rocketqa-zh-SIZE} with {@code rocketqa-SIZE-cross-encoder}. */
    public static SweepModel rocketqaSize(String size, ModelRegistry registry) {
        ModelSpec pair = registry.get("rocketqa-zh-" + size);
        return new SweepModel(pair.name(), size, pair, registry.get(pair.queryModel()),
                registry.get(pair.passageModel()), registry.get("rocketqa-" + size + "-cross-encoder"));
    }

    /** Returns a registered single encoder (such as bge) or pair; no cross encoder is registered for it. */
    public static SweepModel registered(String name, ModelRegistry registry) {
        ModelSpec spec = registry.get(name);
        if (spec.kind() == ModelKind.PAIR) {
            return new SweepModel(name, "", spec, registry.get(spec.queryModel()), registry.get(spec.passageModel()),
                    null);
        }
        if (spec.kind() != ModelKind.ENCODER) {
            String kind = spec.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            throw new InvalidInputException("'" + name + "' is a " + kind + " entry; --models takes dual encoders"
                    + " such as bge-small-zh-v1.5 or rocketqa-zh-nano");
        }
        return new SweepModel(name, "", spec, spec, spec, null);
    }

    public TransformerConfig architecture() {
        return querySpec.architecture();
    }

    /** Returns the shape as PaddleNLP prints it, for example "4-layer, 312-hidden". */
    public String sizeLabel() {
        return architecture().numLayers() + "-layer, " + architecture().hiddenSize() + "-hidden";
    }

    /** Returns the name of the row of PaddleNLP's published tables that describes this model. */
    public String publishedName() {
        return name;
    }
}
