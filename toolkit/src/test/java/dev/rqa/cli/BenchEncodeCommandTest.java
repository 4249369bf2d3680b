package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchEncodeCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void benchEncodePrintsEveryFigure() {
        Result result = execute("bench", "encode", "--passages", "4", "--max-length", "128", "--threads", "2",
                "--warmup", "0", "--repeat", "1", "--matmul-repeat", "1");
        assertEquals(0, result.exitCode(), result.err());
        for (String field : new String[] {"passages 4, tokens ", "padded ", "seconds", "passages/s", "tokens/s",
            "GFLOP/s", "toolkit (DJL 0.36.0, PyTorch 2.7.1)", "ONNX Runtime 1.21.1", "2 workers x 1 thread",
            "2 intra-op threads", "toolkit / ONNX Runtime throughput: ", "peak float32 matrix product throughput: ",
            "toolkit GFLOP/s / peak float32 matrix product throughput", "feed-forward in", "seconds per timed pass",
            "load average at start: "}) {
            assertTrue(result.out().contains(field), "missing '" + field + "' in:\n" + result.out());
        }
    }

    @Test
    void benchEncodeVectorsAgreeWithOnnxRuntime() {
        Result result = execute("bench", "encode", "--passages", "4", "--max-length", "128", "--threads", "2",
                "--warmup", "0", "--repeat", "1", "--matmul-repeat", "1");
        Matcher matcher = Pattern.compile("max \\|toolkit - ONNX Runtime\\| over pooled vectors: (\\S+)")
                .matcher(result.out());
        assertTrue(matcher.find(), result.out());
        assertTrue(Double.parseDouble(matcher.group(1)) < 1e-5, matcher.group());
    }

    @Test
    void benchMatmulPrintsProbe() {
        Result result = execute("bench", "matmul", "--rows", "256", "--threads", "2", "--repeat", "1");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("peak float32 matrix product throughput: "), result.out());
    }

    @Test
    void benchEncodeRejectsNonOnnxModel() {
        Result result = execute("bench", "encode", "--model", "rocketqa-zh-base-query-encoder", "--passages", "4");
        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.exitCode());
        assertTrue(result.err().contains("not an ONNX model"), result.err());
    }

    @Test
    void benchEncodeRejectsZeroPassages() {
        Result result = execute("bench", "encode", "--passages", "0");
        assertEquals(RqaCli.EXIT_INVALID_INPUT, result.exitCode());
        assertTrue(result.err().contains("--passages must be at least 1"), result.err());
    }
}
