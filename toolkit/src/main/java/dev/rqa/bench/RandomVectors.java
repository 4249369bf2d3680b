package dev.rqa.bench;

import dev.rqa.encode.Embeddings;

import java.util.SplittableRandom;

/** Seeded synthetic embedding matrices for benchmarks. */
public final class RandomVectors {

    private RandomVectors() {
    }

    /**
     * Returns rows of {@code meanLength * mu + g / sqrt(dim)}, each scaled by
     * {@code exp(logNormSpread * z)}, where mu is one random unit vector shared by all rows, g a
     * standard normal vector per row and z a standard normal scalar per row. With both parameters 0
     * the rows are isotropic Gaussian with expected norm about 1. A shared direction mimics the
     * anisotropy of transformer [CLS] vectors; the spread mimics unnormalised encoders.
     */
    public static Embeddings generate(int rows, int dim, long seed, double meanLength, double logNormSpread) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] mean = new double[dim];
        double squared = 0;
        for (int d = 0; d < dim; d++) {
            mean[d] = gaussian(random);
            squared += mean[d] * mean[d];
        }
        double scaleMean = squared > 0 ? meanLength / Math.sqrt(squared) : 0;
        double noise = 1 / Math.sqrt(dim);
        float[] data = new float[Math.multiplyExact(rows, dim)];
        for (int row = 0; row < rows; row++) {
            double scale = Math.exp(logNormSpread * gaussian(random));
            for (int d = 0; d < dim; d++) {
                data[row * dim + d] = (float) ((mean[d] * scaleMean + gaussian(random) * noise) * scale);
            }
        }
        return new Embeddings(rows, dim, data);
    }

    /** Returns a standard normal sample (Box-Muller; SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
