package dev.rqa.model.registry;

/** What a registry entry describes. */
public enum ModelKind {
    /** One encoder used for both queries and passages (bge). */
    ENCODER,
    /** An encoder for queries only; paired with a passage encoder. */
    QUERY_ENCODER,
    /** An encoder for passages only; paired with a query encoder. */
    PASSAGE_ENCODER,
    /** A query encoder and a passage encoder named by other entries. */
    PAIR,
    /** A re-ranker scoring a query and a passage together. */
    CROSS_ENCODER
}
