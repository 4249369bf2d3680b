package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Run} as a TREC run file, {@code qid Q0 docid rank score tag} per line.
 *
 * <p>Queries keep the run's order. Within a query, documents are written in trec_eval order with
 * ranks 1..n. Scores are written with {@link Double#toString(double)}, the shortest decimal that
 * parses back to the same double, so trec_eval (C {@code atof}) and {@link RunReader} rebuild the
 * same ranking, ties included. The file appears only when complete: it is written to a temporary
 * file in the same directory and then renamed over the target.
 */
public final class RunWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RunWriter.class);

    private RunWriter() {
    }

    /**
     * Writes the run, replacing any existing file and creating missing parent directories.
     *
     * @param tag run name for the last column, without white space
     * @throws InvalidInputException when an id or the tag is empty or contains white space, when a
     *                               score is NaN, when a query lists a document twice, or when
     *                               the file cannot be written
     */
    public static void write(Path path, Run run, String tag) {
        checkToken(tag, "run tag");
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, target.getFileName() + ".", ".tmp");
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16)) {
                for (String queryId : run.queryIds()) {
                    writeQuery(writer, queryId, run.results(queryId), tag);
                }
            }
            moveIntoPlace(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new InvalidInputException("failed to write run file " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void writeQuery(Writer writer, String queryId, List<ScoredDocument> documents, String tag)
            throws IOException {
        checkToken(queryId, "query id");
        if (queryId.charAt(0) == '#') {
            throw new InvalidInputException("query id '" + queryId + "' starts with '#', which trec_eval reads as a"
                    + " comment line; rename the query");
        }
        Set<String> written = new HashSet<>(documents.size() * 2);
        int rank = 0;
        for (ScoredDocument document : documents) {
            checkToken(document.documentId(), "document id");
            if (Double.isNaN(document.score())) {
                throw new InvalidInputException("score of document '" + document.documentId() + "' for query '"
                        + queryId + "' is NaN; a run file needs numeric scores");
            }
            if (!written.add(document.documentId())) {
                throw new InvalidInputException("document '" + document.documentId() + "' appears twice for query '"
                        + queryId + "'; trec_eval 9.0.8 rejects such a run");
            }
            rank++;
            writer.write(queryId + " Q0 " + document.documentId() + ' ' + rank + ' '
                    + Double.toString(document.score()) + ' ' + tag + '\n');
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on file systems without atomic rename.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void checkToken(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name + " is empty; a run file needs a non-empty " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            if (ColumnFileReader.isSpace(value.charAt(i))) {
                throw new InvalidInputException(name + " '" + value + "' contains white space, which would split the"
                        + " columns of a run file; replace it, for example with '_'");
            }
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // The write already failed, so keep that error and only warn about the leftover file.
            LOG.warn("Cannot delete temporary file {}: {}", temporary, e.toString());
        }
    }
}
