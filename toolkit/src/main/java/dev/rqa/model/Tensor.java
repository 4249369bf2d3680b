package dev.rqa.model;

import java.util.Arrays;

/**
 * A dense float32 tensor on the Java heap, as read from a checkpoint file before it is moved to an
 * engine. Half-precision checkpoints are widened to float32 when read.
 *
 * @param shape dimensions, outermost first
 * @param data  values in row-major order
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(
                    "tensor data holds " + data.length + " values but shape " + Arrays.toString(shape)
                            + " needs " + count);
        }
    }

    public int rank() {
        return shape.length;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
