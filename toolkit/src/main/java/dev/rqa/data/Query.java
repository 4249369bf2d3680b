package dev.rqa.data;

import java.util.Objects;

/**
 * A search request.
 *
 * @param id   query id as it appears in qrels and run files
 * @param text query text
 */
public record Query(String id, String text) {

    public Query {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
