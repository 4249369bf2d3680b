package dev.rqa.encode;

import java.util.Objects;

/**
 * Text given to an encoder: one segment, or two ({@code [CLS] first [SEP] second [SEP]}).
 *
 * @param first  first segment, segment id 0
 * @param second second segment, segment id 1, or null for a single segment
 */
public record EncoderInput(String first, String second) {

    public EncoderInput {
        Objects.requireNonNull(first, "first");
    }

    public static EncoderInput of(String text) {
        return new EncoderInput(text, null);
    }

    public boolean isPair() {
        return second != null;
    }

    /** Returns a string that identifies the input exactly, for cache keys. */
    public String cacheKey() {
        return second == null ? "1\u0000" + first : "2\u0000" + first + "\u0000" + second;
    }
}
