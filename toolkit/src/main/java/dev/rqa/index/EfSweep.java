package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.ScoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Measures recall and speed of one HNSW index at several search-time ef values. */
public final class EfSweep {

    private static final Logger LOG = LoggerFactory.getLogger(EfSweep.class);

    /**
     * One measured ef value.
     *
     * @param ef               candidate list size
     * @param recall           mean recall@k against exact search
     * @param seconds          wall-clock time of searching all queries
     * @param queriesPerSecond queries divided by seconds
     * @param results          the top k per query, in query order
     */
    public record Point(int ef, double recall, double seconds, double queriesPerSecond,
                        List<List<ScoredDocument>> results) {
    }

    private EfSweep() {
    }

    /**
     * Searches all queries once per ef value and compares with the exact top k.
     *
     * @param warmupQueries queries searched, untimed, before each timed pass, so the JIT has
     *                      compiled the search path for that ef; 0 disables the warm-up
     */
    public static List<Point> run(HnswPassageIndex index, Embeddings queries, List<List<ScoredDocument>> exact,
                                  List<Integer> efValues, int k, int warmupQueries) {
        Rankings.validateK(k);
        if (exact.size() != queries.rows()) {
            throw new InvalidInputException("exact results cover " + exact.size() + " queries but "
                    + queries.rows() + " query vectors were given");
        }
        if (efValues.isEmpty()) {
            throw new InvalidInputException("no ef values to sweep; give at least one");
        }
        int warmupRows = Math.min(Math.max(0, warmupQueries), queries.rows());
        Embeddings warmup = new Embeddings(warmupRows, queries.dim(),
                Arrays.copyOf(queries.data(), warmupRows * queries.dim()));

        List<Point> points = new ArrayList<>(efValues.size());
        for (int ef : efValues) {
            if (warmupRows > 0) {
                index.search(warmup, k, ef);
            }
            long started = System.nanoTime();
            List<List<ScoredDocument>> results = index.search(queries, k, ef);
            double seconds = (System.nanoTime() - started) / 1e9;
            double recall = Recall.atK(exact, results, k);
            double qps = queries.rows() / seconds;
            LOG.info("ef {}: recall@{} {}, {} queries/s", ef, k, String.format("%.4f", recall),
                    String.format("%.1f", qps));
            points.add(new Point(ef, recall, seconds, qps, results));
        }
        return points;
    }
}
