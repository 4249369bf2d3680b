package dev.rqa.index;

import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.ScoredDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HnswPassageIndexTest {

    private static final int K = 10;
    private static final HnswOptions OPTIONS = HnswOptions.defaults().withThreads(1).withProgress(false);

    @Test
    void mipsTransformKeepsRecallWhereInnerProductCollapses() {
        List<String> ids = TestVectors.ids("p", 2000);
        Embeddings passages = TestVectors.anisotropic(2000, 32, 11, 3.0, 0.25);
        Embeddings queries = TestVectors.gaussian(200, 32, 12, 0);
        List<List<ScoredDocument>> exact = TestVectors.bruteForce(ids, passages, queries, K);

        HnswPassageIndex mips = HnswPassageIndex.build(ids, passages, Similarity.DOT, OPTIONS);
        HnswPassageIndex innerProduct = HnswPassageIndex.build(ids, passages, Similarity.DOT,
                OPTIONS.withSpace(HnswSpace.INNER_PRODUCT));
        double mipsRecall = Recall.atK(exact, mips.search(queries, K, 400), K);
        double innerProductRecall = Recall.atK(exact, innerProduct.search(queries, K, 400), K);

        // Measured with hnswlib-core 1.2.1, M 16, efConstruction 200: about 0.99 against 0.38.
        assertEquals(HnswSpace.MIPS_EUCLIDEAN, mips.space());
        assertTrue(mipsRecall >= 0.95, "MIPS recall@10 " + mipsRecall);
        assertTrue(mipsRecall > innerProductRecall + 0.3,
                "MIPS recall@10 " + mipsRecall + " vs inner product " + innerProductRecall);
    }

    @Test
    void innerProductWinsOnIsotropicVectors() {
        // The transform is no free lunch: without a shared direction, raw inner products navigate
        // better at equal ef (C++ hnswlib 0.6.2 measures the same), which is why recall must be
        // measured per index.
        List<String> ids = TestVectors.ids("p", 2000);
        Embeddings passages = TestVectors.gaussian(2000, 32, 21, 1.0);
        Embeddings queries = TestVectors.gaussian(200, 32, 22, 0);
        List<List<ScoredDocument>> exact = TestVectors.bruteForce(ids, passages, queries, K);

        HnswPassageIndex mips = HnswPassageIndex.build(ids, passages, Similarity.DOT, OPTIONS);
        HnswPassageIndex innerProduct = HnswPassageIndex.build(ids, passages, Similarity.DOT,
                OPTIONS.withSpace(HnswSpace.INNER_PRODUCT));
        double mipsRecall = Recall.atK(exact, mips.search(queries, K, 100), K);
        double innerProductRecall = Recall.atK(exact, innerProduct.search(queries, K, 100), K);

        assertTrue(innerProductRecall > mipsRecall,
                "inner product recall@10 " + innerProductRecall + " vs MIPS " + mipsRecall);
    }

    @Test
    void cosineRecallAtLeast95() {
        List<String> ids = TestVectors.ids("p", 2000);
        Embeddings passages = TestVectors.gaussian(2000, 32, 31, 1.0);
        Embeddings queries = TestVectors.gaussian(200, 32, 32, 0);
        List<List<ScoredDocument>> exact = TestVectors.bruteForce(ids, TestVectors.normalized(passages),
                TestVectors.normalized(queries), K);

        HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.COSINE, OPTIONS);

        assertEquals(HnswSpace.INNER_PRODUCT, index.space());
        double recall = Recall.atK(exact, index.search(queries, K, 200), K);
        assertTrue(recall >= 0.95, "cosine recall@10 " + recall);
    }

    @Test
    void scoresEqualExactDotProducts() {
        List<String> ids = TestVectors.ids("p", 500);
        Embeddings passages = TestVectors.gaussian(500, 16, 41, 1.0);
        Embeddings queries = TestVectors.gaussian(30, 16, 42, 0);
        List<List<ScoredDocument>> everything = TestVectors.bruteForce(ids, passages, queries, ids.size());

        for (HnswSpace space : HnswSpace.values()) {
            HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.DOT, OPTIONS.withSpace(space));
            List<List<ScoredDocument>> found = index.search(queries, K, 50);
            for (int q = 0; q < queries.rows(); q++) {
                Map<String, Double> truth = new HashMap<>();
                everything.get(q).forEach(document -> truth.put(document.documentId(), document.score()));
                assertEquals(K, found.get(q).size());
                for (ScoredDocument document : found.get(q)) {
                    assertEquals(truth.get(document.documentId()), document.score(),
                            space + " query " + q + " passage " + document.documentId());
                }
            }
        }
    }

    @Test
    void resultsEqualExactOnSmallIndex() {
        // With ef covering every passage, HNSW must return exactly the exact lists, ties included.
        List<String> ids = TestVectors.ids("p", 120);
        Embeddings passages = TestVectors.gaussian(120, 8, 51, 0.5);
        for (int duplicate = 1; duplicate < 6; duplicate++) {
            System.arraycopy(passages.data(), 0, passages.data(), duplicate * 8, 8);
        }
        Embeddings queries = TestVectors.gaussian(20, 8, 52, 0);
        System.arraycopy(passages.data(), 0, queries.data(), 0, 8);

        for (Similarity similarity : Similarity.values()) {
            HnswPassageIndex index = HnswPassageIndex.build(ids, passages, similarity, OPTIONS);
            Embeddings scored = similarity == Similarity.COSINE ? TestVectors.normalized(passages) : passages;
            Embeddings scoredQueries = similarity == Similarity.COSINE ? TestVectors.normalized(queries) : queries;
            assertEquals(TestVectors.bruteForce(ids, scored, scoredQueries, 3), index.search(queries, 3, 120),
                    similarity.toString());
        }
    }

    @Test
    void efBelowKStillReturnsK() {
        List<String> ids = TestVectors.ids("p", 300);
        Embeddings passages = TestVectors.gaussian(300, 8, 61, 0);
        HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.COSINE, OPTIONS);
        List<List<ScoredDocument>> results = index.search(TestVectors.gaussian(5, 8, 62, 0), 25, 1);
        for (List<ScoredDocument> result : results) {
            assertEquals(25, result.size());
        }
    }

    @Test
    void parallelSearchMatchesSingleThread() {
        List<String> ids = TestVectors.ids("p", 800);
        Embeddings passages = TestVectors.gaussian(800, 16, 71, 0.5);
        Embeddings queries = TestVectors.gaussian(60, 16, 72, 0);
        HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.DOT, OPTIONS.withThreads(3));
        assertEquals(index.withSearchOptions(1, 40).search(queries, K),
                index.withSearchOptions(3, 40).search(queries, K));
    }

    /**
     * hnswlib-java 1.2.1 can deadlock when more threads insert than it has visited sets, of which it
     * keeps one per processor. Small graphs built by many threads make that contention likely.
     */
    @Test
    @Timeout(180)
    void buildWithMoreThreadsThanProcessors() {
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        List<String> ids = TestVectors.ids("p", 400);
        for (int round = 0; round < 25; round++) {
            Embeddings passages = TestVectors.gaussian(400, 8, 81 + round, 0.5);

            HnswOptions options = OPTIONS.withThreads(threads);

            HnswPassageIndex index = HnswPassageIndex.build(ids, passages, Similarity.DOT, options);

            assertEquals(400, index.size(), "round " + round);
        }
    }

    @Test
    void rejectsDimensionMismatch() {
        HnswPassageIndex index = HnswPassageIndex.build(TestVectors.ids("p", 20), TestVectors.gaussian(20, 8, 81, 0),
                Similarity.DOT, OPTIONS);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> index.search(TestVectors.gaussian(1, 9, 82, 0), 5));
        assertTrue(error.getMessage().contains("dimension 9"), error.getMessage());
    }

    @Test
    void rejectsIdCountMismatch() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> HnswPassageIndex.build(TestVectors.ids("p", 3), TestVectors.gaussian(4, 8, 83, 0),
                        Similarity.DOT, OPTIONS));
        assertTrue(error.getMessage().contains("3 passage ids"), error.getMessage());
    }
}
