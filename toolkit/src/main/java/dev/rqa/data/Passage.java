package dev.rqa.data;

import java.util.Objects;

/**
 * A retrievable unit of a corpus.
 *
 * @param id    document id as it appears in qrels and run files
 * @param title optional title; empty when the source has none
 * @param text  body text
 */
public record Passage(String id, String title, String text) {

    public Passage {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
    }

    public Passage(String id, String text) {
        this(id, "", text);
    }

    public boolean hasTitle() {
        return !title.isEmpty();
    }
}
