package dev.rqa.data;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Qrels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the T2Ranking dev split from its TSV files, optionally under the first-N protocol of PaddleNLP's
 * {@code pipelines/benchmarks/retrieval_benchmarks.py} (T2RRetrieval with {@code num_max_passages}).
 *
 * <p>Files, each with or without a header line: {@code collection.tsv} ({@code pid text}, or
 * {@code pid title text}), {@code queries.dev.tsv} ({@code qid text}) and {@code qrels.dev.tsv}
 * ({@code qid 0 pid rel} or {@code qid pid rel}, labels 0-3). Ids must be integers and are written back
 * without leading zeros, as PaddleNLP does by reading them as integers.
 *
 * <p>With a passage limit N: the corpus is the first N rows of {@code collection.tsv}, read as a stream
 * so the rest of the 2.3-million-row file is never touched; a qrels row is kept when its numeric pid is
 * {@code <= N}. The comparison is on the pid, not on corpus membership, so with pids numbered from 0 a
 * judgement for pid N survives although passage N is not in the corpus, exactly as in PaddleNLP; such
 * judgements are counted and logged. Without a limit every row is read and every judgement kept.
 *
 * <p>Either way the queries are the dev queries with at least one judgement above 0 after that
 * filter, and their judgements (including the 0 labels) form the qrels. A title, when the collection has
 * one, is joined to the text as {@code title + " " + text}, which is the text PaddleNLP's benchmark encodes.
 */
public final class T2RankingReader {

    private static final Logger LOG = LoggerFactory.getLogger(T2RankingReader.class);

    public static final String COLLECTION_FILE = "collection.tsv";
    public static final String QUERIES_FILE = "queries.dev.tsv";
    public static final String QRELS_FILE = "qrels.dev.tsv";

    private T2RankingReader() {
    }

    /** Loads the dev split, keeping the first {@code maxPassages} rows of the collection when given. */
    public static RetrievalDataset load(Path directory, OptionalInt maxPassages) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("T2Ranking folder " + directory + " does not exist or is not a directory");
        }
        if (maxPassages.isPresent() && maxPassages.getAsInt() <= 0) {
            throw new InvalidInputException("passages=" + maxPassages.getAsInt() + " is invalid; give a positive"
                    + " number of collection rows, such as passages=10000");
        }
        Path collectionFile = requireFile(directory, COLLECTION_FILE);
        Path queriesFile = requireFile(directory, QUERIES_FILE);
        Path qrelsFile = requireFile(directory, QRELS_FILE);

        String name = "t2ranking:" + directory.getFileName()
                + (maxPassages.isPresent() ? "?passages=" + maxPassages.getAsInt() : "");
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("format", "t2ranking");
        provenance.put("split", "dev");
        provenance.put("passageLimit", maxPassages.isPresent() ? Integer.toString(maxPassages.getAsInt()) : "none");

        List<Passage> corpus = readCollection(collectionFile, maxPassages, provenance);
        Map<String, Map<String, Integer>> allJudgements = readQrels(qrelsFile, maxPassages, provenance);
        Map<String, String> queryTexts = readQueries(queriesFile, provenance);

        List<Query> queries = new ArrayList<>();
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        selectJudgedQueries(name, allJudgements, queryTexts, queries, judgements, provenance);
        countJudgementsWithoutPassage(name, corpus, judgements, maxPassages, provenance);

        DatasetProvenance.warnAboutEmptyTexts(LOG, name, corpus, queries);
        DatasetProvenance.putCounts(provenance, corpus, queries, judgements.size());
        LOG.info("{}: {} passages, {} queries with a relevant passage, from {}", name, corpus.size(),
                queries.size(), directory);
        return new RetrievalDataset(name, corpus, queries, new Qrels(judgements), provenance);
    }

    /**
     * Column positions of {@code collection.tsv}. {@code titleColumn} is -1 without a title, and
     * {@code fromHeader} is true when the first line was a header to skip.
     */
    private record CollectionLayout(int columns, int pidColumn, int titleColumn, int textColumn,
                                    boolean fromHeader) {
    }

    private static List<Passage> readCollection(Path file, OptionalInt maxPassages, Map<String, String> provenance) {
        List<Passage> corpus = new ArrayList<>();
        Map<String, Long> firstLines = new HashMap<>();
        int limit = maxPassages.orElse(Integer.MAX_VALUE);
        try (TextLineReader reader = new TextLineReader(file);
             ReadProgress progress = maxPassages.isPresent()
                     ? ReadProgress.rows(file, limit) : ReadProgress.bytes(file)) {
            CollectionLayout layout = null;
            String line;
            while (corpus.size() < limit && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (layout == null) {
                    layout = collectionLayout(fields, reader.location());
                    if (layout.fromHeader()) {
                        continue;
                    }
                }
                if (fields.length != layout.columns()) {
                    throw new InvalidInputException(reader.location() + ": expected " + layout.columns()
                            + " tab-separated columns, found " + fields.length + " in '"
                            + QrelsLine.abbreviate(line) + "'");
                }
                String pid = integerId(fields[layout.pidColumn()], "pid", reader.location());
                Long previous = firstLines.putIfAbsent(pid, reader.lineNumber());
                if (previous != null) {
                    throw new InvalidInputException(reader.location() + ": duplicate pid " + pid
                            + ", first used on line " + previous);
                }
                String title = layout.titleColumn() < 0 ? "" : fields[layout.titleColumn()].strip();
                String text = fields[layout.textColumn()];
                corpus.add(new Passage(pid, title.isEmpty() ? text : title + " " + text));
                progress.update(maxPassages.isPresent() ? corpus.size() : reader.bytesRead());
            }
            boolean whole = reader.reachedEnd();
            DatasetProvenance.putFile(provenance, "file." + COLLECTION_FILE, file, sizeOf(file), reader.sha256());
            provenance.put("file." + COLLECTION_FILE + ".sha256Scope", whole
                    ? "whole file"
                    : "first " + reader.lineNumber() + " lines (" + reader.bytesRead() + " bytes)");
            if (maxPassages.isPresent() && corpus.size() < limit) {
                LOG.warn("{} has only {} passages, fewer than the requested {}", file, corpus.size(), limit);
            }
        }
        return corpus;
    }

    /** Returns the layout of the collection from its first line, a header or a data row. */
    private static CollectionLayout collectionLayout(String[] fields, String location) {
        if (isInteger(fields[0].strip())) {
            if (fields.length == 2) {
                return new CollectionLayout(2, 0, -1, 1, false);
            }
            if (fields.length == 3) {
                return new CollectionLayout(3, 0, 1, 2, false);
            }
            throw new InvalidInputException(location + ": expected pid<TAB>text or pid<TAB>title<TAB>text, found "
                    + fields.length + " columns");
        }
        int pid = -1;
        int title = -1;
        int text = -1;
        for (int i = 0; i < fields.length; i++) {
            switch (fields[i].strip().toLowerCase(Locale.ROOT)) {
                case "pid", "id", "_id", "docid", "doc_id" -> pid = i;
                case "title" -> title = i;
                case "text", "passage", "para", "paragraph", "content" -> text = i;
                default -> {
                    // Unknown columns are allowed and ignored.
                }
            }
        }
        if (pid < 0 || text < 0) {
            throw new InvalidInputException(location + ": the first line is neither a data row (integer pid first)"
                    + " nor a header naming the pid and text columns: '" + String.join("\t", fields) + "'");
        }
        return new CollectionLayout(fields.length, pid, title, text, true);
    }

    private static Map<String, String> readQueries(Path file, Map<String, String> provenance) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Long> firstLines = new HashMap<>();
        try (TextLineReader reader = new TextLineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (reader.lineNumber() == 1 && !isInteger(fields[0].strip())) {
                    continue;
                }
                if (fields.length != 2) {
                    throw new InvalidInputException(reader.location() + ": expected qid<TAB>text, found "
                            + fields.length + " tab-separated columns in '" + QrelsLine.abbreviate(line) + "'");
                }
                String qid = integerId(fields[0], "qid", reader.location());
                Long previous = firstLines.putIfAbsent(qid, reader.lineNumber());
                if (previous != null) {
                    throw new InvalidInputException(reader.location() + ": duplicate qid " + qid
                            + ", first used on line " + previous);
                }
                queries.put(qid, fields[1]);
            }
            DatasetProvenance.putFile(provenance, "file." + QUERIES_FILE, file, reader.bytesRead(), reader.sha256());
        }
        return queries;
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file, OptionalInt maxPassages,
                                                               Map<String, String> provenance) {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        long rows = 0;
        long aboveLimit = 0;
        long repeated = 0;
        try (TextLineReader reader = new TextLineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || (reader.lineNumber() == 1 && QrelsLine.isHeader(line))) {
                    continue;
                }
                QrelsLine row = QrelsLine.parse(line, reader.location());
                String qid = integerId(row.queryId(), "qid", reader.location());
                String pid = integerId(row.documentId(), "pid", reader.location());
                if (row.label() < 0) {
                    throw new InvalidInputException(reader.location() + ": relevance label " + row.label()
                            + " is negative; T2Ranking labels are 0-3");
                }
                rows++;
                if (maxPassages.isPresent() && Long.parseLong(pid) > maxPassages.getAsInt()) {
                    aboveLimit++;
                    continue;
                }
                // A repeated (qid, pid) pair keeps its last label, as a Python dict built row by row does.
                Integer earlier = judgements.computeIfAbsent(qid, id -> new LinkedHashMap<>()).put(pid, row.label());
                if (earlier != null) {
                    repeated++;
                }
            }
            DatasetProvenance.putFile(provenance, "file." + QRELS_FILE, file, reader.bytesRead(), reader.sha256());
        }
        if (repeated > 0) {
            LOG.warn("{}: {} judgements repeat a (qid, pid) pair; the last label of each pair is used", file,
                    repeated);
        }
        provenance.put("qrelsRows", Long.toString(rows));
        if (maxPassages.isPresent()) {
            provenance.put("qrelsAbovePassageLimit", Long.toString(aboveLimit));
            LOG.info("{}: dropped {} of {} judgements with pid > {}", file, aboveLimit, rows, maxPassages.getAsInt());
        }
        return judgements;
    }

    private static void selectJudgedQueries(String name, Map<String, Map<String, Integer>> allJudgements,
                                            Map<String, String> queryTexts, List<Query> queries,
                                            Map<String, Map<String, Integer>> judgements,
                                            Map<String, String> provenance) {
        Set<String> withRelevant = new HashSet<>();
        allJudgements.forEach((qid, documents) -> {
            if (documents.values().stream().anyMatch(label -> label > 0)) {
                withRelevant.add(qid);
            }
        });
        queryTexts.forEach((qid, text) -> {
            if (withRelevant.contains(qid)) {
                queries.add(new Query(qid, text));
            }
        });

        List<String> unknown = new ArrayList<>();
        allJudgements.forEach((qid, documents) -> {
            if (!withRelevant.contains(qid)) {
                return;
            }
            if (queryTexts.containsKey(qid)) {
                judgements.put(qid, documents);
            } else {
                unknown.add(qid);
            }
        });
        if (!unknown.isEmpty()) {
            LOG.warn("{}: {} judged qids are not in {} and are dropped: {}", name, unknown.size(), QUERIES_FILE,
                    DatasetProvenance.firstIds(unknown));
        }
        provenance.put("queriesWithoutRelevant", Integer.toString(queryTexts.size() - queries.size()));
        provenance.put("qrelsUnknownQueries", Integer.toString(unknown.size()));
    }

    private static void countJudgementsWithoutPassage(String name, List<Passage> corpus,
                                                      Map<String, Map<String, Integer>> judgements,
                                                      OptionalInt maxPassages, Map<String, String> provenance) {
        Set<String> corpusIds = new HashSet<>();
        corpus.forEach(passage -> corpusIds.add(passage.id()));
        long missing = 0;
        long missingRelevant = 0;
        for (Map<String, Integer> documents : judgements.values()) {
            for (Map.Entry<String, Integer> entry : documents.entrySet()) {
                if (!corpusIds.contains(entry.getKey())) {
                    missing++;
                    if (entry.getValue() > 0) {
                        missingRelevant++;
                    }
                }
            }
        }
        provenance.put("qrelsWithoutPassage", Long.toString(missing));
        if (missing > 0) {
            String rule = maxPassages.isPresent()
                    ? " (kept by the pid <= " + maxPassages.getAsInt() + " rule of PaddleNLP's T2Ranking benchmark)"
                    : "";
            LOG.warn("{}: {} judgements ({} with label > 0) name a pid that is not in the corpus{}; they count in"
                    + " the ideal ranking but can never be retrieved", name, missing, missingRelevant, rule);
        }
    }

    private static String integerId(String value, String column, String location) {
        String trimmed = value.strip();
        try {
            return Long.toString(Long.parseLong(trimmed));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(location + ": " + column + " '" + trimmed + "' is not an integer;"
                    + " T2Ranking ids are integers");
        }
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Path requireFile(Path directory, String fileName) {
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("T2Ranking file " + file + " not found; the folder must contain "
                    + COLLECTION_FILE + ", " + QUERIES_FILE + " and " + QRELS_FILE);
        }
        return file;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }
}
