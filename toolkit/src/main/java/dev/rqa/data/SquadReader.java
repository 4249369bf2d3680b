package dev.rqa.data;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.rqa.InvalidInputException;
import dev.rqa.eval.Qrels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads SQuAD v1 JSON ({@code {"data": [{"title", "paragraphs": [{"id", "context", "qas": [{"id",
 * "question"}]}]}]}}) as a retrieval dataset: every paragraph is a passage, every question a query, and
 * each question's only relevant passage (label 1) is the paragraph it was asked about.
 *
 * <p>The passage title is the article {@code title} (empty when missing or null). SQuAD v1.1 itself gives
 * paragraphs no {@code id}; such a paragraph gets {@code <file stem>-<article index>-<paragraph index>}
 * (0-based), while CMRC 2018 and DRCD files carry ids such as {@code DEV_0}. Empty {@code context} or
 * {@code question} strings are kept, because dropping them would change the counts other tools report;
 * they are logged. A missing {@code context}, {@code question} or question {@code id}, and duplicate
 * ids, are errors naming the file and the JSON path.
 */
public final class SquadReader {

    private static final Logger LOG = LoggerFactory.getLogger(SquadReader.class);

    private static final Pattern READER_LINE = Pattern.compile("at line (\\d+) column (\\d+)");

    private SquadReader() {
    }

    /** A question and the paragraph it belongs to. */
    record Question(String id, String text, String paragraphId, String location) {
    }

    /** Contents of one SQuAD file, with the location of every entry for error messages. */
    record SquadFile(Path path, String sha256, long size, List<Passage> paragraphs,
                     List<String> paragraphLocations, List<Question> questions) {
    }

    /**
     * Builds a dataset whose corpus contains the paragraphs of every corpus file and whose queries are the
     * questions of the query files, which must be among the corpus files.
     */
    public static RetrievalDataset dataset(String name, List<Path> corpusFiles, List<Path> queryFiles) {
        Map<Path, SquadFile> parsed = new LinkedHashMap<>();
        for (Path file : corpusFiles) {
            parsed.computeIfAbsent(normalize(file), SquadReader::read);
        }
        for (Path file : queryFiles) {
            if (!parsed.containsKey(normalize(file))) {
                throw new IllegalArgumentException("query file " + file + " is not among the corpus files "
                        + corpusFiles + "; its questions would point at passages outside the corpus");
            }
        }

        List<Passage> corpus = new ArrayList<>();
        Map<String, String> paragraphLocations = new HashMap<>();
        for (SquadFile file : parsed.values()) {
            for (int i = 0; i < file.paragraphs().size(); i++) {
                Passage paragraph = file.paragraphs().get(i);
                String location = file.paragraphLocations().get(i);
                String previous = paragraphLocations.putIfAbsent(paragraph.id(), location);
                if (previous != null) {
                    throw new InvalidInputException("duplicate paragraph id '" + paragraph.id() + "' at " + location
                            + "; it was first used at " + previous + ". Paragraph ids must be unique across all"
                            + " files of a dataset.");
                }
                corpus.add(paragraph);
            }
        }

        List<Query> queries = new ArrayList<>();
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        Map<String, String> questionLocations = new HashMap<>();
        Set<Path> queryPaths = queryFiles.stream().map(SquadReader::normalize)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (Path queryPath : queryPaths) {
            for (Question question : parsed.get(queryPath).questions()) {
                String previous = questionLocations.putIfAbsent(question.id(), question.location());
                if (previous != null) {
                    throw new InvalidInputException("duplicate question id '" + question.id() + "' at "
                            + question.location() + "; it was first used at " + previous
                            + ". Question ids must be unique across all query files.");
                }
                queries.add(new Query(question.id(), question.text()));
                judgements.put(question.id(), Map.of(question.paragraphId(), 1));
            }
        }

        DatasetProvenance.warnAboutEmptyTexts(LOG, name, corpus, queries);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("format", "squad-v1");
        for (SquadFile file : parsed.values()) {
            String prefix = "file." + file.path().getFileName();
            DatasetProvenance.putFile(provenance, prefix, file.path(), file.size(), file.sha256());
        }
        provenance.put("queryFiles", queryPaths.stream().map(path -> path.getFileName().toString())
                .collect(Collectors.joining(",")));
        DatasetProvenance.putCounts(provenance, corpus, queries, judgements.size());
        LOG.info("{}: {} passages, {} queries from {}", name, corpus.size(), queries.size(), parsed.keySet());
        return new RetrievalDataset(name, corpus, queries, new Qrels(judgements), provenance);
    }

    /** Parses one SQuAD v1 file. */
    static SquadFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read SQuAD file " + file + ": " + e.getMessage(), e);
        }
        String sha256 = Sha256.hex(digestOf(bytes));
        int start = hasByteOrderMark(bytes) ? 3 : 0;
        InputStreamReader text = new InputStreamReader(new ByteArrayInputStream(bytes, start, bytes.length - start),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));

        SquadFile result = new SquadFile(file, sha256, bytes.length, new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        try (JsonReader reader = new JsonReader(text)) {
            reader.setStrictness(Strictness.STRICT);
            readTopLevel(reader, result);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not valid UTF-8 (" + e.getMessage() + "); convert the file"
                    + " to UTF-8.", e);
        } catch (MalformedJsonException | IllegalStateException | EOFException e) {
            throw new InvalidInputException(file + ": invalid JSON: " + JsonLines.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read SQuAD file " + file + ": " + e.getMessage(), e);
        }
        return result;
    }

    private static void readTopLevel(JsonReader reader, SquadFile result) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw malformed(result, reader, "the top level must be an object with a \"data\" array (SQuAD v1)");
        }
        reader.beginObject();
        boolean sawData = false;
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (name.equals("data")) {
                sawData = true;
                readArticles(reader, result);
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw malformed(result, reader, "unexpected content after the top-level object");
        }
        if (!sawData) {
            throw new InvalidInputException(result.path() + ": no \"data\" array at the top level; expected SQuAD v1"
                    + " JSON such as {\"version\": \"v1.0\", \"data\": [{\"title\": ..., \"paragraphs\": [...]}]}");
        }
    }

    private static void readArticles(JsonReader reader, SquadFile result) throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, result, "\"data\" must be an array of articles");
        reader.beginArray();
        int articleIndex = 0;
        while (reader.hasNext()) {
            String articleLocation = locate(result, reader);
            expect(reader, JsonToken.BEGIN_OBJECT, result, "an article must be an object");
            reader.beginObject();
            String title = "";
            boolean sawParagraphs = false;
            List<RawParagraph> paragraphs = new ArrayList<>();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("title")) {
                    String value = readText(reader, result, "title");
                    title = value == null ? "" : value;
                } else if (name.equals("paragraphs")) {
                    sawParagraphs = true;
                    readParagraphs(reader, result, paragraphs);
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            if (!sawParagraphs) {
                throw new InvalidInputException(articleLocation + ": article has no \"paragraphs\" array");
            }
            addParagraphs(result, title, articleIndex, paragraphs);
            articleIndex++;
        }
        reader.endArray();
    }

    /** A paragraph before the article title is known, because "title" may follow "paragraphs". */
    private record RawParagraph(String id, String context, String location, List<RawQuestion> questions) {
    }

    private record RawQuestion(String id, String text, String location) {
    }

    private static void readParagraphs(JsonReader reader, SquadFile result, List<RawParagraph> paragraphs)
            throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, result, "\"paragraphs\" must be an array");
        reader.beginArray();
        while (reader.hasNext()) {
            String location = locate(result, reader);
            expect(reader, JsonToken.BEGIN_OBJECT, result, "a paragraph must be an object");
            reader.beginObject();
            String id = null;
            String context = null;
            boolean sawContext = false;
            List<RawQuestion> questions = new ArrayList<>();
            while (reader.hasNext()) {
                String name = reader.nextName();
                switch (name) {
                    case "id" -> id = readText(reader, result, "id");
                    case "context" -> {
                        sawContext = true;
                        context = readText(reader, result, "context");
                    }
                    case "qas" -> readQuestions(reader, result, questions);
                    default -> reader.skipValue();
                }
            }
            reader.endObject();
            if (!sawContext || context == null) {
                throw new InvalidInputException(location + ": paragraph has no \"context\" string"
                        + (id == null ? "" : " (paragraph id '" + id + "')"));
            }
            paragraphs.add(new RawParagraph(id, context, location, questions));
        }
        reader.endArray();
    }

    private static void readQuestions(JsonReader reader, SquadFile result, List<RawQuestion> questions)
            throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, result, "\"qas\" must be an array");
        reader.beginArray();
        while (reader.hasNext()) {
            String location = locate(result, reader);
            expect(reader, JsonToken.BEGIN_OBJECT, result, "a question must be an object");
            reader.beginObject();
            String id = null;
            String text = null;
            while (reader.hasNext()) {
                String name = reader.nextName();
                switch (name) {
                    case "id" -> id = readText(reader, result, "id");
                    case "question" -> text = readText(reader, result, "question");
                    default -> reader.skipValue();
                }
            }
            reader.endObject();
            if (id == null || id.isEmpty()) {
                throw new InvalidInputException(location + ": question has no \"id\"");
            }
            if (text == null) {
                throw new InvalidInputException(location + ": question '" + id + "' has no \"question\" string");
            }
            questions.add(new RawQuestion(id, text, location));
        }
        reader.endArray();
    }

    private static void addParagraphs(SquadFile result, String title, int articleIndex,
                                      List<RawParagraph> paragraphs) {
        String stem = stem(result.path());
        for (int i = 0; i < paragraphs.size(); i++) {
            RawParagraph raw = paragraphs.get(i);
            String id = raw.id() == null || raw.id().isEmpty() ? stem + "-" + articleIndex + "-" + i : raw.id();
            result.paragraphs().add(new Passage(id, title, raw.context()));
            result.paragraphLocations().add(raw.location());
            for (RawQuestion question : raw.questions()) {
                result.questions().add(new Question(question.id(), question.text(), id, question.location()));
            }
        }
    }

    /** Reads a string or number as text, null for JSON null; other types are errors naming the field. */
    private static String readText(JsonReader reader, SquadFile result, String field) throws IOException {
        JsonToken token = reader.peek();
        if (token == JsonToken.NULL) {
            reader.nextNull();
            return null;
        }
        if (token != JsonToken.STRING && token != JsonToken.NUMBER) {
            throw malformed(result, reader, "\"" + field + "\" must be a string, found " + JsonLines.describe(token));
        }
        return reader.nextString();
    }

    private static void expect(JsonReader reader, JsonToken token, SquadFile result, String rule)
            throws IOException {
        if (reader.peek() != token) {
            throw malformed(result, reader, rule + ", found " + JsonLines.describe(reader.peek()));
        }
    }

    private static InvalidInputException malformed(SquadFile result, JsonReader reader, String problem) {
        return new InvalidInputException(locate(result, reader) + ": " + problem);
    }

    /** Returns {@code file $.json.path (line N)} for the value the reader is at. */
    private static String locate(SquadFile result, JsonReader reader) {
        // JsonReader exposes its line only through toString(), "JsonReader at line L column C path P".
        Matcher matcher = READER_LINE.matcher(reader.toString());
        String line = matcher.find() ? " (line " + matcher.group(1) + ")" : "";
        return result.path() + " " + reader.getPath() + line;
    }

    private static MessageDigest digestOf(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return digest;
    }

    private static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
