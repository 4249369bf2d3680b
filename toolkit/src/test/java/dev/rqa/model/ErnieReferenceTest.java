package dev.rqa.model;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.TextTokenizer;
import dev.rqa.encode.TokenizedText;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.rerank.CrossEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java encoder and cross encoder against an independent PyTorch implementation run on the same
 * seeded ERNIE 3.0 checkpoints ({@code checkpoints/generate.py} writes both the files and the
 * expected outputs).
 */
class ErnieReferenceTest {

    private static final double TOLERANCE = 1e-5;
    private static Path fixtures;
    private static JsonObject expected;
    private static ModelLoader loader;

    @BeforeAll
    static void readFixtures() throws IOException, URISyntaxException {
        fixtures = Path.of(ErnieReferenceTest.class.getResource("/checkpoints/expected.json").toURI()).getParent();
        expected = JsonParser.parseString(Files.readString(fixtures.resolve("expected.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        loader = ModelLoader.create(Device.cpu()).withEmbeddingCache(null);
    }

    private static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        JsonArray items = expected.getAsJsonArray("queries");
        for (int i = 0; i < items.size(); i++) {
            queries.add(new Query("q" + i, items.get(i).getAsJsonObject().get("text").getAsString()));
        }
        return queries;
    }

    private static List<Passage> passages() {
        List<Passage> passages = new ArrayList<>();
        JsonArray items = expected.getAsJsonArray("passages");
        for (int i = 0; i < items.size(); i++) {
            passages.add(new Passage("p" + i, items.get(i).getAsJsonObject().get("text").getAsString()));
        }
        return passages;
    }

    private static long[] longs(JsonElement array) {
        JsonArray values = array.getAsJsonArray();
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).getAsLong();
        }
        return result;
    }

    private static void assertVectorsClose(JsonArray expectedVectors, Embeddings actual, String what) {
        assertEquals(expectedVectors.size(), actual.rows(), what + " count");
        for (int row = 0; row < actual.rows(); row++) {
            JsonArray vector = expectedVectors.get(row).getAsJsonArray();
            float[] got = actual.row(row);
            assertEquals(vector.size(), got.length, what + " " + row + " dimension");
            for (int d = 0; d < got.length; d++) {
                assertEquals(vector.get(d).getAsDouble(), got[d], TOLERANCE, what + " " + row + " value " + d);
            }
        }
    }

    private DualEncoder dualEncoder() {
        int queryLength = expected.getAsJsonObject("settings").get("query_max_length").getAsInt();
        int passageLength = expected.getAsJsonObject("settings").get("passage_max_length").getAsInt();
        EncodingOverrides overrides = EncodingOverrides.NONE.withMaxLengths(queryLength, passageLength)
                .withLowercase(true);
        return loader.dualEncoder(fixtures.resolve("query-encoder") + "," + fixtures.resolve("para-encoder"),
                overrides);
    }

    @Test
    void queryVectorsMatchReference() {
        try (DualEncoder encoder = dualEncoder()) {
            Embeddings vectors = encoder.encodeQueries(queries());
            assertVectorsClose(expected.getAsJsonObject("query_embeddings").getAsJsonArray("vectors"), vectors,
                    "query vector");
        }
    }

    @Test
    void passageVectorsMatchReferenceFromFp16() {
        try (DualEncoder encoder = dualEncoder()) {
            Embeddings vectors = encoder.encodePassages(passages());
            assertVectorsClose(expected.getAsJsonObject("passage_embeddings").getAsJsonArray("vectors"), vectors,
                    "passage vector");
        }
    }

    @Test
    void tokenIdsMatchReferenceTokenizer() {
        try (DualEncoder encoder = dualEncoder()) {
            TextTokenizer tokenizer = encoder.queryTower().encoder().tokenizer();
            JsonArray items = expected.getAsJsonArray("queries");
            for (int i = 0; i < items.size(); i++) {
                JsonObject query = items.get(i).getAsJsonObject();
                TokenizedText tokens = tokenizer.encode(query.get("text").getAsString());
                assertArrayEquals(longs(query.get("input_ids")), tokens.ids(), "ids of query " + i);
                assertEquals(query.get("truncated").getAsBoolean(), tokens.truncated(), "truncation of query " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-encoder", "cross-encoder-hf"})
    void crossScoresMatchReference(String checkpoint) {
        JsonObject cross = expected.getAsJsonObject("cross_scores");
        List<Query> queries = queries();
        List<Passage> passages = passages();
        try (CrossEncoder crossEncoder = loader.crossEncoder(fixtures.resolve(checkpoint).toString(),
                cross.get("max_length").getAsInt())) {
            List<String> queryTexts = new ArrayList<>();
            List<String> passageTexts = new ArrayList<>();
            for (JsonElement element : cross.getAsJsonArray("pairs")) {
                JsonObject pair = element.getAsJsonObject();
                queryTexts.add(queries.get(pair.get("query").getAsInt()).text());
                passageTexts.add(passages.get(pair.get("passage").getAsInt()).text());
            }
            float[] scores = crossEncoder.score(queryTexts, passageTexts, null);

            JsonArray pairs = cross.getAsJsonArray("pairs");
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(pairs.get(i).getAsJsonObject().get("score").getAsDouble(), scores[i], TOLERANCE,
                        "score of pair " + i);
            }
        }
    }

    @Test
    void pairTruncationFollowsPaddleRule() {
        JsonObject cross = expected.getAsJsonObject("cross_scores");
        int maxLength = cross.get("max_length").getAsInt();
        List<Query> queries = queries();
        List<Passage> passages = passages();
        try (CrossEncoder crossEncoder = loader.crossEncoder(fixtures.resolve("cross-encoder").toString(),
                maxLength)) {
            TextTokenizer tokenizer = TextTokenizer.load(
                    dev.rqa.model.format.CheckpointLoader.load(fixtures.resolve("cross-encoder")).tokenizerJson(),
                    true, maxLength);
            for (JsonElement element : cross.getAsJsonArray("pairs")) {
                JsonObject pair = element.getAsJsonObject();
                TokenizedText tokens = tokenizer.encodePair(queries.get(pair.get("query").getAsInt()).text(),
                        passages.get(pair.get("passage").getAsInt()).text());
                assertArrayEquals(longs(pair.get("input_ids")), tokens.ids(), "ids of pair " + pair);
                assertArrayEquals(longs(pair.get("token_type_ids")), tokens.typeIds(), "types of pair " + pair);
                assertEquals(pair.get("truncated").getAsBoolean(), tokens.truncated(), "truncation of " + pair);
            }
            assertEquals(maxLength, crossEncoder.maxLength());
        }
    }
}
