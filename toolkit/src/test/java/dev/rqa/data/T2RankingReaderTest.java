package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class T2RankingReaderTest {

    /** Judgements, as {@code qid pid rel}, chosen so that each case of the first-10 protocol occurs once. */
    private static final List<String> QRELS = List.of(
            "100 3 2", "100 12 1",   // pid 12 > 10 is dropped; pid 3 keeps the query
            "101 10 3", "101 5 0",   // pid 10 == N survives without its passage
            "102 11 2",              // every judgement above the limit: the query disappears
            "103 4 0",               // only a 0 label: no relevant passage, the query disappears
            "104 9 1");

    @TempDir
    Path folder;

    @Test
    void passageLimitKeepsPidAtMostN() throws IOException {
        writeFiles(true, 4);

        RetrievalDataset dataset = T2RankingReader.load(folder, OptionalInt.of(10));

        assertEquals(IntStream.range(0, 10).mapToObj(Integer::toString).toList(),
                dataset.corpus().stream().map(Passage::id).toList());
        assertEquals(List.of("100", "101", "104"), dataset.queries().stream().map(Query::id).toList());
        assertEquals(Map.of("3", 2), dataset.qrels().judgements("100"));
        assertEquals(Map.of("10", 3, "5", 0), dataset.qrels().judgements("101"));
        assertEquals(Map.of("9", 1), dataset.qrels().judgements("104"));
        assertEquals(3, dataset.qrels().size());
        assertEquals("1", dataset.provenance().get("qrelsWithoutPassage"));
        assertEquals("2", dataset.provenance().get("qrelsAbovePassageLimit"));
        assertEquals("2", dataset.provenance().get("queriesWithoutRelevant"));
        assertEquals("10", dataset.provenance().get("passageLimit"));
    }

    @Test
    void headerlessFilesGiveSameResult() throws IOException {
        writeFiles(true, 4);
        RetrievalDataset withHeaders = T2RankingReader.load(folder, OptionalInt.of(10));
        writeFiles(false, 3);

        RetrievalDataset withoutHeaders = T2RankingReader.load(folder, OptionalInt.of(10));

        assertEquals(withHeaders.corpus(), withoutHeaders.corpus());
        assertEquals(withHeaders.queries(), withoutHeaders.queries());
        assertEquals(withHeaders.qrels().asMap(), withoutHeaders.qrels().asMap());
    }

    @Test
    void wholeCollectionKeepsEveryJudgement() throws IOException {
        writeFiles(true, 4);

        RetrievalDataset dataset = T2RankingReader.load(folder, OptionalInt.empty());

        assertEquals(15, dataset.corpus().size());
        assertEquals(List.of("100", "101", "102", "104"), dataset.queries().stream().map(Query::id).toList());
        assertEquals(Map.of("3", 2, "12", 1), dataset.qrels().judgements("100"));
        assertEquals("whole file", dataset.provenance().get("file.collection.tsv.sha256Scope"));
    }

    @Test
    void readsOnlyTheFirstRows() throws IOException {
        writeFiles(true, 4);
        Files.writeString(folder.resolve("collection.tsv"), "this line is not a passage\n",
                java.nio.file.StandardOpenOption.APPEND);

        RetrievalDataset dataset = T2RankingReader.load(folder, OptionalInt.of(10));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.empty()));

        assertEquals(10, dataset.corpus().size());
        assertEquals("first 11 lines (" + Files.readString(folder.resolve("collection.tsv")).lines().limit(11)
                        .mapToInt(line -> (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum()
                        + " bytes)",
                dataset.provenance().get("file.collection.tsv.sha256Scope"));
        assertTrue(error.getMessage().startsWith(folder.resolve("collection.tsv") + ":17: expected 2"),
                error.getMessage());
    }

    @Test
    void titleColumnIsJoinedToText() throws IOException {
        writeFiles(true, 4);
        Files.writeString(folder.resolve("collection.tsv"), "pid\ttitle\ttext\n0\t标题\t正文\n1\t\t无题正文\n");

        RetrievalDataset dataset = T2RankingReader.load(folder, OptionalInt.of(2));

        assertEquals(new Passage("0", "标题 正文"), dataset.corpus().get(0));
        assertEquals(new Passage("1", "无题正文"), dataset.corpus().get(1));
    }

    @Test
    void idsLoseLeadingZerosLikeIntegers() throws IOException {
        writeFiles(false, 3);
        Files.writeString(folder.resolve("collection.tsv"), "007\tseven\n");
        Files.writeString(folder.resolve("qrels.dev.tsv"), "0100\t7\t1\n");

        RetrievalDataset dataset = T2RankingReader.load(folder, OptionalInt.empty());

        assertEquals("7", dataset.corpus().get(0).id());
        assertEquals(Map.of("7", 1), dataset.qrels().judgements("100"));
    }

    @Test
    void badQrelsLineNamesFileAndLine() throws IOException {
        writeFiles(true, 4);
        Files.writeString(folder.resolve("qrels.dev.tsv"), "qid\t-\tpid\trel\n100\t0\t3\t2\n101\t0\t5\tx\n");

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.of(10)));

        assertTrue(error.getMessage().startsWith(folder.resolve("qrels.dev.tsv") + ":3: relevance label 'x'"),
                error.getMessage());
    }

    @Test
    void negativeLabelIsRejected() throws IOException {
        writeFiles(false, 3);
        Files.writeString(folder.resolve("qrels.dev.tsv"), "100\t3\t-1\n");

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.of(10)));

        assertTrue(error.getMessage().contains("qrels.dev.tsv:1: relevance label -1 is negative"), error.getMessage());
    }

    @Test
    void nonIntegerPidNamesFileAndLine() throws IOException {
        writeFiles(true, 4);
        Files.writeString(folder.resolve("collection.tsv"), "pid\ttext\n0\ta\nx1\tb\n");

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.of(10)));

        assertTrue(error.getMessage().startsWith(folder.resolve("collection.tsv") + ":3: pid 'x1' is not an integer"),
                error.getMessage());
    }

    @Test
    void extraColumnInQueriesIsRejected() throws IOException {
        writeFiles(true, 4);
        Files.writeString(folder.resolve("queries.dev.tsv"), "qid\ttext\n100\ta\tb\n");

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.of(10)));

        assertTrue(error.getMessage().startsWith(folder.resolve("queries.dev.tsv") + ":2: expected qid<TAB>text"),
                error.getMessage());
    }

    @Test
    void missingFileNamesAllThree() throws IOException {
        writeFiles(true, 4);
        Files.delete(folder.resolve("queries.dev.tsv"));

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> T2RankingReader.load(folder, OptionalInt.of(10)));

        assertTrue(error.getMessage().contains("queries.dev.tsv not found"), error.getMessage());
    }

    @Test
    void specParsesPassageLimit() throws IOException {
        writeFiles(true, 4);

        RetrievalDataset dataset = DatasetRegistry.standard().load("t2ranking:" + folder + "?passages=10",
                TestData.offlineFetcher(null, folder.resolve("cache")));

        assertEquals(10, dataset.corpus().size());
        assertFalse(dataset.queries().isEmpty());
    }

    @Test
    void publishedSampleQrelsFollowProtocol() throws IOException {
        Path sample = TestData.mirror().resolve("t2ranking-sample");
        Files.copy(sample.resolve("queries.test.tsv"), folder.resolve("queries.dev.tsv"));
        Files.copy(sample.resolve("qrels.test.tsv"), folder.resolve("qrels.dev.tsv"));
        // The sample publishes no passage texts, so the collection is synthetic: pids 0-199999 in order.
        StringBuilder collection = new StringBuilder("pid\ttext\n");
        for (int pid = 0; pid < 200_000; pid++) {
            collection.append(pid).append("\tp").append(pid).append('\n');
        }
        Files.writeString(folder.resolve("collection.tsv"), collection);

        RetrievalDataset limited = T2RankingReader.load(folder, OptionalInt.of(200_000));
        RetrievalDataset whole = T2RankingReader.load(folder, OptionalInt.empty());

        // Expected counts come from a separate Python script applying PaddleNLP's filter to the same files.
        assertEquals(85, limited.queries().size());
        assertEquals(507, limited.qrels().asMap().values().stream().mapToInt(Map::size).sum());
        assertEquals(99, whole.queries().size());
        assertEquals(1_664, whole.qrels().asMap().values().stream().mapToInt(Map::size).sum());
    }

    /** Writes 15 passages (pid 0-14), five dev queries and {@link #QRELS}, with or without header lines. */
    private void writeFiles(boolean headers, int qrelsColumns) throws IOException {
        StringBuilder collection = new StringBuilder(headers ? "pid\ttext\n" : "");
        for (int pid = 0; pid < 15; pid++) {
            collection.append(pid).append("\t段落").append(pid).append('\n');
        }
        Files.writeString(folder.resolve("collection.tsv"), collection);

        StringBuilder queries = new StringBuilder(headers ? "qid\ttext\n" : "");
        for (int qid = 100; qid < 105; qid++) {
            queries.append(qid).append("\t问题").append(qid).append('\n');
        }
        Files.writeString(folder.resolve("queries.dev.tsv"), queries);

        StringBuilder qrels = new StringBuilder(headers ? (qrelsColumns == 4 ? "qid\t-\tpid\trel\n" : "qid\tpid\trel\n")
                : "");
        for (String row : QRELS) {
            String[] fields = row.split(" ");
            qrels.append(fields[0]).append('\t');
            if (qrelsColumns == 4) {
                qrels.append("0\t");
            }
            qrels.append(fields[1]).append('\t').append(fields[2]).append('\n');
        }
        Files.writeString(folder.resolve("qrels.dev.tsv"), qrels);
    }
}
