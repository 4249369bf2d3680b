package dev.rqa.data;

import dev.rqa.eval.Qrels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DatasetSubsetTest {

    private static final RetrievalDataset DATASET = new RetrievalDataset("toy",
            List.of(new Passage("p1", "a"), new Passage("p2", "b"), new Passage("p3", "c"), new Passage("p4", "d"),
                    new Passage("p5", "e")),
            List.of(new Query("q1", "x"), new Query("q2", "y"), new Query("q3", "z")),
            new Qrels(Map.of("q1", Map.of("p4", 1, "p2", 0), "q2", Map.of("p5", 2), "q3", Map.of("p1", 1))),
            Map.of("format", "toy"));

    @Test
    void firstQueriesKeepWholeCorpus() {
        RetrievalDataset subset = DatasetSubset.firstQueries(2).apply(DATASET);

        assertEquals(DATASET.queries().subList(0, 2), subset.queries());
        assertEquals(DATASET.corpus(), subset.corpus());
        assertEquals(2, subset.qrels().size());
        assertEquals("toy[queries=2]", subset.name());
    }

    @Test
    void corpusCutKeepsJudgedThenOthersInOrder() {
        RetrievalDataset subset = DatasetSubset.firstQueries(1, 1).apply(DATASET);

        assertEquals(List.of("p1", "p2", "p4"), subset.corpus().stream().map(Passage::id).toList());
        assertEquals("1", subset.provenance().get("subset.otherPassages"));
        assertEquals("5", subset.provenance().get("subset.fullPassages"));
        assertEquals("3", subset.provenance().get("passages"));
    }

    @Test
    void zeroOthersKeepsOnlyJudged() {
        RetrievalDataset subset = DatasetSubset.firstQueries(2, 0).apply(DATASET);

        assertEquals(List.of("p2", "p4", "p5"), subset.corpus().stream().map(Passage::id).toList());
    }

    @Test
    void countAboveSizeKeepsAll() {
        RetrievalDataset subset = DatasetSubset.firstQueries(50).apply(DATASET);

        assertEquals(3, subset.queries().size());
    }

    @Test
    void emptySubsetReturnsSameDataset() {
        assertSame(DATASET, new DatasetSubset(OptionalInt.empty(), OptionalInt.empty()).apply(DATASET));
    }
}
