package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One query's ranking joined with its judgements, reduced to running sums from which every
 * measure is read in constant time.
 *
 * <p>Each running sum adds its terms in rank order, as trec_eval 9.0.8 does, so the doubles are
 * bit-identical to trec_eval's. Index i of a prefix array covers the top i documents.
 */
final class RankedJudgements {

    /** Number of documents considered: the ranking length, capped by the depth limit (-M). */
    final int retrieved;
    /** Number of judged documents with a label at or above the relevance level. */
    final int relevant;
    /** 1-based rank of the first relevant document within the depth, 0 when none. */
    final int firstRelevantRank;
    /** Relevant documents among the top i. */
    final int[] relevantPrefix;
    /** Sum over the relevant documents among the top i of (relevant so far) / rank. */
    final double[] precisionSumPrefix;
    /** DCG of the top i: label / log2(rank + 1) summed over documents with a positive label. */
    final double[] dcgPrefix;
    /** DCG of the first i documents of the ideal ranking (positive labels, highest first). */
    final double[] idealDcgPrefix;

    private RankedJudgements(int retrieved, int relevant, int firstRelevantRank, int[] relevantPrefix,
                             double[] precisionSumPrefix, double[] dcgPrefix, double[] idealDcgPrefix) {
        this.retrieved = retrieved;
        this.relevant = relevant;
        this.firstRelevantRank = firstRelevantRank;
        this.relevantPrefix = relevantPrefix;
        this.precisionSumPrefix = precisionSumPrefix;
        this.dcgPrefix = dcgPrefix;
        this.idealDcgPrefix = idealDcgPrefix;
    }

    /**
     * Joins a ranking in trec_eval order with the query's judgements.
     *
     * @param queryId        query id, for error messages
     * @param judgements     document id to label, where labels below 0 count as unjudged, as in trec_eval
     * @param ranking        documents in trec_eval order (as {@link Run} stores them)
     * @param maxDepth       consider only the top {@code maxDepth} documents (trec_eval -M)
     * @param relevanceLevel lowest label that counts as relevant (trec_eval -l), at least 1
     * @throws InvalidInputException when the ranking repeats a document or contains a NaN score
     */
    static RankedJudgements of(String queryId, Map<String, Integer> judgements, List<ScoredDocument> ranking,
                               int maxDepth, int relevanceLevel) {
        checkRanking(queryId, ranking);

        int relevant = 0;
        for (int label : judgements.values()) {
            if (label >= relevanceLevel) {
                relevant++;
            }
        }

        int retrieved = Math.min(ranking.size(), maxDepth);
        int[] relevantPrefix = new int[retrieved + 1];
        double[] precisionSumPrefix = new double[retrieved + 1];
        double[] dcgPrefix = new double[retrieved + 1];
        int firstRelevantRank = 0;
        double precisionSum = 0.0;
        double dcg = 0.0;
        for (int i = 0; i < retrieved; i++) {
            Integer label = judgements.get(ranking.get(i).documentId());
            int rank = i + 1;
            int relevantSoFar = relevantPrefix[i];
            if (label != null && label >= relevanceLevel) {
                relevantSoFar++;
                precisionSum += (double) relevantSoFar / (double) rank;
                if (firstRelevantRank == 0) {
                    firstRelevantRank = rank;
                }
            }
            if (label != null && label > 0) {
                dcg += label / log2(rank + 1);
            }
            relevantPrefix[rank] = relevantSoFar;
            precisionSumPrefix[rank] = precisionSum;
            dcgPrefix[rank] = dcg;
        }

        return new RankedJudgements(retrieved, relevant, firstRelevantRank, relevantPrefix, precisionSumPrefix,
                dcgPrefix, idealDcgPrefix(judgements));
    }

    /** trec_eval's ideal DCG uses every positive label, whatever the relevance level. */
    private static double[] idealDcgPrefix(Map<String, Integer> judgements) {
        int[] gains = judgements.values().stream().mapToInt(Integer::intValue).filter(label -> label > 0).toArray();
        Arrays.sort(gains);
        double[] prefix = new double[gains.length + 1];
        double sum = 0.0;
        for (int i = 0; i < gains.length; i++) {
            int gain = gains[gains.length - 1 - i];
            sum += gain / log2(i + 2);
            prefix[i + 1] = sum;
        }
        return prefix;
    }

    private static void checkRanking(String queryId, List<ScoredDocument> ranking) {
        Set<String> seen = new HashSet<>(ranking.size() * 2);
        for (ScoredDocument document : ranking) {
            if (Double.isNaN(document.score())) {
                throw new InvalidInputException("run score of document '" + document.documentId() + "' for query '"
                        + queryId + "' is NaN; a NaN score has no place in a ranking, so fix the scorer");
            }
            if (!seen.add(document.documentId())) {
                throw new InvalidInputException("run lists document '" + document.documentId() + "' twice for query '"
                        + queryId + "'; trec_eval 9.0.8 stops on such a run ('duplicate docs'), so remove the duplicate");
            }
        }
    }

    /**
     * Returns log2 of a positive integer. Powers of two are exact, as C's {@code log2} returns
     * them. For other arguments the quotient of natural logs may differ from C's {@code log2} in
     * the last bit, far below the 4 printed decimals.
     */
    static double log2(int n) {
        if (Integer.bitCount(n) == 1) {
            return Integer.numberOfTrailingZeros(n);
        }
        return Math.log(n) / Math.log(2.0);
    }
}
