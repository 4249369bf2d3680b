package dev.rqa.eval;

/**
 * Computes one query's value of a measure with trec_eval 9.0.8's arithmetic (see
 * {@link MeasureFamily} for the definitions).
 */
final class MeasureCalculator {

    private MeasureCalculator() {
    }

    static double value(Measure measure, RankedJudgements ranked) {
        int k = measure.cutoff();
        int top = Math.min(k, ranked.retrieved);
        switch (measure.family()) {
            case NUM_Q:
                return 1;
            case NUM_RET:
                return ranked.retrieved;
            case NUM_REL:
                return ranked.relevant;
            case NUM_REL_RET:
                return ranked.relevantPrefix[ranked.retrieved];
            case MAP:
                return ranked.relevantPrefix[ranked.retrieved] == 0
                        ? 0.0
                        : ranked.precisionSumPrefix[ranked.retrieved] / (double) ranked.relevant;
            case RECIP_RANK:
                return ranked.firstRelevantRank == 0 ? 0.0 : 1.0 / (double) ranked.firstRelevantRank;
            case P:
                return (double) ranked.relevantPrefix[top] / (double) k;
            case RECALL:
                return ranked.relevant == 0 ? 0.0 : (double) ranked.relevantPrefix[top] / (double) ranked.relevant;
            case NDCG_CUT:
                return ndcg(ranked, k, top);
            case MAP_CUT:
                return ranked.relevant == 0 ? 0.0 : ranked.precisionSumPrefix[top] / (double) ranked.relevant;
            case SUCCESS:
            case HIT_RATE:
                return ranked.relevantPrefix[top] > 0 ? 1.0 : 0.0;
            case RECIP_RANK_CUT:
                return ranked.firstRelevantRank == 0 || ranked.firstRelevantRank > k
                        ? 0.0
                        : 1.0 / (double) ranked.firstRelevantRank;
            default:
                throw new IllegalStateException("no calculation for " + measure.family());
        }
    }

    /** trec_eval leaves DCG undivided when the ideal DCG is 0; DCG is then 0 as well. */
    private static double ndcg(RankedJudgements ranked, int k, int top) {
        double[] ideal = ranked.idealDcgPrefix;
        double idealDcg = ideal[Math.min(k, ideal.length - 1)];
        double dcg = ranked.dcgPrefix[top];
        return idealDcg > 0.0 ? dcg / idealDcg : dcg;
    }
}
