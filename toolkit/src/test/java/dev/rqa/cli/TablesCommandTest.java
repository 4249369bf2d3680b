package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rqa tables} on a small CMRC subset and a small T2Ranking-format directory. */
class TablesCommandTest {

    /** Writes a T2Ranking-layout directory: 12 passages (pid 1..12), 4 queries, graded qrels with a header. */
    private static Path t2ranking(Path dir) throws IOException {
        String[] passages = {
            "故宫位于北京市中心，是明清两代的皇家宫殿。", "长城是中国古代的军事防御工程。", "黄河是中国第二长河，发源于青海。",
            "长江是中国第一长河，全长约六千三百公里。", "西湖位于浙江省杭州市西面。", "泰山位于山东省中部，是五岳之首。",
            "熊猫主要生活在四川的山区。", "上海是中国的经济中心之一。", "珠穆朗玛峰是世界最高峰。", "敦煌莫高窟以壁画闻名。",
            "桂林山水甲天下。", "兵马俑位于陕西西安。"};
        StringBuilder collection = new StringBuilder("pid\tpassage\n");
        for (int i = 0; i < passages.length; i++) {
            collection.append(i + 1).append('\t').append(passages[i]).append('\n');
        }
        Files.writeString(dir.resolve("collection.tsv"), collection, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("queries.dev.tsv"), "qid\tquery\n101\t故宫在哪里\n102\t中国最长的河流是哪条\n"
                + "103\t世界最高的山峰\n104\t兵马俑在哪个城市\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("qrels.dev.tsv"), "qid\t0\tpid\trel\n101\t0\t1\t3\n102\t0\t4\t3\n102\t0\t3\t1\n"
                + "103\t0\t9\t2\n104\t0\t12\t3\n104\t0\t8\t0\n", StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void tablesListMissingModelsAndMeasureBge(@TempDir Path out, @TempDir Path t2) throws IOException {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        picocli.CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        int code = commandLine.execute("tables", "--dataset", "cmrc2018?queries=10&other-passages=10",
                "--passage-max-length", "96", "--t2ranking", t2ranking(t2).toString(), "--no-cache",
                "--out", out.toString());
        assertEquals(0, code, stderr.toString());

        String report = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("run rqa models --download rocketqa-zh-base"), "missing dual encoder is named");
        assertTrue(report.contains("run rqa models --download rocketqa-base-cross-encoder"),
                "missing cross encoder is named");
        assertTrue(report.contains("bge-small-zh-v1.5 (no re-ranking)"), "the candidate list is shown");
        assertTrue(report.contains("59.14%"), "published MRR@10 of rocketqa-zh-base is shown");
        assertFalse(report.contains("missing: T2Ranking files not given"), "the T2Ranking table ran");

        String text = stdout.toString();
        int t2Table = text.indexOf("T2Ranking, first 10000 passages");
        assertTrue(t2Table >= 0, text);
        String bgeRow = text.substring(t2Table).lines().filter(line -> line.startsWith("bge-small-zh-v1.5"))
                .findFirst().orElseThrow();
        assertFalse(bgeRow.contains("missing"), bgeRow);
        assertTrue(bgeRow.matches(".*\\s4\\s*"), "4 queries have a relevant passage: " + bgeRow);
        // Query 102 has two relevant passages, so MAP@1 is at most 0.5 for it and 0.875 overall.
        assertTrue(bgeRow.matches("bge-small-zh-v1.5\\s+\\S+\\s+\\S+\\s+0\\.8750\\s.*"), bgeRow);
        assertTrue(Files.exists(out.resolve("bge-small-zh-v1.5").resolve("metrics.json")));
        assertTrue(Files.exists(out.resolve("t2ranking_bge-small-zh-v1.5").resolve("metrics.json")));
    }
}
