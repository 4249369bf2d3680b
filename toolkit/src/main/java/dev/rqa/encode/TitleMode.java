package dev.rqa.encode;

import java.util.Locale;

/** How a passage title enters the encoder input. */
public enum TitleMode {
    /** Title ignored; only the passage text is encoded. */
    NONE,
    /** {@code [CLS] title [SEP] text [SEP]} with segment ids 0 and 1, as RocketQA's readers build passages. */
    PAIR,
    /** {@code title + " " + text} as one segment, as PaddleNLP's T2Ranking benchmark builds passages. */
    CONCAT;

    public static TitleMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown title mode '" + name + "': expected none, pair or concat", e);
        }
    }
}
