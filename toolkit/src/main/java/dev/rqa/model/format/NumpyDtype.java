package dev.rqa.model.format;

import java.nio.ByteOrder;

/**
 * A numpy scalar type as pickled by {@code numpy.dtype('f4', False, True)} followed by a BUILD
 * whose state sets the byte order ({@code '<'}, {@code '>'}, {@code '|'} or {@code '='}).
 */
final class NumpyDtype {

    private final String code;
    private final char kind;
    private final int itemSize;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private String unsupported;

    NumpyDtype(String code) {
        this.code = code;
        char first = code.isEmpty() ? '?' : code.charAt(0);
        int size;
        try {
            size = Integer.parseInt(code.substring(1));
        } catch (RuntimeException e) {
            size = -1;
        }
        this.kind = first;
        this.itemSize = size;
        if ("fiub".indexOf(first) < 0 || size <= 0) {
            unsupported = "numpy dtype '" + code + "' is not a plain number type";
        }
    }

    /** Applies the pickled state tuple: (version, byte order, subarray, names, fields, ...). */
    void setState(Object state) {
        if (!(state instanceof Object[] values) || values.length < 2 || !(values[1] instanceof String endian)) {
            unsupported = "numpy dtype '" + code + "' has an unknown pickled state";
            return;
        }
        for (int i = 2; i < Math.min(values.length, 5); i++) {
            if (values[i] != null) {
                unsupported = "numpy dtype '" + code + "' is a structured or subarray type";
            }
        }
        switch (endian) {
            case ">" -> order = ByteOrder.BIG_ENDIAN;
            // '=' is native order; numpy pickles it only on little-endian machines in practice.
            case "<", "|", "=" -> order = ByteOrder.LITTLE_ENDIAN;
            default -> unsupported = "numpy dtype '" + code + "' has unknown byte order '" + endian + "'";
        }
    }

    boolean isFloatingPoint() {
        return unsupported == null && kind == 'f' && (itemSize == 2 || itemSize == 4 || itemSize == 8);
    }

    int itemSize() {
        return itemSize;
    }

    ByteOrder order() {
        return order;
    }

    /** Returns why values of this type cannot be read, or null when they can. */
    String unsupportedReason() {
        return unsupported;
    }

    /** Returns a description such as {@code float16} or {@code >float32} for messages. */
    String describe() {
        String name = switch (kind) {
            case 'f' -> "float" + itemSize * 8;
            case 'i' -> "int" + itemSize * 8;
            case 'u' -> "uint" + itemSize * 8;
            case 'b' -> "bool";
            default -> code;
        };
        return (order == ByteOrder.BIG_ENDIAN && itemSize > 1 ? ">" : "") + name;
    }
}
