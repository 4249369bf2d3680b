package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The generated tokenizer.json, run through DJL, must give the ids of the Python reference tokenizer. */
class VocabTokenizerJsonTest {

    @Test
    void plainAndTabVocabulariesAgree() {
        List<String> expected = new ArrayList<>();
        Fixtures.expected().getAsJsonArray("vocab").forEach(token -> expected.add(token.getAsString()));
        assertEquals(expected, VocabTokenizerJson.readVocab(Fixtures.path("query-encoder/vocab.txt")));
        assertEquals(expected, VocabTokenizerJson.readVocab(Fixtures.path("para-encoder/vocab.txt")));
    }

    @Test
    void singleTextsMatchReference(@TempDir Path temp) throws IOException {
        Path json = writeTokenizer(temp, "para-encoder/vocab.txt", true);
        JsonObject expected = Fixtures.expected();
        int queryLength = expected.getAsJsonObject("settings").get("query_max_length").getAsInt();
        int passageLength = expected.getAsJsonObject("settings").get("passage_max_length").getAsInt();
        assertSingles(json, expected.getAsJsonArray("queries"), queryLength);
        assertSingles(json, expected.getAsJsonArray("passages"), passageLength);
    }

    @Test
    void pairsMatchReferenceExceptTies(@TempDir Path temp) throws IOException {
        Path json = writeTokenizer(temp, "query-encoder/vocab.txt", true);
        JsonObject expected = Fixtures.expected();
        JsonObject scores = expected.getAsJsonObject("cross_scores");
        int maxLength = scores.get("max_length").getAsInt();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(true).optTruncation(true).optMaxLength(maxLength).optPadding(false).build()) {
            for (JsonElement element : scores.getAsJsonArray("pairs")) {
                JsonObject pair = element.getAsJsonObject();
                String query = text("queries", pair.get("query").getAsInt());
                String passage = text("passages", pair.get("passage").getAsInt());
                Encoding encoding = tokenizer.encode(query, passage);
                boolean bothCut = pair.get("query_tokens").getAsInt() < pair.get("query_tokens_untruncated").getAsInt()
                        && pair.get("passage_tokens").getAsInt() < pair.get("passage_tokens_untruncated").getAsInt();
                if (bothCut) {
                    // Checked in pairTieTruncationDiffers.
                    continue;
                }
                assertArrayEquals(Fixtures.longs(pair.getAsJsonArray("input_ids")), encoding.getIds(),
                        query + " / " + passage);
                assertArrayEquals(Fixtures.longs(pair.getAsJsonArray("token_type_ids")), encoding.getTypeIds(),
                        query + " / " + passage);
            }
        }
    }

    @Test
    void pairTieTruncationDiffers(@TempDir Path temp) throws IOException {
        // Pair (3, 3) must lose tokens on both sides with 35 tokens to share: PaddleNLP keeps 18 query
        // tokens and 17 passage tokens, the Hugging Face tokenizers library 17 and 18.
        Path json = writeTokenizer(temp, "query-encoder/vocab.txt", true);
        JsonObject pair = null;
        for (JsonElement element : Fixtures.expected().getAsJsonObject("cross_scores").getAsJsonArray("pairs")) {
            if (element.getAsJsonObject().get("query").getAsInt() == 3) {
                pair = element.getAsJsonObject();
            }
        }
        assertEquals(18, pair.get("query_tokens").getAsInt());
        assertEquals(17, pair.get("passage_tokens").getAsInt());
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(true).optTruncation(true).optMaxLength(38).optPadding(false).build()) {
            Encoding encoding = tokenizer.encode(text("queries", 3), text("passages", 3));
            long queryTokens = 0;
            for (long type : encoding.getTypeIds()) {
                queryTokens += type == 0 ? 1 : 0;
            }
            assertEquals(17 + 2, queryTokens);
            assertNotEquals(List.of(Fixtures.longs(pair.getAsJsonArray("input_ids"))), List.of(encoding.getIds()));
        }
    }

    @Test
    void withoutLowerCaseUpperCaseIsUnknown(@TempDir Path temp) throws IOException {
        Path json = writeTokenizer(temp, "query-encoder/vocab.txt", false);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(true).optTruncation(false).optPadding(false).build()) {
            Encoding encoding = tokenizer.encode("NBA总决赛");
            assertArrayEquals(new String[] {"[CLS]", "[UNK]", "总", "决", "赛", "[SEP]"}, encoding.getTokens());
            long[] ids = encoding.getIds();
            assertEquals(3, ids[1]);
        }
    }

    @Test
    void bgeTokenizerLowerCasedByPatch() throws IOException {
        Path original = TokenizerFiles.fromResource("/bge-small-zh-v1.5-tokenizer.json");
        assertEquals(false, TokenizerFiles.lowerCase(original).orElseThrow());
        Path patched = TokenizerFiles.withLowerCase(original, true);
        assertEquals(true, TokenizerFiles.lowerCase(patched).orElseThrow());
        assertEquals(21128, TokenizerFiles.vocabSize(patched));
        try (HuggingFaceTokenizer cased = HuggingFaceTokenizer.builder().optTokenizerPath(original)
                .optTruncation(false).optPadding(false).build();
             HuggingFaceTokenizer lowered = HuggingFaceTokenizer.builder().optTokenizerPath(patched)
                .optTruncation(false).optPadding(false).build()) {
            assertTrue(contains(cased.encode("NBA总决赛").getIds(), 100), "cased text maps NBA to [UNK]");
            assertFalse(contains(lowered.encode("NBA总决赛").getIds(), 100), "lower-cased text finds nba");
        }
    }

    @Test
    void duplicateIdFails(@TempDir Path temp) throws IOException {
        Path vocab = temp.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\t0\n[UNK]\t1\n[CLS]\t1\n[SEP]\t3\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> VocabTokenizerJson.readVocab(vocab));
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
        assertTrue(error.getMessage().contains("id 1"), error.getMessage());
    }

    @Test
    void idOutsideRangeFails(@TempDir Path temp) throws IOException {
        Path vocab = temp.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\t0\n[UNK]\t1\n[CLS]\t2\n[SEP]\t7\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> VocabTokenizerJson.readVocab(vocab));
        assertTrue(error.getMessage().contains("id 7"), error.getMessage());
    }

    @Test
    void mixedLineFormsFail(@TempDir Path temp) throws IOException {
        Path vocab = temp.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\t0\n[UNK]\n[CLS]\t2\n[SEP]\t3\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> VocabTokenizerJson.readVocab(vocab));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void missingUnknownTokenFails(@TempDir Path temp) throws IOException {
        Path vocab = temp.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\n[CLS]\n[SEP]\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> VocabTokenizerJson.readVocab(vocab));
        assertTrue(error.getMessage().contains("[UNK]"), error.getMessage());
    }

    @Test
    void blankLineFails(@TempDir Path temp) throws IOException {
        Path vocab = temp.resolve("vocab.txt");
        Files.writeString(vocab, "[PAD]\n[UNK]\n\n[CLS]\n[SEP]\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> VocabTokenizerJson.readVocab(vocab));
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    private static void assertSingles(Path json, JsonArray texts, int maxLength) throws IOException {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(true).optTruncation(true).optMaxLength(maxLength).optPadding(false).build()) {
            for (JsonElement element : texts) {
                JsonObject text = element.getAsJsonObject();
                Encoding encoding = tokenizer.encode(text.get("text").getAsString());
                assertArrayEquals(Fixtures.longs(text.getAsJsonArray("input_ids")), encoding.getIds(),
                        text.get("text").getAsString());
                assertArrayEquals(Fixtures.longs(text.getAsJsonArray("token_type_ids")), encoding.getTypeIds());
            }
        }
    }

    private static Path writeTokenizer(Path directory, String vocab, boolean lowerCase) throws IOException {
        Path json = directory.resolve("tokenizer.json");
        Files.writeString(json, VocabTokenizerJson.fromVocabFile(Fixtures.path(vocab), lowerCase));
        return json;
    }

    private static String text(String kind, int index) {
        return Fixtures.expected().getAsJsonArray(kind).get(index).getAsJsonObject().get("text").getAsString();
    }

    private static boolean contains(long[] ids, long id) {
        for (long value : ids) {
            if (value == id) {
                return true;
            }
        }
        return false;
    }
}
