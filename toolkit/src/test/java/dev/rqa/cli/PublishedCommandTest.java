package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rqa published} prints the bundled RocketQA-zh tables. */
class PublishedCommandTest {

    /** Output of one command: exit status, standard output, standard error. */
    private record Result(int status, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void allTablesAsText() {
        Result result = execute("published");

        assertEquals(0, result.status());
        assertTrue(result.out().contains("rocketqa-zh-base    12-layer, 768-hidden  59.14%"), result.out());
        assertTrue(result.out().contains("rocketqa-base-cross-encoder"), result.out());
        assertTrue(result.out().contains("15min46s"), result.out());
        assertTrue(result.out().contains("1cfe6e2cf541"), result.out());
    }

    @Test
    void oneTableAsMarkdown() {
        Result result = execute("published", "--table", "cross-encoder", "--format", "markdown");

        assertEquals(0, result.status());
        assertTrue(result.out().contains("| rocketqa-nano-cross-encoder | 4-layer, 312-hidden | 67.99% | 58.25% | 91.75% |"),
                result.out());
        assertFalse(result.out().contains("rocketqa-zh-nano"), result.out());
    }

    @Test
    void htmlFormat() {
        Result result = execute("published", "--table", "cpu-timing", "--format", "html");

        assertEquals(0, result.status());
        assertTrue(result.out().contains("<td style=\"padding:2px 8px;border-bottom:1px solid #ddd;text-align:left\">"
                + "2.84s/30条</td>"), result.out());
    }

    @Test
    void unknownTableExitsTwo() {
        Result result = execute("published", "--table", "t2ranking");

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
        assertTrue(result.err().contains("dual-encoder, cross-encoder, cpu-timing or all"), result.err());
    }

    @Test
    void unknownFormatExitsTwo() {
        Result result = execute("published", "--format", "pdf");

        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.status());
    }
}
