package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Copies canonical state-dict tensors into NDArrays in the layout the encoder's operations want.
 *
 * <p>Canonical linear weights are [in, out]; {@code linear} (PyTorch's addmm with bias) takes
 * [out, in], so they are transposed once here rather than on every batch.
 */
final class WeightUploader {

    private final NDManager manager;
    private final StateDict weights;

    WeightUploader(NDManager manager, StateDict weights) {
        this.manager = manager;
        this.weights = weights;
    }

    NDArray plain(String name) {
        Tensor tensor = weights.get(name);
        return manager.create(tensor.data(), new Shape(tensor.shape()));
    }

    float[] row(String name, int row, int width) {
        Tensor tensor = weights.get(name);
        float[] values = new float[width];
        System.arraycopy(tensor.data(), row * width, values, 0, width);
        return values;
    }

    /** Uploads an [in, out] weight as [out, in]. */
    NDArray linearWeight(String name) {
        Tensor tensor = weights.get(name);
        requireMatrix(name, tensor);
        int in = (int) tensor.shape()[0];
        int out = (int) tensor.shape()[1];
        return manager.create(transpose(tensor.data(), in, out, 1f), new Shape(out, in));
    }

    /** Stacks the query, key and value weights into one [3h, h] matrix, query rows scaled. */
    NDArray fusedQkvWeight(String attentionPrefix, int hidden, float queryScale) {
        float[] fused = new float[3 * hidden * hidden];
        String[] names = {"query", "key", "value"};
        for (int part = 0; part < 3; part++) {
            String name = attentionPrefix + names[part] + ".weight";
            Tensor tensor = weights.get(name);
            requireMatrix(name, tensor);
            float scale = part == 0 ? queryScale : 1f;
            float[] transposed = transpose(tensor.data(), hidden, hidden, scale);
            System.arraycopy(transposed, 0, fused, part * hidden * hidden, hidden * hidden);
        }
        return manager.create(fused, new Shape(3L * hidden, hidden));
    }

    NDArray fusedQkvBias(String attentionPrefix, int hidden, float queryScale) {
        float[] fused = new float[3 * hidden];
        String[] names = {"query", "key", "value"};
        for (int part = 0; part < 3; part++) {
            float[] bias = weights.get(attentionPrefix + names[part] + ".bias").data();
            float scale = part == 0 ? queryScale : 1f;
            for (int i = 0; i < hidden; i++) {
                fused[part * hidden + i] = bias[i] * scale;
            }
        }
        return manager.create(fused, new Shape(3L * hidden));
    }

    private void requireMatrix(String name, Tensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("tensor '" + name + "' in " + weights.source()
                    + " must be a matrix, got shape " + tensor.shapeString());
        }
    }

    /** Returns the [cols, rows] transpose of a row-major [rows, cols] matrix, multiplied by scale. */
    private static float[] transpose(float[] data, int rows, int cols, float scale) {
        float[] result = new float[data.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                result[c * rows + r] = data[base + c] * scale;
            }
        }
        return result;
    }
}
