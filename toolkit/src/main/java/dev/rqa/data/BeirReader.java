package dev.rqa.data;

import com.google.gson.JsonObject;
import dev.rqa.InvalidInputException;
import dev.rqa.eval.Qrels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a dataset folder in the BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title},
 * {@code text}), {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv}
 * ({@code query-id corpus-id score}, with a header line).
 *
 * <p>The queries are those judged in the split's qrels, in {@code queries.jsonl} order, like BEIR's
 * {@code GenericDataLoader}. Every call reads the files again and returns new immutable objects, so loading
 * one split never changes a dataset loaded earlier for another split of the same folder.
 */
public final class BeirReader {

    private static final Logger LOG = LoggerFactory.getLogger(BeirReader.class);

    /** Split loaded when the spec names none, as in BEIR. */
    public static final String DEFAULT_SPLIT = "test";

    private BeirReader() {
    }

    /** Loads one split of a BEIR folder. */
    public static RetrievalDataset load(Path directory, String split) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("BEIR folder " + directory + " does not exist or is not a directory");
        }
        if (split.isEmpty() || split.contains("/") || split.contains("\\") || split.startsWith(".")) {
            throw new InvalidInputException("invalid BEIR split name '" + split + "'; use a file name under "
                    + directory.resolve("qrels") + " without .tsv, such as test or dev");
        }
        Path qrelsFile = directory.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new InvalidInputException("BEIR split '" + split + "' not found: " + qrelsFile
                    + " does not exist. Available splits: " + availableSplits(directory));
        }
        String name = "beir:" + directory.getFileName() + "#" + split;
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("format", "beir");
        provenance.put("split", split);

        List<Passage> corpus = readCorpus(directory.resolve("corpus.jsonl"), provenance);
        Map<String, Map<String, Integer>> judgements = readQrels(qrelsFile, provenance);
        List<Query> queries = readQueries(directory.resolve("queries.jsonl"), judgements, qrelsFile, provenance);

        warnAboutUnknownDocuments(name, corpus, judgements);
        DatasetProvenance.warnAboutEmptyTexts(LOG, name, corpus, queries);
        DatasetProvenance.putCounts(provenance, corpus, queries, judgements.size());
        LOG.info("{}: {} passages, {} queries, split {} from {}", name, corpus.size(), queries.size(), split,
                directory);
        return new RetrievalDataset(name, corpus, queries, new Qrels(judgements), provenance);
    }

    private static List<Passage> readCorpus(Path file, Map<String, String> provenance) {
        requireFile(file, "corpus");
        List<Passage> corpus = new ArrayList<>();
        Map<String, Long> firstLines = new HashMap<>();
        try (TextLineReader reader = new TextLineReader(file);
             ReadProgress progress = ReadProgress.bytes(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                progress.update(reader.bytesRead());
                if (line.isBlank()) {
                    continue;
                }
                JsonObject record = JsonLines.parseObject(line, reader.location());
                String id = JsonLines.requiredText(record, "_id", reader.location());
                String title = JsonLines.optionalText(record, "title", reader.location());
                String text = JsonLines.requiredText(record, "text", reader.location());
                Long previous = firstLines.putIfAbsent(id, reader.lineNumber());
                if (previous != null) {
                    throw new InvalidInputException(reader.location() + ": duplicate corpus _id '" + id
                            + "', first used on line " + previous);
                }
                corpus.add(new Passage(id, title, text));
            }
            DatasetProvenance.putFile(provenance, "file.corpus.jsonl", file, reader.bytesRead(), reader.sha256());
        }
        return corpus;
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file, Map<String, String> provenance) {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        try (TextLineReader reader = new TextLineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (reader.lineNumber() == 1 && QrelsLine.isHeader(line)) {
                    continue;
                }
                QrelsLine judgement = QrelsLine.parse(line, reader.location());
                judgements.computeIfAbsent(judgement.queryId(), id -> new LinkedHashMap<>())
                        .put(judgement.documentId(), judgement.label());
            }
            DatasetProvenance.putFile(provenance, "file.qrels", file, reader.bytesRead(), reader.sha256());
        }
        return judgements;
    }

    private static List<Query> readQueries(Path file, Map<String, Map<String, Integer>> judgements,
                                           Path qrelsFile, Map<String, String> provenance) {
        requireFile(file, "queries");
        List<Query> queries = new ArrayList<>();
        Map<String, Long> firstLines = new HashMap<>();
        try (TextLineReader reader = new TextLineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject record = JsonLines.parseObject(line, reader.location());
                String id = JsonLines.requiredText(record, "_id", reader.location());
                String text = JsonLines.requiredText(record, "text", reader.location());
                Long previous = firstLines.putIfAbsent(id, reader.lineNumber());
                if (previous != null) {
                    throw new InvalidInputException(reader.location() + ": duplicate query _id '" + id
                            + "', first used on line " + previous);
                }
                if (judgements.containsKey(id)) {
                    queries.add(new Query(id, text));
                }
            }
            DatasetProvenance.putFile(provenance, "file.queries.jsonl", file, reader.bytesRead(), reader.sha256());
        }
        for (String queryId : judgements.keySet()) {
            if (!firstLines.containsKey(queryId)) {
                throw new InvalidInputException(qrelsFile + ": query-id '" + queryId + "' is judged but not found in "
                        + file + "; the qrels and the queries file do not belong together");
            }
        }
        return queries;
    }

    private static void warnAboutUnknownDocuments(String name, List<Passage> corpus,
                                                  Map<String, Map<String, Integer>> judgements) {
        Set<String> corpusIds = new HashSet<>();
        corpus.forEach(passage -> corpusIds.add(passage.id()));
        List<String> unknown = new ArrayList<>();
        judgements.values().forEach(documents -> documents.keySet().stream()
                .filter(id -> !corpusIds.contains(id))
                .forEach(unknown::add));
        if (!unknown.isEmpty()) {
            LOG.warn("{}: {} judged documents are not in corpus.jsonl and can never be retrieved: {}", name,
                    unknown.size(), DatasetProvenance.firstIds(unknown));
        }
    }

    private static void requireFile(Path file, String role) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("BEIR " + role + " file " + file + " not found; a BEIR folder contains"
                    + " corpus.jsonl, queries.jsonl and qrels/<split>.tsv");
        }
    }

    private static String availableSplits(Path directory) {
        Path qrels = directory.resolve("qrels");
        if (!Files.isDirectory(qrels)) {
            return "none (" + qrels + " is missing)";
        }
        try (Stream<Path> files = Files.list(qrels)) {
            List<String> splits = files.map(path -> path.getFileName().toString())
                    .filter(fileName -> fileName.endsWith(".tsv"))
                    .map(fileName -> fileName.substring(0, fileName.length() - ".tsv".length()))
                    .sorted()
                    .toList();
            return splits.isEmpty() ? "none" : String.join(", ", splits);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
