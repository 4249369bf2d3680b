package dev.rqa.model.format;

/**
 * A tensor stored in an ONNX file (a graph initializer or a {@code Constant} node's value).
 *
 * @param name     tensor name
 * @param dims     shape, outermost first
 * @param dataType ONNX {@code TensorProto.DataType} code (1 FLOAT, 10 FLOAT16, 11 DOUBLE, 16 BFLOAT16, ...)
 * @param values   values widened to float32 in row-major order, or null when the data type is not
 *                 a floating-point type or the data lives in an external file
 * @param external whether the data lives in a separate file next to the model
 */
public record OnnxInitializer(String name, long[] dims, int dataType, float[] values, boolean external) {

    static final int FLOAT = 1;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int BFLOAT16 = 16;

    static boolean isFloatingPoint(int dataType) {
        return dataType == FLOAT || dataType == FLOAT16 || dataType == DOUBLE || dataType == BFLOAT16;
    }

    /** Returns the ONNX name of a data type code, for messages. */
    static String typeName(int dataType) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
            "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};
        return dataType >= 0 && dataType < names.length ? names[dataType] : "type " + dataType;
    }
}
