package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up with no network and an empty DJL cache, with and without the PyTorch native jar. */
class OfflineStartTest {

    private record Outcome(int exitCode, String output, long millis) {
    }

    private static Outcome runChild(String classPath, Path djlCache, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, RqaCli.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("DJL_CACHE_DIR", djlCache.toString());
        builder.environment().put("RQA_OFFLINE", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        return new Outcome(finished ? process.exitValue() : -1, output, (System.nanoTime() - start) / 1_000_000);
    }

    private static Path fixtureModel() throws URISyntaxException {
        return Path.of(OfflineStartTest.class.getResource("/checkpoints/expected.json").toURI()).getParent()
                .resolve("query-encoder");
    }

    private static String[] encodeArgs(Path dir) throws IOException, URISyntaxException {
        Path input = Files.writeString(dir.resolve("in.txt"), "故宫在哪里\n", StandardCharsets.UTF_8);
        return new String[] {"encode", "--model", fixtureModel().toString(), "--input", input.toString(),
            "--output", dir.resolve("out.npy").toString(), "--no-cache", "--device", "cpu"};
    }

    @Test
    void startsOfflineFromNativeJar(@TempDir Path djlCache, @TempDir Path dir) throws Exception {
        Outcome outcome = runChild(System.getProperty("java.class.path"), djlCache, encodeArgs(dir));
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(Files.exists(dir.resolve("out.npy")));
    }

    @Test
    void missingNativeJarFailsFastNamingArtifact(@TempDir Path djlCache, @TempDir Path dir) throws Exception {
        String withoutNative = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("pytorch-native-cpu"))
                .collect(Collectors.joining(File.pathSeparator));
        Outcome outcome = runChild(withoutNative, djlCache, encodeArgs(dir));

        assertEquals(2, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64"), outcome.output());
        assertTrue(outcome.millis() < 30_000, "failed after " + outcome.millis() + " ms");
    }
}
