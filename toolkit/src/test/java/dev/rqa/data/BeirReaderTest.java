package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BeirReaderTest {

    @TempDir
    Path folder;

    @BeforeEach
    void writeFolder() throws IOException {
        Files.writeString(folder.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "标题一", "text": "文档一"}
                {"_id": "d2", "title": null, "text": "文档二"}
                {"_id": "d3", "text": "文档三", "metadata": {}}
                {"_id": 4, "title": "", "text": "文档四"}
                """);
        Files.writeString(folder.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "查询一"}
                {"_id": "q2", "text": "查询二"}
                {"_id": "q3", "text": "查询三"}
                {"_id": "q4", "text": "查询四"}
                """);
        Files.createDirectories(folder.resolve("qrels"));
        Files.writeString(folder.resolve("qrels/test.tsv"), """
                query-id\tcorpus-id\tscore
                q2\td2\t1
                q1\td1\t2
                q1\td3\t0
                """);
        Files.writeString(folder.resolve("qrels/dev.tsv"), """
                query-id\tcorpus-id\tscore
                q3\t4\t1
                """);
    }

    @Test
    void loadsSplitQueriesInQueriesFileOrder() {
        RetrievalDataset test = BeirReader.load(folder, "test");

        assertEquals(List.of(new Query("q1", "查询一"), new Query("q2", "查询二")), test.queries());
        assertEquals(Map.of("d1", 2, "d3", 0), test.qrels().judgements("q1"));
        assertEquals(4, test.corpus().size());
        assertEquals(new Passage("d1", "标题一", "文档一"), test.corpus().get(0));
        assertEquals(new Passage("d2", "", "文档二"), test.corpus().get(1));
        assertEquals(new Passage("4", "", "文档四"), test.corpus().get(3));
        assertEquals("beir:" + folder.getFileName() + "#test", test.name());
    }

    @Test
    void secondSplitLeavesFirstUnchanged() {
        RetrievalDataset test = BeirReader.load(folder, "test");
        List<Query> testQueries = List.copyOf(test.queries());
        Map<String, Map<String, Integer>> testQrels = Map.copyOf(test.qrels().asMap());

        RetrievalDataset dev = BeirReader.load(folder, "dev");

        assertEquals(List.of(new Query("q3", "查询三")), dev.queries());
        assertEquals(Map.of("q3", Map.of("4", 1)), dev.qrels().asMap());
        assertEquals(testQueries, test.queries());
        assertEquals(testQrels, test.qrels().asMap());
        assertEquals(test.queries(), BeirReader.load(folder, "test").queries());
    }

    @Test
    void registrySpecsKeepSplitsApart() {
        DatasetRegistry registry = DatasetRegistry.standard();
        FileFetcher fetcher = TestData.offlineFetcher(null, folder.resolve("cache"));

        RetrievalDataset test = registry.load("beir:" + folder, fetcher);
        RetrievalDataset dev = registry.load("beir:" + folder + "#dev", fetcher);

        assertEquals("test", test.provenance().get("split"));
        assertEquals(2, test.queries().size());
        assertEquals("dev", dev.provenance().get("split"));
        assertEquals(1, dev.queries().size());
    }

    @Test
    void qrelsWithoutHeaderKeepFirstRow() throws IOException {
        Files.writeString(folder.resolve("qrels/plain.tsv"), "q4\td1\t1\nq2\td2\t1\n");

        RetrievalDataset plain = BeirReader.load(folder, "plain");

        assertEquals(List.of("q2", "q4"), plain.queries().stream().map(Query::id).toList());
    }

    @Test
    void malformedJsonLineNamesFileAndLine() throws IOException {
        Files.writeString(folder.resolve("corpus.jsonl"), """
                {"_id": "d1", "text": "a"}
                {"_id": "d2", "text": "b"}
                {"_id": "d3", "text": "c"
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().startsWith(folder.resolve("corpus.jsonl") + ":3: invalid JSON"),
                error.getMessage());
    }

    @Test
    void missingTextNamesFileAndLine() throws IOException {
        Files.writeString(folder.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"a\"}\n{\"_id\": \"q2\"}\n");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().startsWith(folder.resolve("queries.jsonl") + ":2: missing \"text\""),
                error.getMessage());
    }

    @Test
    void nonObjectLineIsRejected() throws IOException {
        Files.writeString(folder.resolve("corpus.jsonl"), "[\"d1\", \"text\"]\n");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().contains("corpus.jsonl:1: expected a JSON object"), error.getMessage());
    }

    @Test
    void duplicateCorpusIdIsRejected() throws IOException {
        Files.writeString(folder.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"a\"}\n"
                + "{\"_id\": \"d1\", \"text\": \"b\"}\n");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().contains("corpus.jsonl:2: duplicate corpus _id 'd1', first used on line 1"),
                error.getMessage());
    }

    @Test
    void badQrelsLineNamesFileAndLine() throws IOException {
        Files.writeString(folder.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\n");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().startsWith(folder.resolve("qrels/test.tsv") + ":3: expected 3 columns"),
                error.getMessage());
    }

    @Test
    void judgedQueryMissingFromQueriesIsRejected() throws IOException {
        Files.writeString(folder.resolve("qrels/test.tsv"), "q9\td1\t1\n");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "test"));

        assertTrue(error.getMessage().contains("query-id 'q9'"), error.getMessage());
    }

    @Test
    void unknownSplitListsAvailableSplits() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> BeirReader.load(folder, "train"));

        assertTrue(error.getMessage().contains("Available splits: dev, test"), error.getMessage());
    }
}
