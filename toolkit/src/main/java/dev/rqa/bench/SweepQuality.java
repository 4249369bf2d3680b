package dev.rqa.bench;

/**
 * Retrieval quality of a model with real weights on the sweep's dataset, from {@link dev.rqa.eval.Experiment}.
 *
 * <p>Recall@k here is RocketQA's: the share of queries with a relevant passage in the top k
 * (trec_eval's success@k), not trec_eval's recall.k.
 *
 * @param queries        queries averaged over
 * @param mrrAt10        MRR@10 of exact recall with the dual encoder
 * @param recallAt1      Recall@1 of exact recall
 * @param recallAt50     Recall@50 of exact recall
 * @param ndcgAt10       nDCG@10 of exact recall
 * @param rerankedMrrAt10  MRR@10 after the cross encoder re-ranks the recalled passages, NaN when
 *                         the cross encoder is speed-only
 * @param rerankedRecallAt1 Recall@1 after re-ranking, NaN when the cross encoder is speed-only
 * @param rerankedNdcgAt10  nDCG@10 after re-ranking, NaN when the cross encoder is speed-only
 * @param device         device the evaluation ran on
 */
public record SweepQuality(int queries, double mrrAt10, double recallAt1, double recallAt50, double ndcgAt10,
                           double rerankedMrrAt10, double rerankedRecallAt1, double rerankedNdcgAt10, String device) {

    public boolean hasReranked() {
        return !Double.isNaN(rerankedMrrAt10);
    }

    /** Returns the MRR@10 of the pipeline's final ranking: re-ranked when the cross encoder has real weights. */
    public double finalMrrAt10() {
        return hasReranked() ? rerankedMrrAt10 : mrrAt10;
    }
}
