package dev.rqa.eval;

import dev.rqa.InvalidInputException;
import dev.rqa.progress.Progress;


import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whitespace-separated text file line by line, as trec_eval reads qrels and runs: fields
 * are split on ASCII white space (C {@code isspace}), blank lines and lines whose first
 * non-blank character is {@code #} are skipped, and a UTF-8 byte order mark is dropped.
 *
 * <p>Errors name the file and the 1-based line number. Files above 64 MiB show a progress bar on
 * standard error.
 */
final class ColumnFileReader implements Closeable {

    /** File size from which reading shows a progress bar, because larger runs take seconds to read. */
    private static final long PROGRESS_BAR_BYTES = 64L << 20;

    /** Fields kept per line. Longer lines are only counted, because no supported layout has more than 6 columns. */
    private static final int MAX_FIELDS = 16;

    private final Path path;
    private final BufferedReader reader;
    private final String[] fields = new String[MAX_FIELDS];
    private int fieldCount;
    private int lineNumber;
    private String line;

    private ColumnFileReader(Path path, BufferedReader reader) {
        this.path = path;
        this.reader = reader;
    }

    /**
     * Opens a file for reading.
     *
     * @param kind what the file holds, for messages, for example "qrels file"
     * @throws InvalidInputException when the file is missing or unreadable
     */
    static ColumnFileReader open(Path path, String kind) {
        try {
            InputStream input = Files.newInputStream(path);
            long size = Files.size(path);
            if (size >= PROGRESS_BAR_BYTES) {
                input = Progress.wrap(input, "reading " + path.getFileName(), size);
            }
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new ColumnFileReader(path, new BufferedReader(new InputStreamReader(input, decoder), 1 << 16));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(kind + " " + path + " not found; check the path");
        } catch (IOException e) {
            throw new InvalidInputException("failed to read " + kind + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Advances to the next data line and returns false at the end of the file. */
    boolean next() {
        try {
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                split(line);
                if (fieldCount > 0 && fields[0].charAt(0) != '#') {
                    return true;
                }
            }
            return false;
        } catch (CharacterCodingException e) {
            // The decoder reads ahead of the lines returned, so the bad bytes lie somewhere after this line.
            throw new InvalidInputException(path + ": not valid UTF-8 after line " + lineNumber
                    + "; save the file as UTF-8", e);
        } catch (IOException e) {
            throw new InvalidInputException("failed to read " + path + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    int lineNumber() {
        return lineNumber;
    }

    int fieldCount() {
        return fieldCount;
    }

    String field(int index) {
        return fields[index];
    }

    String line() {
        return line;
    }

    Path path() {
        return path;
    }

    /** Returns an exception whose message starts with {@code file:line:}. */
    InvalidInputException error(String message) {
        return new InvalidInputException(path + ":" + lineNumber + ": " + message);
    }

    /** Parses an integer field, failing with the file, line and value. */
    int intField(int index, String name) {
        String text = fields[index];
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(name + " '" + text + "' is not an integer");
        }
    }

    /** Parses a finite or infinite score, rejecting text that is not a number and NaN. */
    double scoreField(int index) {
        String text = fields[index];
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("score '" + text + "' is not a number");
        }
        if (Double.isNaN(value)) {
            throw error("score '" + text + "' is NaN; give every document a numeric score");
        }
        return value;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new InvalidInputException("failed to close " + path + ": " + e.getMessage(), e);
        }
    }

    private void split(String text) {
        fieldCount = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            int start = i;
            while (i < length && !isSpace(text.charAt(i))) {
                i++;
            }
            if (fieldCount < MAX_FIELDS) {
                fields[fieldCount] = text.substring(start, i);
            }
            fieldCount++;
        }
    }

    /** C {@code isspace} in the C locale, which trec_eval uses to split fields. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }
}
