package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TREC run file: lines {@code qid Q0 docid rank score tag}, separated by ASCII white space.
 *
 * <p>As in trec_eval 9.0.8, the rank column is ignored (documents are ranked by score descending,
 * ties by document id descending, see {@link Run}), the {@code Q0} and tag columns are not
 * checked, and blank lines and lines starting with {@code #} are skipped. Unlike trec_eval, which
 * ignores extra columns and reads any text as a score with {@code atof}, this reader requires
 * exactly 6 columns and a numeric, non-NaN score. A document listed twice for one query is
 * rejected: trec_eval stops on it with "duplicate docs".
 */
public final class RunReader {

    private RunReader() {
    }

    /**
     * Reads a run file.
     *
     * @throws InvalidInputException naming the file, line and value for a missing file, a wrong
     *                               column count, a score that is not a number or is NaN, a
     *                               repeated document, or a file without results
     */
    public static Run read(Path path) {
        Map<String, QueryLines> byQuery = new LinkedHashMap<>();

        try (ColumnFileReader file = ColumnFileReader.open(path, "run file")) {
            while (file.next()) {
                if (file.fieldCount() != 6) {
                    throw file.error("expected 6 columns 'qid Q0 docid rank score tag', found " + file.fieldCount()
                            + ": '" + file.line() + "'");
                }
                double score = file.scoreField(4);
                byQuery.computeIfAbsent(file.field(0), id -> new QueryLines())
                        .add(new ScoredDocument(file.field(2), score), file.lineNumber());
            }
        }

        if (byQuery.isEmpty()) {
            throw new InvalidInputException("run file " + path + " contains no results");
        }
        Map<String, List<ScoredDocument>> results = new LinkedHashMap<>();
        byQuery.forEach((queryId, lines) -> {
            lines.checkDistinct(path, queryId);
            results.put(queryId, lines.documents);
        });
        return new Run(results);
    }

    /** One query's documents with their line numbers, kept so that a duplicate can be reported by line. */
    private static final class QueryLines {
        final List<ScoredDocument> documents = new ArrayList<>();
        int[] lineNumbers = new int[16];

        void add(ScoredDocument document, int lineNumber) {
            if (documents.size() == lineNumbers.length) {
                lineNumbers = Arrays.copyOf(lineNumbers, lineNumbers.length * 2);
            }
            lineNumbers[documents.size()] = lineNumber;
            documents.add(document);
        }

        /** Checks one query at a time, so the look-up table never contains more than one query's documents. */
        void checkDistinct(Path path, String queryId) {
            Map<String, Integer> firstIndex = new HashMap<>(documents.size() * 2);
            for (int i = 0; i < documents.size(); i++) {
                String documentId = documents.get(i).documentId();
                Integer first = firstIndex.putIfAbsent(documentId, i);
                if (first != null) {
                    throw new InvalidInputException(path + ":" + lineNumbers[i] + ": document '" + documentId
                            + "' appears twice for query '" + queryId + "' (first at line " + lineNumbers[first]
                            + "); trec_eval 9.0.8 stops on such a run, so remove the duplicate");
                }
            }
        }
    }
}
