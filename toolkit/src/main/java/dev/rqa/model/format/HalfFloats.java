package dev.rqa.model.format;

/** Widening of 16-bit floating-point formats to float32; both conversions are exact. */
final class HalfFloats {

    private HalfFloats() {
    }

    /** Converts IEEE 754 binary16 bits (numpy {@code float16}, ONNX FLOAT16, safetensors F16) to float32. */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // Infinity or NaN; the NaN payload moves to the top of the float32 mantissa.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact because mantissa has at most 10 bits.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Rebias the exponent from 15 to 127.
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Converts bfloat16 bits (the upper half of a float32) to float32. */
    static float bfloat16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
