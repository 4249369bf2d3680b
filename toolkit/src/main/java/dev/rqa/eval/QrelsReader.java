package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads relevance judgements in either of two layouts, chosen by the column count of the first
 * data line:
 *
 * <ul>
 *   <li>4 columns, TREC qrels {@code qid iter docid rel} (the iteration column is ignored, as in
 *       trec_eval);</li>
 *   <li>3 columns, the BEIR / T2Ranking TSV {@code qid docid rel}, optionally preceded by a header
 *       such as {@code query-id corpus-id score}.</li>
 * </ul>
 *
 * <p>Every later line must have the same column count. Fields are separated by any ASCII white
 * space, so ids cannot contain spaces. Blank lines and lines starting with {@code #} are skipped.
 * A first line whose label column is a header word ({@code score}, {@code rel},
 * {@code relevance}, {@code label}) is taken as a header in either layout.
 *
 * <p>Labels must be integers. trec_eval truncates other text to an integer with {@code atol}
 * (so {@code 1.5} becomes 1 and {@code x} becomes 0), but this reader rejects it. A negative label
 * means judged-but-unassessed, as in trec_eval: never relevant and no gain. A document judged
 * twice for one query is rejected, as trec_eval rejects it.
 */
public final class QrelsReader {

    private static final Set<String> HEADER_WORDS = Set.of("score", "rel", "relevance", "label");

    private QrelsReader() {
    }

    /**
     * Reads a qrels file.
     *
     * @throws InvalidInputException naming the file, line and value for a missing file, a wrong
     *                               column count, a label that is not an integer, a repeated
     *                               judgement, or a file without judgements
     */
    public static Qrels read(Path path) {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        Map<String, Integer> firstLines = new HashMap<>();
        int columns = 0;

        try (ColumnFileReader file = ColumnFileReader.open(path, "qrels file")) {
            while (file.next()) {
                if (columns == 0) {
                    columns = file.fieldCount();
                    if (columns != 3 && columns != 4) {
                        throw file.error("expected 4 columns 'qid iter docid rel' (TREC qrels) or 3 columns"
                                + " 'qid docid rel' (BEIR / T2Ranking TSV), found " + columns + ": '" + file.line() + "'");
                    }
                    if (isHeader(file.field(columns - 1))) {
                        continue;
                    }
                } else if (file.fieldCount() != columns) {
                    throw file.error("expected " + columns + " columns like the first line, found "
                            + file.fieldCount() + ": '" + file.line() + "'");
                }

                String queryId = file.field(0);
                String documentId = file.field(columns == 4 ? 2 : 1);
                int label = file.intField(columns - 1, "relevance label");
                Integer previous = judgements.computeIfAbsent(queryId, id -> new LinkedHashMap<>()).put(documentId, label);
                String key = queryId + '\u0000' + documentId;
                if (previous != null) {
                    throw file.error("document '" + documentId + "' is judged twice for query '" + queryId
                            + "' (first at line " + firstLines.get(key) + "); keep one judgement per pair");
                }
                firstLines.put(key, file.lineNumber());
            }
        }

        if (judgements.isEmpty()) {
            throw new InvalidInputException("qrels file " + path + " contains no judgements");
        }
        return new Qrels(judgements);
    }

    private static boolean isHeader(String labelField) {
        return HEADER_WORDS.contains(labelField.toLowerCase(Locale.ROOT));
    }
}
