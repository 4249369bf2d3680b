package dev.rqa.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden outputs of trec_eval 9.0.8: {@code NAME.qrels}, {@code NAME.run} and
 * {@code NAME.expected.tsv} with rows {@code measure<TAB>query<TAB>value}. A {@code complete:}
 * prefix marks rows made with {@code -c}; {@code recip_rank_cut_10} rows come from
 * {@code trec_eval -M 10 -m recip_rank}.
 */
final class GoldenTrecEval {

    /** Name the golden files give to {@code trec_eval -M 10 -m recip_rank}. */
    static final String MRR_AT_10 = "recip_rank_cut_10";

    private static final String COMPLETE_PREFIX = "complete:";

    /** One expected row. */
    record Row(boolean complete, String measure, String queryId, String value) {

        /** Returns the row as trec_eval printed it, without padding. */
        String printed() {
            return measure + "\t" + queryId + "\t" + value;
        }

        @Override
        public String toString() {
            return (complete ? COMPLETE_PREFIX : "") + printed();
        }
    }

    private GoldenTrecEval() {
    }

    static Path directory() {
        String golden = System.getProperty("rqa.goldenDir");
        if (golden == null) {
            throw new IllegalStateException("system property rqa.goldenDir is not set; run the tests through Maven");
        }
        return Path.of(golden, "trec_eval");
    }

    static Path qrels(String name) {
        return directory().resolve(name + ".qrels");
    }

    static Path run(String name) {
        return directory().resolve(name + ".run");
    }

    /** Reads every expected row in file order, skipping the {@code #} header lines. */
    static List<Row> rows(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory().resolve(name + ".expected.tsv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            boolean complete = fields[0].startsWith(COMPLETE_PREFIX);
            String measure = complete ? fields[0].substring(COMPLETE_PREFIX.length()) : fields[0];
            rows.add(new Row(complete, measure, fields[1], fields[2]));
        }
        return rows;
    }
}
