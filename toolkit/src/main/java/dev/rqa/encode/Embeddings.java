package dev.rqa.encode;

import java.util.Arrays;

/**
 * A matrix of embedding vectors, one row per text, stored row-major in one float array so it moves
 * to and from an engine without per-row copies.
 *
 * @param rows number of vectors
 * @param dim  vector dimension
 * @param data {@code rows * dim} values
 */
public record Embeddings(int rows, int dim, float[] data) {

    public Embeddings {
        if (rows < 0 || dim <= 0) {
            throw new IllegalArgumentException("invalid embedding matrix shape " + rows + " x " + dim);
        }
        if ((long) rows * dim != data.length) {
            throw new IllegalArgumentException(
                    "embedding data holds " + data.length + " values, expected " + rows + " x " + dim);
        }
    }

    /** Builds a matrix from separate rows, which must all have the same length. */
    public static Embeddings ofRows(float[][] vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("cannot infer the dimension of an empty list of vectors");
        }
        int dim = vectors[0].length;
        float[] data = new float[vectors.length * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException(
                        "vector " + i + " has dimension " + vectors[i].length + ", expected " + dim);
            }
            System.arraycopy(vectors[i], 0, data, i * dim, dim);
        }
        return new Embeddings(vectors.length, dim, data);
    }

    /** Returns a copy of one row. */
    public float[] row(int index) {
        return Arrays.copyOfRange(data, index * dim, (index + 1) * dim);
    }

    /** Returns the inner product of row {@code i} of this matrix and row {@code j} of another. */
    public double dot(int i, Embeddings other, int j) {
        double sum = 0;
        int a = i * dim;
        int b = j * other.dim;
        for (int d = 0; d < dim; d++) {
            sum += data[a + d] * other.data[b + d];
        }
        return sum;
    }
}
