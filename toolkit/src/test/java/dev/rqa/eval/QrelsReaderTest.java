package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrelsReaderTest {

    @TempDir
    Path directory;

    private Path write(String name, String content) throws IOException {
        Path path = directory.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private InvalidInputException readFails(String content) throws IOException {
        Path path = write("bad.qrels", content);
        return assertThrows(InvalidInputException.class, () -> QrelsReader.read(path));
    }

    @Test
    void readTrecFourColumns() throws IOException {
        Qrels qrels = QrelsReader.read(write("q.qrels", "q1 0 d1 1\nq1 0 d2 0\nq2\t0\td3\t2\n"));

        assertEquals(Map.of("d1", 1, "d2", 0), qrels.judgements("q1"));
        assertEquals(Map.of("d3", 2), qrels.judgements("q2"));
    }

    @Test
    void readBeirTsvWithHeader() throws IOException {
        Qrels qrels = QrelsReader.read(write("test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n"));

        assertEquals(1, qrels.size());
        assertEquals(Map.of("d1", 1, "d2", 0), qrels.judgements("q1"));
    }

    @Test
    void readThreeColumnsWithoutHeader() throws IOException {
        Qrels qrels = QrelsReader.read(write("dev.tsv", "100\t7\t3\n100\t8\t0\n"));

        assertEquals(Map.of("7", 3, "8", 0), qrels.judgements("100"));
    }

    @Test
    void skipCommentsBlankLinesAndBom() throws IOException {
        Qrels qrels = QrelsReader.read(write("c.qrels", "\uFEFF# judged by hand\n\nq1 0 d1 1\n   \n  # more\nq1 0 d2 2\n"));

        assertEquals(Map.of("d1", 1, "d2", 2), qrels.judgements("q1"));
    }

    @Test
    void negativeLabelKept() throws IOException {
        Qrels qrels = QrelsReader.read(write("n.qrels", "q1 0 d1 -1\nq1 0 d2 1\n"));

        assertEquals(-1, qrels.judgements("q1").get("d1"));
        assertEquals(1, qrels.relevantCount("q1"));
    }

    @Test
    void readRealT2RankingSample() {
        Path path = Path.of(System.getenv("RQA_DATA_MIRROR"), "t2ranking-sample", "qrels.test.tsv");

        Qrels qrels = QrelsReader.read(path);

        assertEquals(100, qrels.size());
        assertEquals(1685, qrels.asMap().values().stream().mapToInt(Map::size).sum());
        assertEquals(3, qrels.judgements("0").get("159474"));
    }

    @Test
    void wrongColumnCountNamesFileAndLine() throws IOException {
        InvalidInputException error = readFails("q1 0 d1 1\nq1 0 d2\n");

        assertTrue(error.getMessage().contains("bad.qrels:2:"), error.getMessage());
        assertTrue(error.getMessage().contains("found 3"), error.getMessage());
    }

    @Test
    void unsupportedColumnCountRejected() throws IOException {
        InvalidInputException error = readFails("q1 d1\n");

        assertTrue(error.getMessage().contains("bad.qrels:1:"), error.getMessage());
        assertTrue(error.getMessage().contains("found 2"), error.getMessage());
    }

    @Test
    void nonIntegerLabelRejected() throws IOException {
        InvalidInputException fraction = readFails("q1 0 d1 1\nq1 0 d2 1.5\n");
        InvalidInputException text = readFails("q1\td1\t1\nq1\td2\tyes\n");

        assertTrue(fraction.getMessage().contains("bad.qrels:2:"), fraction.getMessage());
        assertTrue(fraction.getMessage().contains("'1.5'"), fraction.getMessage());
        assertTrue(text.getMessage().contains("bad.qrels:2:"), text.getMessage());
        assertTrue(text.getMessage().contains("'yes'"), text.getMessage());
    }

    @Test
    void headerOnlyOnFirstLine() throws IOException {
        InvalidInputException error = readFails("q1\td1\t1\nquery-id\tcorpus-id\tscore\n");

        assertTrue(error.getMessage().contains("bad.qrels:2:"), error.getMessage());
    }

    @Test
    void duplicateJudgementRejected() throws IOException {
        InvalidInputException error = readFails("q1 0 d1 1\nq2 0 d1 0\nq1 0 d1 0\n");

        assertTrue(error.getMessage().contains("bad.qrels:3:"), error.getMessage());
        assertTrue(error.getMessage().contains("first at line 1"), error.getMessage());
    }

    @Test
    void emptyFileRejected() throws IOException {
        InvalidInputException error = readFails("# nothing\n\n");

        assertTrue(error.getMessage().contains("no judgements"), error.getMessage());
    }

    @Test
    void missingFileRejected() {
        Path path = directory.resolve("absent.qrels");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> QrelsReader.read(path));

        assertTrue(error.getMessage().contains("absent.qrels not found"), error.getMessage());
    }

    @Test
    void invalidUtf8Rejected() throws IOException {
        Path path = directory.resolve("latin1.qrels");
        Files.write(path, new byte[] {'q', '1', ' ', '0', ' ', 'd', (byte) 0xE9, ' ', '1', '\n'});

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> QrelsReader.read(path));

        assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    }
}
