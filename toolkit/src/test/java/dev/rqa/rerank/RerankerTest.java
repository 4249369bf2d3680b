package dev.rqa.rerank;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.eval.MetricsReport;
import dev.rqa.eval.Qrels;
import dev.rqa.eval.Run;
import dev.rqa.eval.RunReader;
import dev.rqa.eval.RunWriter;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.eval.TrecEval;
import dev.rqa.model.registry.ModelLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-ranking with the seeded ERNIE cross encoder, whose scores an independent PyTorch run recorded. */
class RerankerTest {

    private static Path fixtures;
    private static JsonObject expected;
    private static Map<String, Query> queries;
    private static Map<String, Passage> passages;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        fixtures = Path.of(RerankerTest.class.getResource("/checkpoints/expected.json").toURI()).getParent();
        expected = JsonParser.parseString(Files.readString(fixtures.resolve("expected.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        queries = new LinkedHashMap<>();
        JsonArray queryItems = expected.getAsJsonArray("queries");
        for (int i = 0; i < queryItems.size(); i++) {
            queries.put("q" + i, new Query("q" + i, queryItems.get(i).getAsJsonObject().get("text").getAsString()));
        }
        passages = new LinkedHashMap<>();
        JsonArray passageItems = expected.getAsJsonArray("passages");
        for (int i = 0; i < passageItems.size(); i++) {
            passages.put("p" + i, new Passage("p" + i, passageItems.get(i).getAsJsonObject().get("text").getAsString()));
        }
    }

    private static CrossEncoder crossEncoder() {
        return ModelLoader.create(Device.cpu()).crossEncoder(fixtures.resolve("cross-encoder").toString(),
                expected.getAsJsonObject("cross_scores").get("max_length").getAsInt());
    }

    /** The reference score of every fixture pair (query index, passage index). */
    private static Map<String, Double> referenceScores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (var element : expected.getAsJsonObject("cross_scores").getAsJsonArray("pairs")) {
            JsonObject pair = element.getAsJsonObject();
            scores.put("q" + pair.get("query").getAsInt() + "/p" + pair.get("passage").getAsInt(),
                    pair.get("score").getAsDouble());
        }
        return scores;
    }

    @Test
    void orderFollowsCrossEncoderScores() {
        // Query 2 is paired with passages 2 and 0 in the reference; rank them in the opposite order first.
        Map<String, Double> reference = referenceScores();
        boolean passage2First = reference.get("q2/p2") > reference.get("q2/p0");
        Run firstStage = new Run(Map.of("q2", List.of(
                new ScoredDocument(passage2First ? "p0" : "p2", 0.9),
                new ScoredDocument(passage2First ? "p2" : "p0", 0.8))));

        Run reranked;
        try (CrossEncoder crossEncoder = crossEncoder()) {
            reranked = Reranker.rerank(crossEncoder, firstStage, queries, passages, 50);
        }

        List<ScoredDocument> ranking = reranked.results("q2");
        assertEquals(passage2First ? "p2" : "p0", ranking.get(0).documentId());
        assertEquals(reference.get("q2/" + ranking.get(0).documentId()), ranking.get(0).score(), 1e-5);
        assertEquals(reference.get("q2/" + ranking.get(1).documentId()), ranking.get(1).score(), 1e-5);
    }

    @Test
    void depthDropsDocumentsBelowIt() {
        Run firstStage = new Run(Map.of("q0", List.of(new ScoredDocument("p0", 3), new ScoredDocument("p1", 2),
                new ScoredDocument("p2", 1))));
        try (CrossEncoder crossEncoder = crossEncoder()) {
            Run reranked = Reranker.rerank(crossEncoder, firstStage, queries, passages, 2);
            assertEquals(2, reranked.results("q0").size());
        }
    }

    @Test
    void rerankedRunFileScoresAsExpected(@TempDir Path dir) {
        Map<String, Double> reference = referenceScores();
        Map<String, List<ScoredDocument>> lists = new LinkedHashMap<>();
        lists.put("q0", List.of(new ScoredDocument("p1", 0.9), new ScoredDocument("p0", 0.1)));
        lists.put("q2", List.of(new ScoredDocument("p0", 0.9), new ScoredDocument("p2", 0.1)));
        Run firstStage = new Run(lists);
        Qrels qrels = new Qrels(Map.of("q0", Map.of("p0", 1), "q2", Map.of("p2", 1)));

        Run reranked;
        try (CrossEncoder crossEncoder = crossEncoder()) {
            reranked = Reranker.rerank(crossEncoder, firstStage, queries, passages, 50);
        }
        Path file = dir.resolve("reranked.trec");
        RunWriter.write(file, reranked, "test");
        MetricsReport report = TrecEval.of("recip_rank").evaluate(qrels, RunReader.read(file));

        double expectedMrr = 0;
        for (String[] pair : new String[][] {{"q0", "p0", "p1"}, {"q2", "p2", "p0"}}) {
            double relevant = reference.get(pair[0] + "/" + pair[1]);
            double other = reference.get(pair[0] + "/" + pair[2]);
            expectedMrr += relevant > other ? 1.0 : 0.5;
        }
        assertEquals(expectedMrr / 2, report.average("recip_rank"), 1e-9);
    }

    @Test
    void unknownDocumentNamesIt() {
        Run firstStage = new Run(Map.of("q0", new ArrayList<>(List.of(new ScoredDocument("missing-doc", 1)))));
        try (CrossEncoder crossEncoder = crossEncoder()) {
            dev.rqa.InvalidInputException error = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.rqa.InvalidInputException.class,
                    () -> Reranker.rerank(crossEncoder, firstStage, queries, passages, 10));
            org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().contains("missing-doc"));
        }
    }
}
