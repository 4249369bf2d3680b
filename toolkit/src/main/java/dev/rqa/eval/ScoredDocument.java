package dev.rqa.eval;

/**
 * One retrieved document with its similarity score (higher is better).
 *
 * @param documentId document id
 * @param score      similarity, never a distance
 */
public record ScoredDocument(String documentId, double score) {
}
