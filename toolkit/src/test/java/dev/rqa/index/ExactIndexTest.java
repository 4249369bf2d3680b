package dev.rqa.index;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.Run;
import dev.rqa.eval.ScoredDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactIndexTest {

    private static final List<String> IDS = TestVectors.ids("p", 300);
    private static final Embeddings PASSAGES = TestVectors.gaussian(300, 24, 1, 1.0);
    private static final Embeddings QUERIES = TestVectors.gaussian(40, 24, 2, 0.5);

    private static ExactIndex dotIndex;

    @BeforeAll
    static void buildIndex() {
        dotIndex = ExactIndex.build(IDS, PASSAGES, Similarity.DOT, Device.cpu());
    }

    @AfterAll
    static void closeIndex() {
        dotIndex.close();
    }

    @Test
    void dotMatchesBruteForce() {
        List<List<ScoredDocument>> expected = TestVectors.bruteForce(IDS, PASSAGES, QUERIES, 10);
        assertEquals(expected, dotIndex.search(QUERIES, 10));
    }

    @Test
    void cosineMatchesBruteForceOnNormalisedVectors() {
        List<List<ScoredDocument>> expected = TestVectors.bruteForce(IDS, TestVectors.normalized(PASSAGES),
                TestVectors.normalized(QUERIES), 10);
        try (ExactIndex index = ExactIndex.build(IDS, PASSAGES, Similarity.COSINE, Device.cpu())) {
            assertEquals(expected, index.search(QUERIES, 10));
        }
    }

    @Test
    void cosineAndDotRankDifferently() {
        // A long vector at 45 degrees wins under dot; a short one pointing at the query wins under cosine.
        List<String> ids = List.of("long", "aligned");
        Embeddings passages = Embeddings.ofRows(new float[][] {{10, 10}, {0.5f, 0}});
        Embeddings query = Embeddings.ofRows(new float[][] {{1, 0}});
        try (ExactIndex dot = ExactIndex.build(ids, passages, Similarity.DOT, Device.cpu());
             ExactIndex cosine = ExactIndex.build(ids, passages, Similarity.COSINE, Device.cpu())) {
            List<ScoredDocument> dotTop = dot.search(query, 2).get(0);
            List<ScoredDocument> cosineTop = cosine.search(query, 2).get(0);
            assertEquals(List.of(new ScoredDocument("long", 10f), new ScoredDocument("aligned", 0.5f)), dotTop);
            assertEquals("aligned", cosineTop.get(0).documentId());
            assertEquals(1.0, cosineTop.get(0).score(), 1e-7);
            assertEquals((float) (10 / Math.sqrt(200)), (float) cosineTop.get(1).score());
        }
    }

    @Test
    void tiesAtCutOrderedByIdDescending() {
        // 40 identical passages tie far beyond the engine's k + margin candidates, so the cut must come
        // from the full-row scan. trec_eval keeps the largest ids first.
        int tied = 40;
        float[][] rows = new float[tied + 2][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tied; i++) {
            rows[i] = new float[] {1, 1};
            ids.add(String.format("t%02d", i));
        }
        rows[tied] = new float[] {3, 3};
        ids.add("best");
        rows[tied + 1] = new float[] {0, 0.5f};
        ids.add("low");
        Embeddings query = Embeddings.ofRows(new float[][] {{1, 1}});
        try (ExactIndex index = ExactIndex.build(ids, Embeddings.ofRows(rows), Similarity.DOT, Device.cpu())) {
            List<ScoredDocument> top = index.search(query, 4).get(0);
            assertEquals(List.of(new ScoredDocument("best", 6), new ScoredDocument("t39", 2),
                    new ScoredDocument("t38", 2), new ScoredDocument("t37", 2)), top);
        }
    }

    @Test
    void tiesInsideMarginOrderedByIdDescending() {
        List<String> ids = List.of("a", "c", "b", "d", "e");
        Embeddings passages = Embeddings.ofRows(new float[][] {{1, 0}, {1, 0}, {1, 0}, {2, 0}, {0, 1}});
        Embeddings query = Embeddings.ofRows(new float[][] {{1, 0}});
        try (ExactIndex index = ExactIndex.build(ids, passages, Similarity.DOT, Device.cpu())) {
            List<ScoredDocument> top = index.search(query, 3).get(0);
            assertEquals(List.of(new ScoredDocument("d", 2), new ScoredDocument("c", 1),
                    new ScoredDocument("b", 1)), top);
        }
    }

    @Test
    void smallChunksGiveSameResults() {
        // A bound of one score row per chunk forces 40 chunks instead of one.
        try (ExactIndex chunked = ExactIndex.build(IDS, PASSAGES, Similarity.DOT, Device.cpu(), IDS.size())) {
            assertEquals(dotIndex.search(QUERIES, 10), chunked.search(QUERIES, 10));
        }
    }

    @Test
    void zeroVectorScoresZeroUnderCosine() {
        List<String> ids = List.of("zero", "x");
        Embeddings passages = Embeddings.ofRows(new float[][] {{0, 0}, {1, 0}});
        Embeddings query = Embeddings.ofRows(new float[][] {{0, 0}});
        try (ExactIndex index = ExactIndex.build(ids, passages, Similarity.COSINE, Device.cpu())) {
            List<ScoredDocument> top = index.search(query, 2).get(0);
            assertEquals(List.of(new ScoredDocument("zero", 0), new ScoredDocument("x", 0)), top);
        }
    }

    @Test
    void kBeyondCorpusReturnsAll() {
        List<ScoredDocument> top = dotIndex.search(QUERIES, 1000).get(0);
        assertEquals(IDS.size(), top.size());
        assertEquals(TestVectors.bruteForce(IDS, PASSAGES, QUERIES, 1000).get(0), top);
    }

    @Test
    void searchRunKeysByQueryId() {
        List<String> queryIds = TestVectors.ids("q", QUERIES.rows());
        Run run = dotIndex.searchRun(queryIds, QUERIES, 5);
        assertEquals(queryIds, List.copyOf(run.queryIds()));
        assertEquals(dotIndex.search(QUERIES, 5).get(7), run.results("q00007"));
    }

    @Test
    void rejectsDimensionMismatch() {
        Embeddings wrong = TestVectors.gaussian(2, 8, 3, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> dotIndex.search(wrong, 5));
        assertTrue(error.getMessage().contains("dimension 8"), error.getMessage());
    }

    @Test
    void rejectsDuplicateIds() {
        List<String> ids = List.of("a", "b", "a");
        Embeddings passages = TestVectors.gaussian(3, 4, 4, 0);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> ExactIndex.build(ids, passages, Similarity.DOT, Device.cpu()));
        assertTrue(error.getMessage().contains("'a'"), error.getMessage());
    }

    @Test
    void rejectsNonFiniteQuery() {
        Embeddings nan = Embeddings.ofRows(new float[][] {new float[24]});
        nan.data()[5] = Float.NaN;
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> dotIndex.search(nan, 5));
        assertTrue(error.getMessage().contains("row 0"), error.getMessage());
    }

    @Test
    void rejectsSearchAfterClose() {
        ExactIndex index = ExactIndex.build(IDS, PASSAGES, Similarity.DOT, Device.cpu());
        index.close();
        assertThrows(IllegalStateException.class, () -> index.search(QUERIES, 5));
    }

    @Test
    void emptyIndexReturnsEmptyLists() {
        try (ExactIndex index = ExactIndex.build(List.of(), new Embeddings(0, 24, new float[0]), Similarity.DOT,
                Device.cpu())) {
            List<List<ScoredDocument>> results = index.search(QUERIES, 3);
            assertEquals(QUERIES.rows(), results.size());
            assertNotEquals(null, results.get(0));
            assertTrue(results.get(0).isEmpty());
        }
    }
}
