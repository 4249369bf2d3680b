package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SquadReaderTest {

    @TempDir
    Path temp;

    @Test
    void readsParagraphsQuestionsAndTitles() throws IOException {
        Path file = write("a.json", """
                {"version": "v1.0", "data": [
                  {"paragraphs": [
                     {"id": "P1", "context": "第一段", "qas": [
                        {"question": "问题一", "id": "Q1", "answers": [{"text": "第一", "answer_start": 0}]},
                        {"question": "问题二", "id": "Q2", "answers": []}]}],
                   "title": "标题", "id": "A1"},
                  {"title": null, "paragraphs": [{"id": "P2", "context": "第二段", "qas": []}]}]}
                """);

        RetrievalDataset dataset = load(file);

        assertEquals(List.of(new Passage("P1", "标题", "第一段"), new Passage("P2", "", "第二段")), dataset.corpus());
        assertEquals(List.of(new Query("Q1", "问题一"), new Query("Q2", "问题二")), dataset.queries());
        assertEquals(Map.of("P1", 1), dataset.qrels().judgements("Q2"));
    }

    @Test
    void paragraphsWithoutIdsGetPositionalIds() throws IOException {
        Path file = write("train-v1.1.json", """
                {"data": [{"title": "T0", "paragraphs": [{"context": "c00", "qas": []}]},
                          {"title": "T1", "paragraphs": [{"context": "c10", "qas": []},
                                                         {"context": "c11", "qas": [{"id": "q", "question": "?"}]}]}]}
                """);

        RetrievalDataset dataset = load(file);

        assertEquals(List.of("train-v1.1-0-0", "train-v1.1-1-0", "train-v1.1-1-1"),
                dataset.corpus().stream().map(Passage::id).toList());
        assertEquals(Map.of("train-v1.1-1-1", 1), dataset.qrels().judgements("q"));
    }

    @Test
    void missingContextNamesPathAndLine() throws IOException {
        Path file = write("bad.json", """
                {"data": [{"title": "T", "paragraphs": [
                  {"id": "P1", "context": "ok", "qas": []},
                  {"id": "P2", "qas": []}]}]}
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("$.data[0].paragraphs[1]"), error.getMessage());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
        assertTrue(error.getMessage().contains("\"context\""), error.getMessage());
        assertTrue(error.getMessage().contains("P2"), error.getMessage());
    }

    @Test
    void missingQuestionIdNamesPath() throws IOException {
        Path file = write("bad.json", """
                {"data": [{"title": "T", "paragraphs": [{"id": "P1", "context": "c", "qas": [
                  {"id": "Q1", "question": "a"},
                  {"question": "b"}]}]}]}
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().contains("$.data[0].paragraphs[0].qas[1]"), error.getMessage());
        assertTrue(error.getMessage().contains("no \"id\""), error.getMessage());
    }

    @Test
    void duplicateParagraphIdAcrossFilesNamesBoth() throws IOException {
        Path first = write("first.json", """
                {"data": [{"title": "T", "paragraphs": [{"id": "P1", "context": "c", "qas": []}]}]}
                """);
        Path second = write("second.json", """
                {"data": [{"title": "T", "paragraphs": [{"id": "P1", "context": "d", "qas": []}]}]}
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SquadReader.dataset("pair", List.of(first, second), List.of(first, second)));

        assertTrue(error.getMessage().contains("'P1'"), error.getMessage());
        assertTrue(error.getMessage().contains(first.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(second.toString()), error.getMessage());
    }

    @Test
    void duplicateQuestionIdIsRejected() throws IOException {
        Path file = write("dup.json", """
                {"data": [{"title": "T", "paragraphs": [
                  {"id": "P1", "context": "c", "qas": [{"id": "Q", "question": "a"}]},
                  {"id": "P2", "context": "d", "qas": [{"id": "Q", "question": "b"}]}]}]}
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().contains("duplicate question id 'Q'"), error.getMessage());
        assertTrue(error.getMessage().contains("$.data[0].paragraphs[1].qas[0]"), error.getMessage());
        assertTrue(error.getMessage().contains("$.data[0].paragraphs[0].qas[0]"), error.getMessage());
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        Path file = write("broken.json", """
                {"data": [{"title": "T", "paragraphs": [
                  {"id": "P1", "context": "c" "qas": []}]}]}
                """);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().startsWith(file + ": invalid JSON"), error.getMessage());
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void missingDataArrayIsRejected() throws IOException {
        Path file = write("other.json", "{\"version\": \"1\"}");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().contains("no \"data\" array"), error.getMessage());
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Path file = temp.resolve("latin1.json");
        byte[] prefix = "{\"data\": [{\"title\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\", \"paragraphs\": []}]}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xE9;
        System.arraycopy(suffix, 0, bytes, prefix.length + 1, suffix.length);
        Files.write(file, bytes);

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(file));

        assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    }

    @Test
    void emptyQuestionsAreKeptAndCounted() {
        RetrievalDataset trial = DatasetRegistry.standard().load(
                "squad:" + TestData.cmrcFile("cmrc2018_trial.json"), TestData.offlineFetcher(null, temp));

        assertEquals(256, trial.corpus().size());
        assertEquals(1_002, trial.queries().size());
        assertEquals("2", trial.provenance().get("emptyQueries"));
        assertEquals("", trial.queries().stream().filter(q -> q.id().equals("TRIAL_20_QUERY_0")).findFirst()
                .orElseThrow().text());
    }

    @Test
    void specWithSeveralFilesTakesQueriesFromAll() {
        String spec = "squad:" + TestData.cmrcFile("cmrc2018_dev.json") + "," + TestData.cmrcFile("cmrc2018_trial.json");

        RetrievalDataset both = DatasetRegistry.standard().load(spec, TestData.offlineFetcher(null, temp));

        assertEquals(1_104, both.corpus().size());
        assertEquals(3_219 + 1_002, both.queries().size());
        assertEquals("squad:cmrc2018_dev.json,cmrc2018_trial.json", both.name());
    }

    private RetrievalDataset load(Path file) {
        return SquadReader.dataset("test", List.of(file), List.of(file));
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(temp.resolve(name), json);
    }
}
