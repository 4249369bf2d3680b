package dev.rqa.data;

import dev.rqa.InvalidInputException;

import java.util.regex.Pattern;

/**
 * One relevance judgement line: {@code qid docid rel} (BEIR, 3 columns) or {@code qid iter docid rel}
 * (TREC, 4 columns, the second column ignored as trec_eval 9.0.8 does).
 *
 * @param queryId    query id
 * @param documentId document id
 * @param label      graded relevance label
 */
record QrelsLine(String queryId, String documentId, int label) {

    private static final Pattern TAB = Pattern.compile("\t");
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    /**
     * Returns whether a first line is a header, that is, its relevance column is not an integer.
     * A data line always ends in an integer label, so no judgement is mistaken for a header.
     */
    static boolean isHeader(String line) {
        String[] fields = split(line);
        return fields.length > 0 && !isInteger(fields[fields.length - 1]);
    }

    /** Parses a data line; {@code location} ({@code file:line}) goes into error messages. */
    static QrelsLine parse(String line, String location) {
        String[] fields = split(line);
        String queryId;
        String documentId;
        String label;
        if (fields.length == 3) {
            queryId = fields[0];
            documentId = fields[1];
            label = fields[2];
        } else if (fields.length == 4) {
            queryId = fields[0];
            documentId = fields[2];
            label = fields[3];
        } else {
            throw new InvalidInputException(location + ": expected 3 columns (query-id corpus-id score) or 4"
                    + " (qid iteration docid rel), found " + fields.length + " in '" + abbreviate(line) + "'");
        }
        if (queryId.isEmpty() || documentId.isEmpty()) {
            throw new InvalidInputException(location + ": empty query or document id in '" + abbreviate(line) + "'");
        }
        if (!isInteger(label)) {
            throw new InvalidInputException(location + ": relevance label '" + label + "' is not an integer");
        }
        return new QrelsLine(queryId, documentId, Integer.parseInt(label));
    }

    private static String[] split(String line) {
        // Tab-separated files may hold ids with spaces; other files separate columns by any blanks.
        String trimmed = line.strip();
        String[] fields = trimmed.contains("\t") ? TAB.split(trimmed, -1) : WHITESPACE.split(trimmed);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        return fields;
    }

    static boolean isInteger(String value) {
        if (value.isEmpty() || value.length() > 10) {
            return false;
        }
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
