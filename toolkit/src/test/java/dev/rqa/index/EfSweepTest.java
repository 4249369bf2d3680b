package dev.rqa.index;

import dev.rqa.encode.Embeddings;
import dev.rqa.eval.ScoredDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EfSweepTest {

    @Test
    void sweepReportsRecallAndSpeedPerEf() {
        List<String> ids = TestVectors.ids("p", 1500);
        Embeddings passages = TestVectors.gaussian(1500, 32, 91, 0);
        Embeddings queries = TestVectors.gaussian(100, 32, 92, 0);
        List<List<ScoredDocument>> exact = TestVectors.bruteForce(ids, TestVectors.normalized(passages),
                TestVectors.normalized(queries), 10);
        HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.COSINE,
                HnswOptions.defaults().withM(4).withEfConstruction(20).withThreads(1).withProgress(false));

        List<EfSweep.Point> points = EfSweep.run(index, queries, exact, List.of(1, 200), 10, 20);

        assertEquals(2, points.size());
        assertEquals(1, points.get(0).ef());
        assertEquals(200, points.get(1).ef());
        assertTrue(points.get(1).recall() > points.get(0).recall(),
                "recall at ef 200 " + points.get(1).recall() + " vs ef 1 " + points.get(0).recall());
        assertTrue(points.get(1).recall() >= 0.9, "recall at ef 200 " + points.get(1).recall());
        assertTrue(points.get(0).queriesPerSecond() > 0);
        assertEquals(queries.rows(), points.get(1).results().size());
        assertEquals(Recall.atK(exact, points.get(1).results(), 10), points.get(1).recall(), 1e-12);
    }
}
