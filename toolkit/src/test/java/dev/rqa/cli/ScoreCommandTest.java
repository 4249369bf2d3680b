package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rqa score} end to end: its output must be the lines trec_eval 9.0.8 printed. */
class ScoreCommandTest {

    private static final List<String> GOLDEN_MEASURES = List.of("-m", "num_q", "-m", "num_rel", "-m", "num_rel_ret",
            "-m", "map", "-m", "recip_rank", "-m", "P.1,10", "-m", "recall.1,10,50,100", "-m", "ndcg_cut.1,3,5,10,100",
            "-m", "map_cut.1,10,100");

    @TempDir
    Path directory;

    /** Output of one command: exit status, standard output lines, standard error. */
    private record Result(int status, List<String> lines, String err) {
    }

    private static Result execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args.toArray(String[]::new));
        List<String> lines = out.toString().isEmpty() ? List.of() : Arrays.asList(out.toString().split("\n"));
        return new Result(status, lines, err.toString());
    }

    private static Path golden(String file) {
        return Path.of(System.getProperty("rqa.goldenDir"), "trec_eval", file);
    }

    /** Golden rows with the given prefix state ("" or "complete:"), prefix removed, measures filtered. */
    private static List<String> goldenLines(String name, String prefix, boolean mrrAt10) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(golden(name + ".expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("complete:") != prefix.equals("complete:")) {
                continue;
            }
            String row = line.substring(prefix.length());
            if (row.startsWith("recip_rank_cut_10\t") == mrrAt10) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Strips trec_eval's padding of the measure name, checking that the name was padded to 22. */
    private static List<String> unpadded(List<String> lines) {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\t");
            assertEquals(3, fields.length, line);
            assertTrue(fields[0].length() >= 22, "measure padded to 22 characters: '" + line + "'");
            rows.add(fields[0].strip() + "\t" + fields[1] + "\t" + fields[2]);
        }
        return rows;
    }

    private List<String> scoreArgs(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("score", "--qrels", golden(name + ".qrels").toString(),
                "--run", golden(name + ".run").toString()));
        args.addAll(Arrays.asList(extra));
        return args;
    }

    @Test
    void scoreGoldenPerQuery() throws IOException {
        List<String> args = scoreArgs("binary", "-q");
        args.addAll(GOLDEN_MEASURES);

        Result result = execute(args);

        assertEquals(0, result.status(), result.err());
        assertEquals(goldenLines("binary", "", false), unpadded(result.lines()));
        assertTrue(result.err().contains("averaged over 12 queries (query set trec_eval"), result.err());
    }

    @Test
    void scoreGoldenComplete() throws IOException {
        List<String> args = scoreArgs("large", "-q", "-c");
        args.addAll(GOLDEN_MEASURES);

        Result result = execute(args);

        assertEquals(0, result.status(), result.err());
        assertEquals(goldenLines("large", "complete:", false), unpadded(result.lines()));
        assertTrue(result.err().contains("averaged over 300 queries (query set all"), result.err());
    }

    @Test
    void scoreGoldenDepthLimit() throws IOException {
        Result result = execute(scoreArgs("graded", "-q", "-M10", "-m", "recip_rank"));

        List<String> renamed = unpadded(result.lines()).stream()
                .map(row -> row.replaceFirst("^recip_rank\t", "recip_rank_cut_10\t")).toList();
        assertEquals(0, result.status(), result.err());
        assertEquals(goldenLines("graded", "", true), renamed);
    }

    @Test
    void scoreSummaryOnlyWithoutQ() throws IOException {
        Result result = execute(scoreArgs("graded", "-m", "ndcg_cut.10", "-m", "num_q"));

        assertEquals(0, result.status(), result.err());
        assertEquals(List.of("num_q\tall\t12", "ndcg_cut_10\tall\t0.1145"), unpadded(result.lines()));
    }

    @Test
    void defaultMeasures() {
        Result result = execute(scoreArgs("binary"));

        List<String> names = unpadded(result.lines()).stream().map(row -> row.split("\t")[0]).toList();
        assertEquals(0, result.status(), result.err());
        assertEquals(List.of("num_q", "num_ret", "num_rel", "num_rel_ret", "map", "recip_rank", "P_5"),
                names.subList(0, 7));
        assertEquals(6 + 3 * 9, names.size());
        assertEquals("ndcg_cut_1000", names.get(names.size() - 1));
    }

    @Test
    void pitfallQuerySets() throws IOException {
        Path qrels = directory.resolve("pitfall.qrels");
        Path run = directory.resolve("pitfall.run");
        Files.writeString(qrels, "qa 0 x1 0\nqa 0 x2 1\nqc 0 x2 1\nqc 0 x3 1\nqd 0 x1 1\n");
        Files.writeString(run, "qa Q0 x2 1 .9 r\nqa Q0 x1 2 .5 r\nqc Q0 x3 1 .8 r\nqc Q0 x1 2 .6 r\nqc Q0 x2 3 .4 r\n");
        List<String> base = List.of("score", "--qrels", qrels.toString(), "--run", run.toString(), "-m", "map",
                "-m", "num_q");

        Result trecEval = execute(base);
        Result complete = execute(concat(base, "-c"));
        Result all = execute(concat(base, "--query-set", "all"));
        Result mteb = execute(concat(base, "--query-set", "with-relevant"));

        assertEquals(List.of("num_q\tall\t2", "map\tall\t0.9167"), unpadded(trecEval.lines()));
        assertEquals(List.of("num_q\tall\t3", "map\tall\t0.6111"), unpadded(complete.lines()));
        assertEquals(unpadded(complete.lines()), unpadded(all.lines()));
        assertEquals(List.of("num_q\tall\t2", "map\tall\t0.9167"), unpadded(mteb.lines()));
        assertTrue(mteb.err().contains("query set with-relevant"), mteb.err());
    }

    @Test
    void unknownMeasureExitsTwo() {
        Result result = execute(scoreArgs("binary", "-m", "ndcg@10"));

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
        assertTrue(result.err().contains("unknown measure 'ndcg@10'"), result.err());
        assertTrue(result.err().contains("supported measures"), result.err());
    }

    @Test
    void malformedRunExitsTwo() throws IOException {
        Path run = directory.resolve("short.run");
        Files.writeString(run, "q0 Q0 d1 1 0.5 r\nq0 Q0 d2 2 0.4\n");

        Result result = execute(List.of("score", "--qrels", golden("binary.qrels").toString(), "--run", run.toString()));

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
        assertTrue(result.err().contains("short.run:2:"), result.err());
    }

    @Test
    void conflictingQuerySetsExitTwo() {
        Result result = execute(scoreArgs("binary", "-c", "--query-set", "with-relevant"));

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
        assertTrue(result.err().contains("give only one of them"), result.err());
    }

    @Test
    void invalidDepthExitsTwo() {
        Result result = execute(scoreArgs("binary", "-M", "0"));

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
        assertTrue(result.err().contains("-M takes a positive number"), result.err());
    }

    private static List<String> concat(List<String> base, String... extra) {
        List<String> args = new ArrayList<>(base);
        args.addAll(Arrays.asList(extra));
        return args;
    }
}
