package dev.rqa.model.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy array read from a pickle: numpy's {@code _reconstruct} creates it empty and the BUILD
 * opcode fills it from the state tuple {@code (version, shape, dtype, is_fortran, data)}.
 *
 * <p>Floating-point data (float16, float32, float64, either byte order) is widened or narrowed to
 * float32 at once, so the raw bytes can be released. A state that does not fit (data length and
 * shape disagree, unsupported dtype) is kept as {@link #defect()} so the reader can report it
 * with the tensor's key.
 */
public final class NumpyArray {

    private long[] shape = new long[0];
    private String dtypeName = "unknown";
    private float[] values;
    private String defect = "the array was never given data (no BUILD in the pickle)";

    NumpyArray() {
    }

    /** Creates a complete floating-point array, for arrays joined from slices. */
    static NumpyArray of(long[] shape, String dtype, float[] values) {
        NumpyArray array = new NumpyArray();
        array.shape = shape.clone();
        array.dtypeName = dtype;
        array.values = values;
        array.defect = null;
        return array;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Returns the values as float32 in row-major order, or null when the array is not floating point. */
    public float[] values() {
        return values;
    }

    /** Returns a description of the numpy type, for example {@code float16}. */
    public String dtype() {
        return dtypeName;
    }

    /** Returns why the array cannot be used, or null when it can. */
    public String defect() {
        return defect;
    }

    /** Fills the array from numpy's pickled state; returns the raw data object it consumed. */
    Object setState(Object state) {
        if (!(state instanceof Object[] parts) || (parts.length != 4 && parts.length != 5)) {
            defect = "the pickled array state is not numpy's (version, shape, dtype, is_fortran, data) tuple";
            return null;
        }
        // Old numpy pickles omit the leading version number.
        int offset = parts.length == 5 ? 1 : 0;
        Object data = parts[offset + 3];

        try {
            shape = toShape(parts[offset]);
        } catch (IllegalArgumentException e) {
            defect = "the pickled array has an invalid shape: " + e.getMessage();
            return data;
        }
        if (!(parts[offset + 1] instanceof NumpyDtype type)) {
            defect = "the pickled array has no numpy dtype";
            return data;
        }
        dtypeName = type.describe();

        boolean fortran = Boolean.TRUE.equals(parts[offset + 2]);
        byte[] bytes = toBytes(data);
        if (bytes == null) {
            defect = "the array data is a " + (data == null ? "None" : data.getClass().getSimpleName())
                    + ", not bytes (object arrays are not supported)";
            return data;
        }
        if (type.unsupportedReason() != null) {
            defect = type.unsupportedReason();
            return data;
        }

        long count = Tensors.elementCount(shape);
        long expectedBytes = count * type.itemSize();
        if (bytes.length != expectedBytes) {
            defect = "its data contains " + bytes.length + " bytes but shape " + Arrays.toString(shape) + " of "
                    + type.describe() + " needs " + expectedBytes;
            return data;
        }

        defect = null;
        if (type.isFloatingPoint()) {
            float[] decoded = decode(bytes, type, (int) count);
            values = fortran ? Tensors.fortranToRowMajor(decoded, shape) : decoded;
        }
        return data;
    }

    private static long[] toShape(Object value) {
        if (!(value instanceof Object[] dims)) {
            throw new IllegalArgumentException(String.valueOf(value));
        }
        long[] result = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (!(dims[i] instanceof Number number) || number.longValue() < 0) {
                throw new IllegalArgumentException(Arrays.toString(dims));
            }
            result[i] = number.longValue();
        }
        Tensors.elementCount(result);
        return result;
    }

    private static byte[] toBytes(Object data) {
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof String text) {
            // Python 2 pickles store the data as a str of byte values.
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (data instanceof List<?> list && list.isEmpty()) {
            return new byte[0];
        }
        return null;
    }

    private static float[] decode(byte[] bytes, NumpyDtype type, int count) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(type.order());
        float[] result = new float[count];
        switch (type.itemSize()) {
            case 4 -> buffer.asFloatBuffer().get(result);
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    result[i] = HalfFloats.halfToFloat(buffer.getShort(i * 2) & 0xffff);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    result[i] = (float) buffer.getDouble(i * 8);
                }
            }
        }
        return result;
    }
}
