package dev.rqa.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rqa evaluate} end to end on real CMRC 2018 data with the real bge-small-zh-v1.5 weights. */
class EvaluateCommandTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static double metric(JsonObject metrics, String run, String key) {
        return metrics.getAsJsonObject("runs").getAsJsonObject(run).getAsJsonObject("metrics").get(key).getAsDouble();
    }

    /**
     * 60 CMRC dev questions against their 17 paragraphs plus 100 others, passages cut at 128 tokens to
     * keep the test fast. The expected values were cross-checked by an independent Python computation
     * of MRR@10, nDCG@10 and hit rates from the written run.exact.trec.
     */
    @Test
    void cmrcSubsetReproducesExpectedNumbers(@TempDir Path out) throws IOException {
        Outcome outcome = run("evaluate", "--model", "bge-small-zh-v1.5",
                "--dataset", "cmrc2018?queries=60&other-passages=100", "--passage-max-length", "128",
                "--index", "exact,hnsw", "--no-cache", "--device", "cpu", "--out", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());

        JsonObject metrics = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(117, metrics.get("passages").getAsInt());
        assertEquals(60, metrics.get("queries").getAsInt());
        assertEquals(0.9478, metric(metrics, "exact", "mrr_at_10"), 5e-5);
        assertEquals(0.9562, metric(metrics, "exact", "ndcg_at_10"), 5e-5);
        assertEquals(0.9333, metric(metrics, "exact", "hit_rate_at_1"), 5e-5);
        assertEquals(1.0, metric(metrics, "exact", "hit_rate_at_50"), 5e-5);
        assertEquals(0.9478, metric(metrics, "exact", "map_at_10"), 5e-5);
        double hnswRecall = metrics.getAsJsonObject("runs").getAsJsonObject("hnsw")
                .get("recall_at_10_vs_exact").getAsDouble();
        assertTrue(hnswRecall >= 0.99, "HNSW recall@10 against exact search is " + hnswRecall);
        assertEquals("128", metrics.getAsJsonObject("model").getAsJsonObject("passage_settings")
                .get("passage_max_length").getAsString());

        List<String> runLines = Files.readAllLines(out.resolve("run.trec"), StandardCharsets.UTF_8);
        assertEquals(60 * 100, runLines.size());
        assertTrue(runLines.get(0).matches("DEV_\\d+_QUERY_\\d+ Q0 \\S+ 1 \\S+ \\S+"), runLines.get(0));
        assertTrue(Files.exists(out.resolve("run.exact.trec")));
        assertTrue(Files.exists(out.resolve("run.hnsw.trec")));
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("rqa evaluate --model bge-small-zh-v1.5"), "report names the command");
        assertTrue(report.contains("0.9478"), "report shows MRR@10");
        assertTrue(Files.exists(out.resolve("report.html")));
        assertTrue(outcome.out().contains("mrr_at_10"), outcome.out());
        assertTrue(outcome.out().contains("0.9562"), outcome.out());
    }

    @Test
    void unknownModelListsKnownModels(@TempDir Path out) {
        Outcome outcome = run("evaluate", "--model", "bge-large-zh", "--dataset", "cmrc2018?queries=2",
                "--out", out.toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("unknown model 'bge-large-zh'"), outcome.err());
        assertTrue(outcome.err().contains("bge-small-zh-v1.5"), outcome.err());
        assertTrue(outcome.err().contains("rocketqa-zh-base"), outcome.err());
    }

    @Test
    void unknownDatasetListsKnownDatasets(@TempDir Path out) {
        Outcome outcome = run("evaluate", "--model", "bge-small-zh-v1.5", "--dataset", "dureader",
                "--out", out.toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("dureader"), outcome.err());
        assertTrue(outcome.err().contains("cmrc2018"), outcome.err());
    }

    @Test
    void missingRocketqaWeightsSayHowToDownload(@TempDir Path out) {
        Outcome outcome = run("evaluate", "--model", "rocketqa-zh-nano", "--dataset", "cmrc2018?queries=2",
                "--out", out.toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("rqa models --download rocketqa-zh-nano-query-encoder"), outcome.err());
    }

    @Test
    void emptyQueryTextNamesQuery(@TempDir Path dir) throws IOException {
        Path squad = dir.resolve("tiny.json");
        Files.writeString(squad, "{\"version\":\"v1\",\"data\":[{\"title\":\"t\",\"paragraphs\":[{\"id\":\"P1\","
                + "\"context\":\"故宫位于北京。\",\"qas\":[{\"id\":\"Q1\",\"question\":\"  \",\"answers\":[]},"
                + "{\"id\":\"Q2\",\"question\":\"故宫在哪里\",\"answers\":[]}]}]}]}", StandardCharsets.UTF_8);
        Outcome outcome = run("evaluate", "--model", "bge-small-zh-v1.5", "--dataset", "squad:" + squad,
                "--no-cache", "--out", dir.resolve("out").toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("query 'Q1' has empty text"), outcome.err());
    }

    @Test
    void rerankRunNeedsReranker(@TempDir Path dir) throws IOException {
        Path runFile = dir.resolve("run.trec");
        Files.writeString(runFile, "DEV_0_QUERY_0 Q0 DEV_0 1 0.9 x\n");
        Outcome outcome = run("evaluate", "--rerank-run", runFile.toString(), "--dataset", "cmrc2018?queries=2",
                "--out", dir.resolve("out").toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("--rerank-run needs --reranker"), outcome.err());
    }
}
