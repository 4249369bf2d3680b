package dev.rqa.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded random weights of an exact architecture, in the canonical layout of {@link StateDict}.
 *
 * <p>They stand in for checkpoints that are not available locally when only speed and memory are
 * measured: the cost of a forward pass depends on the shapes, not on the values. Values follow
 * BERT's initialisation (Hugging Face {@code BertPreTrainedModel._init_weights}): matrices and
 * embedding tables normal(0, 0.02), linear biases 0, LayerNorm weight 1 and bias 0, and the
 * padding row of the word embeddings 0. Activations therefore stay of order one, so no denormal
 * floats slow the arithmetic down. Quality measured with these weights means nothing.
 *
 * <p>Tensors are filled in parallel in chunks of {@value #CHUNK} values. Each chunk draws from its
 * own {@link SplittableRandom} whose seed is derived from the seed, the tensor name and the chunk
 * index, so the values do not depend on the number of threads or their scheduling.
 */
public final class RandomWeights {

    /** Standard deviation of BERT's initialisation ({@code initializer_range} 0.02). */
    public static final double DEFAULT_STD = 0.02;

    /** Number of classes of RocketQA's cross-encoder classifier. */
    public static final int CROSS_ENCODER_LABELS = 2;

    private static final int CHUNK = 1 << 20;
    /** Odd constant of SplitMix64 (Steele, Lea and Flood, 2014), used to spread chunk indices. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomWeights() {
    }

    /** Returns the backbone weights of an encoder (no pooler, no classifier). */
    public static StateDict encoder(TransformerConfig config, long seed) {
        return new StateDict(generate(config.backboneShapes(), config, seed, DEFAULT_STD),
                description("encoder", config, seed));
    }

    /**
     * Returns the weights of a cross encoder: the backbone, the tanh pooler
     * ({@code pooler.dense}, [hidden, hidden]) and a 2-class classifier ({@code classifier}, [hidden, 2]).
     */
    public static StateDict crossEncoder(TransformerConfig config, long seed) {
        Map<String, long[]> shapes = new LinkedHashMap<>(config.backboneShapes());
        long hidden = config.hiddenSize();
        shapes.put("pooler.dense.weight", new long[] {hidden, hidden});
        shapes.put("pooler.dense.bias", new long[] {hidden});
        shapes.put("classifier.weight", new long[] {hidden, CROSS_ENCODER_LABELS});
        shapes.put("classifier.bias", new long[] {CROSS_ENCODER_LABELS});
        return new StateDict(generate(shapes, config, seed, DEFAULT_STD), description("cross encoder", config, seed));
    }

    private static String description(String kind, TransformerConfig config, long seed) {
        return "random " + kind + " weights (seed " + seed + ", " + config.numLayers() + " layers, hidden "
                + config.hiddenSize() + ", normal(0, " + DEFAULT_STD + "))";
    }

    private static Map<String, Tensor> generate(Map<String, long[]> shapes, TransformerConfig config, long seed,
                                                double std) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue();
            float[] data = new float[Math.toIntExact(count(shape))];
            if (name.endsWith("LayerNorm.weight")) {
                Arrays.fill(data, 1f);
            } else if (!name.endsWith(".bias")) {
                fillNormal(data, seed, name, std);
            }
            if (name.equals("embeddings.word_embeddings.weight") && config.padTokenId() < config.vocabSize()) {
                int width = config.hiddenSize();
                Arrays.fill(data, config.padTokenId() * width, (config.padTokenId() + 1) * width, 0f);
            }
            tensors.put(name, new Tensor(shape.clone(), data));
        }
        return tensors;
    }

    private static void fillNormal(float[] data, long seed, String name, double std) {
        long tensorSeed = mix(seed ^ mix(name.hashCode()));
        int chunks = (data.length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            SplittableRandom random = new SplittableRandom(mix(tensorSeed + (chunk + 1) * GOLDEN_GAMMA));
            int end = Math.min(data.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                data[i] = (float) (random.nextGaussian() * std);
            }
        });
    }

    /** SplitMix64's output function: a bijection that spreads nearby seeds over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long count(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }
}
