package dev.rqa.model.format;

import dev.rqa.model.Tensor;

/** Layout helpers for {@link Tensor}s read from checkpoint files. */
final class Tensors {

    private Tensors() {
    }

    /** Returns the transpose of a rank-2 tensor, turning a PyTorch [out, in] weight into [in, out]. */
    static Tensor transpose(Tensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("cannot transpose a tensor of shape " + tensor.shapeString());
        }
        int rows = Math.toIntExact(tensor.shape()[0]);
        int columns = Math.toIntExact(tensor.shape()[1]);
        float[] source = tensor.data();
        float[] target = new float[source.length];
        for (int r = 0; r < rows; r++) {
            int rowStart = r * columns;
            for (int c = 0; c < columns; c++) {
                target[c * rows + r] = source[rowStart + c];
            }
        }
        return new Tensor(new long[] {columns, rows}, target);
    }

    /** Returns the number of elements of a shape, failing on negative dimensions or overflow. */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension " + dim);
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Reorders column-major (Fortran) values into row-major order. */
    static float[] fortranToRowMajor(float[] values, long[] shape) {
        int rank = shape.length;
        if (rank < 2) {
            return values;
        }
        float[] result = new float[values.length];
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        int[] index = new int[rank];
        for (int rowMajor = 0; rowMajor < values.length; rowMajor++) {
            int columnMajor = 0;
            int stride = 1;
            for (int axis = 0; axis < rank; axis++) {
                columnMajor += index[axis] * stride;
                stride *= dims[axis];
            }
            result[rowMajor] = values[columnMajor];
            // Advance the row-major index, last axis fastest.
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < dims[axis]) {
                    break;
                }
                index[axis] = 0;
            }
        }
        return result;
    }
}
