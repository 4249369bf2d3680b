package dev.rqa.model.format;

import com.google.gson.stream.JsonWriter;
import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Hugging Face {@code tokenizer.json} for a plain WordPiece vocabulary ({@code vocab.txt})
 * that tokenises as BERT and ERNIE do: BertNormalizer (clean text, spaces around CJK characters,
 * optional lower-casing, which also strips accents), BertPreTokenizer, WordPiece with {@code [UNK]},
 * the {@code ##} prefix and at most 100 characters per word, and the templates
 * {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]} with type ids 0 and 1. The file sets no
 * truncation or padding; callers set lengths explicitly.
 */
public final class VocabTokenizerJson {

    private static final Logger LOG = LoggerFactory.getLogger(VocabTokenizerJson.class);

    private static final List<String> SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    private static final List<String> REQUIRED_TOKENS = List.of("[UNK]", "[CLS]", "[SEP]");

    private VocabTokenizerJson() {
    }

    /**
     * Reads a vocabulary into tokens ordered by id. Lines are either {@code token} (the id is the
     * line number, from 0) or {@code token<TAB>id} (PaddleNLP's form; the ids must then be a
     * permutation of 0..n-1). A token listed twice keeps its last id, as PaddleNLP and
     * transformers load vocabularies.
     */
    public static List<String> readVocab(Path vocabFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("vocabulary file not found: " + vocabFile);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + vocabFile + " as UTF-8 text: " + e.getMessage(), e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(vocabFile + " is empty; a vocabulary needs one token per line");
        }
        boolean withIds = lines.get(0).indexOf('\t') >= 0;
        String[] byId = new String[lines.size()];
        Map<String, Integer> lineOfToken = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String token = line;
            int id = i;
            if (withIds) {
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new InvalidInputException(vocabFile + " line " + (i + 1) + " has no tab, but line 1 has"
                            + " the form token<TAB>id; use one form for the whole file");
                }
                token = line.substring(0, tab);
                try {
                    id = Integer.parseInt(line.substring(tab + 1).trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(vocabFile + " line " + (i + 1) + ": '"
                            + line.substring(tab + 1) + "' is not a token id");
                }
                if (id < 0 || id >= lines.size()) {
                    throw new InvalidInputException(vocabFile + " line " + (i + 1) + ": id " + id + " is outside 0.."
                            + (lines.size() - 1) + "; the ids must number the " + lines.size() + " lines from 0");
                }
                if (byId[id] != null) {
                    throw new InvalidInputException(vocabFile + " line " + (i + 1) + ": id " + id
                            + " is given twice; the ids must be a permutation of 0.." + (lines.size() - 1));
                }
            }
            if (token.isEmpty()) {
                throw new InvalidInputException(vocabFile + " line " + (i + 1) + " has an empty token;"
                        + " remove the blank line, which would shift every later id");
            }
            Integer earlier = lineOfToken.put(token, i + 1);
            if (earlier != null) {
                LOG.warn("{}: token '{}' appears on lines {} and {}; the later id wins", vocabFile, token, earlier,
                        i + 1);
            }
            byId[id] = token;
        }
        for (String required : REQUIRED_TOKENS) {
            if (!lineOfToken.containsKey(required)) {
                throw new InvalidInputException(vocabFile + " has no " + required + " token; it is not a BERT or"
                        + " ERNIE WordPiece vocabulary");
            }
        }
        return Arrays.asList(byId);
    }

    /** Returns tokenizer.json text for a vocabulary file. */
    public static String fromVocabFile(Path vocabFile, boolean lowerCase) {
        return build(readVocab(vocabFile), lowerCase);
    }

    /** Returns tokenizer.json text for tokens ordered by id; a duplicated token keeps its last id. */
    public static String build(List<String> tokensById, boolean lowerCase) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokensById.size(); i++) {
            ids.put(tokensById.get(i), i);
        }
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setSerializeNulls(true);
            json.beginObject();
            json.name("version").value("1.0");
            json.name("truncation").nullValue();
            json.name("padding").nullValue();
            writeAddedTokens(json, ids);
            json.name("normalizer").beginObject()
                    .name("type").value("BertNormalizer")
                    .name("clean_text").value(true)
                    .name("handle_chinese_chars").value(true)
                    // null: accents are stripped exactly when lower-casing, as in BERT's BasicTokenizer.
                    .name("strip_accents").nullValue()
                    .name("lowercase").value(lowerCase)
                    .endObject();
            json.name("pre_tokenizer").beginObject().name("type").value("BertPreTokenizer").endObject();
            writePostProcessor(json, ids);
            json.name("decoder").beginObject()
                    .name("type").value("WordPiece")
                    .name("prefix").value("##")
                    .name("cleanup").value(true)
                    .endObject();
            json.name("model").beginObject()
                    .name("type").value("WordPiece")
                    .name("unk_token").value("[UNK]")
                    .name("continuing_subword_prefix").value("##")
                    .name("max_input_chars_per_word").value(100)
                    .name("vocab").beginObject();
            for (int i = 0; i < tokensById.size(); i++) {
                String token = tokensById.get(i);
                if (ids.get(token) == i) {
                    json.name(token).value(i);
                }
            }
            json.endObject().endObject();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeAddedTokens(JsonWriter json, Map<String, Integer> ids) throws IOException {
        List<String> present = new ArrayList<>();
        for (String token : SPECIAL_TOKENS) {
            if (ids.containsKey(token)) {
                present.add(token);
            }
        }
        present.sort((a, b) -> Integer.compare(ids.get(a), ids.get(b)));
        json.name("added_tokens").beginArray();
        for (String token : present) {
            json.beginObject()
                    .name("id").value(ids.get(token))
                    .name("content").value(token)
                    .name("single_word").value(false)
                    .name("lstrip").value(false)
                    .name("rstrip").value(false)
                    .name("normalized").value(false)
                    .name("special").value(true)
                    .endObject();
        }
        json.endArray();
    }

    private static void writePostProcessor(JsonWriter json, Map<String, Integer> ids) throws IOException {
        json.name("post_processor").beginObject().name("type").value("TemplateProcessing");
        json.name("single").beginArray();
        special(json, "[CLS]", 0);
        sequence(json, "A", 0);
        special(json, "[SEP]", 0);
        json.endArray();
        json.name("pair").beginArray();
        special(json, "[CLS]", 0);
        sequence(json, "A", 0);
        special(json, "[SEP]", 0);
        sequence(json, "B", 1);
        special(json, "[SEP]", 1);
        json.endArray();
        json.name("special_tokens").beginObject();
        for (String token : List.of("[CLS]", "[SEP]")) {
            json.name(token).beginObject()
                    .name("id").value(token)
                    .name("ids").beginArray().value(ids.get(token)).endArray()
                    .name("tokens").beginArray().value(token).endArray()
                    .endObject();
        }
        json.endObject();
        json.endObject();
    }

    private static void special(JsonWriter json, String token, int typeId) throws IOException {
        json.beginObject().name("SpecialToken").beginObject()
                .name("id").value(token).name("type_id").value(typeId)
                .endObject().endObject();
    }

    private static void sequence(JsonWriter json, String id, int typeId) throws IOException {
        json.beginObject().name("Sequence").beginObject()
                .name("id").value(id).name("type_id").value(typeId)
                .endObject().endObject();
    }
}
