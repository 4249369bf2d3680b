package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyHalfMatchesDefinition() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int sign = bits >>> 15;
            int exponent = (bits >>> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            float actual = HalfFloats.halfToFloat(bits);
            if (exponent == 0x1f) {
                assertEquals(mantissa != 0, Float.isNaN(actual), "NaN-ness of " + bits);
                continue;
            }
            // binary16: subnormals are m * 2^-24, normals (1 + m / 1024) * 2^(e - 15).
            double magnitude = exponent == 0 ? Math.scalb((double) mantissa, -24)
                    : Math.scalb(1 + mantissa / 1024.0, exponent - 15);
            double expected = sign == 1 ? -magnitude : magnitude;
            assertEquals(expected, actual, 0.0, "bits " + Integer.toHexString(bits));
            assertEquals(sign == 1, (Float.floatToRawIntBits(actual) >>> 31) == 1, "sign of " + bits);
        }
    }

    @Test
    void samplesMatchNumpy() {
        for (JsonElement element : Fixtures.expected().getAsJsonArray("float16_samples")) {
            JsonObject sample = element.getAsJsonObject();
            int bits = sample.get("bits").getAsInt();
            float actual = HalfFloats.halfToFloat(bits);
            String expected = sample.get("value").getAsString();
            switch (expected) {
                case "NaN" -> assertTrue(Float.isNaN(actual), "bits " + bits);
                case "Infinity" -> assertEquals(Float.POSITIVE_INFINITY, actual);
                case "-Infinity" -> assertEquals(Float.NEGATIVE_INFINITY, actual);
                default -> assertEquals((float) sample.get("value").getAsDouble(), actual, "bits " + bits);
            }
        }
    }

    @Test
    void bfloat16IsUpperHalf() {
        assertEquals(1.0f, HalfFloats.bfloat16ToFloat(0x3F80));
        assertEquals(-2.0f, HalfFloats.bfloat16ToFloat(0xC000));
        assertEquals(Float.intBitsToFloat(0x7F7F0000), HalfFloats.bfloat16ToFloat(0x7F7F));
    }
}
