package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;

/**
 * Vector arithmetic shared by the exact and the HNSW index, so that both report bit-identical
 * scores for the same pair of vectors.
 */
public final class VectorMath {

    private VectorMath() {
    }

    /**
     * Returns the similarity score of two vectors: the inner product accumulated in double precision
     * and rounded once to float32. Exact search and HNSW both score every returned passage with this
     * function, which makes their scores, and so their order at ties, identical.
     */
    public static float score(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            sum += (double) a[aOffset + d] * b[bOffset + d];
        }
        return (float) sum;
    }

    /** Returns the Euclidean norm of one row, computed in double precision. */
    public static double norm(float[] data, int offset, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double value = data[offset + d];
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    /** Returns the Euclidean norm of every row. */
    public static double[] rowNorms(Embeddings vectors) {
        double[] norms = new double[vectors.rows()];
        for (int row = 0; row < vectors.rows(); row++) {
            norms[row] = norm(vectors.data(), row * vectors.dim(), vectors.dim());
        }
        return norms;
    }

    /**
     * Returns a copy with every row scaled to unit length. A zero row stays zero, so it scores 0
     * against everything instead of producing NaN.
     */
    public static Embeddings normalizeRows(Embeddings vectors) {
        int dim = vectors.dim();
        float[] source = vectors.data();
        float[] target = new float[source.length];
        for (int row = 0; row < vectors.rows(); row++) {
            int offset = row * dim;
            double norm = norm(source, offset, dim);
            if (norm == 0) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                target[offset + d] = (float) (source[offset + d] / norm);
            }
        }
        return new Embeddings(vectors.rows(), dim, target);
    }

    /** Returns the number of all-zero rows. */
    public static int countZeroRows(Embeddings vectors) {
        int zeros = 0;
        for (int row = 0; row < vectors.rows(); row++) {
            if (norm(vectors.data(), row * vectors.dim(), vectors.dim()) == 0) {
                zeros++;
            }
        }
        return zeros;
    }

    /** Rejects NaN and infinite values, naming the first bad row. */
    public static void requireFinite(Embeddings vectors, String description) {
        float[] data = vectors.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new InvalidInputException(description + " contain " + data[i] + " in row " + (i / vectors.dim())
                        + ", column " + (i % vectors.dim()) + "; check the encoder output");
            }
        }
    }

    /**
     * Returns the inner product in float32 with eight independent accumulators. HNSW distance
     * functions call it millions of times; the split sums let the JIT overlap the multiply-adds.
     * Its rounding differs from {@link #score}, which is why results are re-scored.
     */
    static float fastDot(float[] a, float[] b) {
        int length = a.length;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < length; i++) {
            s0 += a[i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Returns the squared Euclidean distance in float32, with the same accumulator split as {@link #fastDot}. */
    static float fastSquaredDistance(float[] a, float[] b) {
        int length = a.length;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            float d0 = a[i] - b[i];
            float d1 = a[i + 1] - b[i + 1];
            float d2 = a[i + 2] - b[i + 2];
            float d3 = a[i + 3] - b[i + 3];
            float d4 = a[i + 4] - b[i + 4];
            float d5 = a[i + 5] - b[i + 5];
            float d6 = a[i + 6] - b[i + 6];
            float d7 = a[i + 7] - b[i + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < length; i++) {
            float d = a[i] - b[i];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
