package dev.rqa.bench;

import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncoderInput;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TextPreparation;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.index.ExactIndex;
import dev.rqa.progress.Progress;
import dev.rqa.rerank.CrossEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times single queries through the retrieval pipeline of PaddleNLP's timing table: encode the
 * query, recall the top k passages by exact search, re-rank them with the cross encoder.
 *
 * <p>Each query runs alone (batch size 1), as a search service receives it, and goes through the
 * encoder and cross encoder directly rather than through {@link DualEncoder#encodeQueries} and
 * {@link dev.rqa.rerank.Reranker}, whose progress displays would be timed too.
 */
public final class LatencyBenchmark {

    private LatencyBenchmark() {
    }

    /**
     * Runs the warm-up queries untimed, then times each measured query.
     *
     * @param passages id to passage for every passage in the index
     * @param recall   passages recalled and re-ranked per query
     */
    public static QueryLatencies measure(DualEncoder encoder, ExactIndex index, CrossEncoder crossEncoder,
                                         Map<String, Passage> passages, List<Query> warmup, List<Query> measured,
                                         int recall, String task) {
        try (Progress progress = Progress.start(task, warmup.size() + measured.size(), "queries")) {
            for (Query query : warmup) {
                runQuery(encoder, index, crossEncoder, passages, query, recall);
                progress.step(1);
            }

            int n = measured.size();
            double[] encode = new double[n];
            double[] recallStage = new double[n];
            double[] rerank = new double[n];
            double[] total = new double[n];
            long truncatedBefore = crossEncoder.truncatedPairs();
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                Timing timing = runQuery(encoder, index, crossEncoder, passages, measured.get(i), recall);
                encode[i] = millis(timing.start(), timing.encoded());
                recallStage[i] = millis(timing.encoded(), timing.recalled());
                rerank[i] = millis(timing.recalled(), timing.reranked());
                total[i] = millis(timing.start(), timing.reranked());
                pairs += timing.pairs();
                progress.step(1);
            }
            return new QueryLatencies(encode, recallStage, rerank, total, warmup.size(), recall, pairs,
                    crossEncoder.truncatedPairs() - truncatedBefore);
        }
    }

    /** Timestamps of one query in {@link System#nanoTime()} units, and the pairs it re-ranked. */
    private record Timing(long start, long encoded, long recalled, long reranked, int pairs) {
    }

    private static Timing runQuery(DualEncoder encoder, ExactIndex index, CrossEncoder crossEncoder,
                                   Map<String, Passage> passages, Query query, int recall) {
        DualEncoder.Tower tower = encoder.queryTower();
        SentenceEncoder queryEncoder = tower.encoder();

        long start = System.nanoTime();
        EncoderInput input = TextPreparation.query(query, tower.settings());
        SentenceEncoder.Result vector = queryEncoder.encodeInputs(List.of(input), null);
        long encoded = System.nanoTime();

        List<ScoredDocument> recalled = index.search(vector.embeddings(), recall).get(0);
        long recalledAt = System.nanoTime();

        List<String> queryTexts = new ArrayList<>(recalled.size());
        List<String> passageTexts = new ArrayList<>(recalled.size());
        for (ScoredDocument document : recalled) {
            queryTexts.add(query.text());
            passageTexts.add(passages.get(document.documentId()).text());
        }
        float[] scores = crossEncoder.score(queryTexts, passageTexts, null);
        List<ScoredDocument> reranked = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            reranked.add(new ScoredDocument(recalled.get(i).documentId(), scores[i]));
        }
        reranked.sort(Run.TREC_ORDER);
        long rerankedAt = System.nanoTime();
        return new Timing(start, encoded, recalledAt, rerankedAt, scores.length);
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }
}
