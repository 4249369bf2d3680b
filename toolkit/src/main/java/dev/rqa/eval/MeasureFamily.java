package dev.rqa.eval;

import java.util.List;

/**
 * The evaluation measures rqa computes, in the order trec_eval 9.0.8 prints them (its measure
 * table), followed by two that trec_eval lacks.
 *
 * <p>Definitions follow trec_eval 9.0.8. A document is relevant when its label is at least the
 * relevance level (1 unless changed). A family with cutoffs gives one value per cutoff k, and
 * trec_eval treats a ranking shorter than k as padded with non-relevant documents.
 */
public enum MeasureFamily {

    /** Number of queries averaged over; printed only in the summary. */
    NUM_Q("num_q", false, true, "num_q"),
    /** Number of documents retrieved (after the depth limit). */
    NUM_RET("num_ret", false, true, "num_ret"),
    /** Number of judged documents at or above the relevance level. */
    NUM_REL("num_rel", false, true, "num_rel"),
    /** Number of relevant documents retrieved. */
    NUM_REL_RET("num_rel_ret", false, true, "num_rel_ret"),
    /** Average precision: precision at each relevant retrieved document, summed, over num_rel. */
    MAP("map", false, false, "map"),
    /** Reciprocal rank of the first relevant document, 0 when none is retrieved. */
    RECIP_RANK("recip_rank", false, false, "mrr"),
    /** Precision at k: relevant documents in the top k, over k. */
    P("P", true, false, "precision_at_"),
    /** Recall at k: relevant documents in the top k, over num_rel (0 when num_rel is 0). */
    RECALL("recall", true, false, "recall_at_"),
    /**
     * nDCG at k: gain is the label, discount log2(rank + 1), ideal ranking built from every judged
     * document of the query with a positive label.
     */
    NDCG_CUT("ndcg_cut", true, false, "ndcg_at_"),
    /** Average precision over the top k, still divided by num_rel. */
    MAP_CUT("map_cut", true, false, "map_at_"),
    /** trec_eval's success at k: 1 when a relevant document is in the top k, else 0. */
    SUCCESS("success", true, false, "success_at_"),
    /**
     * Reciprocal rank counting only the top k, which equals {@code trec_eval -M k -m recip_rank}
     * (MRR@k). Not a trec_eval measure.
     */
    RECIP_RANK_CUT("recip_rank_cut", true, false, "mrr_at_"),
    /**
     * Hit rate at k: 1 when a relevant document is in the top k, else 0. RocketQA and
     * DuReader-retrieval call its average Recall@k. Same values as {@link #SUCCESS}.
     */
    HIT_RATE("hit_rate", true, false, "hit_rate_at_");

    /** trec_eval's default cutoffs for P, recall, ndcg_cut and map_cut, used by every family here but success. */
    static final List<Integer> DEFAULT_CUTOFFS = List.of(5, 10, 15, 20, 30, 100, 200, 500, 1000);

    /** trec_eval's default cutoffs for success. */
    static final List<Integer> SUCCESS_CUTOFFS = List.of(1, 5, 10);

    private final String trecName;
    private final boolean cutoffs;
    private final boolean count;
    private final String mtebName;

    MeasureFamily(String trecName, boolean cutoffs, boolean count, String mtebName) {
        this.trecName = trecName;
        this.cutoffs = cutoffs;
        this.count = count;
        this.mtebName = mtebName;
    }

    /** Returns the name trec_eval uses for {@code -m}, for example {@code ndcg_cut} or {@code P}. */
    public String trecName() {
        return trecName;
    }

    /** Returns whether the family takes cutoffs ({@code P.5}) rather than standing alone ({@code map}). */
    public boolean hasCutoffs() {
        return cutoffs;
    }

    /**
     * Returns whether values are counts: printed as integers and summed, not averaged, over queries
     * (num_q is the number of queries).
     */
    public boolean isCount() {
        return count;
    }

    /** Returns the cutoffs a bare family name expands to, as in trec_eval, or an empty list without cutoffs. */
    public List<Integer> defaultCutoffs() {
        if (!cutoffs) {
            return List.of();
        }
        return this == SUCCESS ? SUCCESS_CUTOFFS : DEFAULT_CUTOFFS;
    }

    /** Returns the MTEB-style key, or the key prefix to which the cutoff is appended. */
    String mtebName() {
        return mtebName;
    }
}
