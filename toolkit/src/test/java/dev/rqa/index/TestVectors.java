package dev.rqa.index;

import dev.rqa.encode.Embeddings;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded test vectors and an independent brute-force reference. */
final class TestVectors {

    private TestVectors() {
    }

    /**
     * Returns Gaussian rows; with {@code logNormSpread > 0} each row is scaled by
     * exp(logNormSpread * z), z standard normal, so norms vary over orders of magnitude.
     */
    static Embeddings gaussian(int rows, int dim, long seed, double logNormSpread) {
        Random random = new Random(seed);
        float[] data = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            double scale = Math.exp(logNormSpread * random.nextGaussian()) / Math.sqrt(dim);
            for (int d = 0; d < dim; d++) {
                data[row * dim + d] = (float) (random.nextGaussian() * scale);
            }
        }
        return new Embeddings(rows, dim, data);
    }

    /**
     * Returns rows that share a mean direction of length {@code meanLength} plus isotropic noise of
     * unit expected norm, each row scaled by exp(logNormSpread * z). Encoder outputs such as BERT
     * [CLS] vectors share such a common direction. Nearly every row then has another row whose inner
     * product with it exceeds its own squared norm, the case where an HNSW graph built on raw inner
     * products becomes poorly navigable.
     */
    static Embeddings anisotropic(int rows, int dim, long seed, double meanLength, double logNormSpread) {
        Random random = new Random(seed);
        double[] mean = new double[dim];
        double squared = 0;
        for (int d = 0; d < dim; d++) {
            mean[d] = random.nextGaussian();
            squared += mean[d] * mean[d];
        }
        for (int d = 0; d < dim; d++) {
            mean[d] *= meanLength / Math.sqrt(squared);
        }
        float[] data = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            double scale = Math.exp(logNormSpread * random.nextGaussian());
            for (int d = 0; d < dim; d++) {
                data[row * dim + d] = (float) ((mean[d] + random.nextGaussian() / Math.sqrt(dim)) * scale);
            }
        }
        return new Embeddings(rows, dim, data);
    }

    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s%05d", prefix, i));
        }
        return ids;
    }

    /** Normalises rows the way cosine similarity is defined: x / |x| with the norm in double precision. */
    static Embeddings normalized(Embeddings vectors) {
        float[] out = new float[vectors.data().length];
        int dim = vectors.dim();
        for (int row = 0; row < vectors.rows(); row++) {
            double sum = 0;
            for (int d = 0; d < dim; d++) {
                double v = vectors.data()[row * dim + d];
                sum += v * v;
            }
            double norm = Math.sqrt(sum);
            for (int d = 0; d < dim && norm > 0; d++) {
                out[row * dim + d] = (float) (vectors.data()[row * dim + d] / norm);
            }
        }
        return new Embeddings(vectors.rows(), dim, out);
    }

    /** Scores every passage in double precision, rounds to float32 and sorts in trec_eval order. */
    static List<List<ScoredDocument>> bruteForce(List<String> ids, Embeddings passages, Embeddings queries, int k) {
        List<List<ScoredDocument>> results = new ArrayList<>();
        for (int q = 0; q < queries.rows(); q++) {
            List<ScoredDocument> all = new ArrayList<>();
            for (int p = 0; p < passages.rows(); p++) {
                double sum = 0;
                for (int d = 0; d < passages.dim(); d++) {
                    sum += (double) queries.data()[q * queries.dim() + d] * passages.data()[p * passages.dim() + d];
                }
                all.add(new ScoredDocument(ids.get(p), (float) sum));
            }
            all.sort(Run.TREC_ORDER);
            results.add(List.copyOf(all.subList(0, Math.min(k, all.size()))));
        }
        return results;
    }
}
