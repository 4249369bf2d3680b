package dev.rqa.report.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installed kernel and the smoke notebook: the kernel spec points at existing jars and the
 * launcher, and notebooks/00-environment.ipynb passes 10 times in a row, each run with a new kernel.
 */
class NotebookEnvironmentIT {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookEnvironmentIT.class);

    private static final Path SMOKE = NotebookScripts.REPO.resolve("notebooks/00-environment.ipynb");
    private static final Path OUT = NotebookScripts.REPO.resolve("toolkit/target/it-notebooks/smoke");
    private static final int RUNS = 10;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern LOOP_REPAIR = Pattern.compile("ended before entering its loop");

    @BeforeAll
    static void requireEnvironment() {
        NotebookScripts.requireNotebookEnvironment();
    }

    @Test
    @Timeout(120)
    void kernelSpecRegistered() throws Exception {
        NotebookScripts.Result list = NotebookScripts.run(List.of("jupyter", "kernelspec", "list", "--json"),
                Map.of("JUPYTER_PATH", NotebookScripts.JUPYTER_DATA.toString()));
        assertEquals(0, list.exitCode(), list.output());

        // jupyter_client logs warnings (no python3 kernel without ipykernel) to stderr, before the JSON.
        int start = list.output().indexOf('{');
        assertTrue(start >= 0, "no JSON in the output of jupyter kernelspec list:\n" + list.output());
        String json = list.output().substring(start);
        JsonObject kernels = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("kernelspecs");
        assertTrue(kernels.has("rqa-java"), "kernels listed: " + kernels.keySet());
        JsonObject spec = kernels.getAsJsonObject("rqa-java").getAsJsonObject("spec");
        assertEquals("Java (rqa toolkit)", spec.get("display_name").getAsString());

        List<String> argv = strings(spec.getAsJsonArray("argv"));
        assertTrue(argv.contains("dev.rqa.report.jupyter.KernelLauncher"), "argv: " + argv);
        assertTrue(argv.contains("-Djava.awt.headless=true"), "argv: " + argv);
        assertTrue(argv.stream().anyMatch(option -> option.startsWith("-Xmx")), "argv: " + argv);
        assertEquals("{connection_file}", argv.get(argv.size() - 1));

        String classPath = argv.get(argv.indexOf("-cp") + 1);
        for (String entry : classPath.split(":")) {
            Path path = Path.of(entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry);
            assertTrue(Files.exists(path), "class path entry " + entry + " of the kernel does not exist");
        }
        assertTrue(classPath.contains("rapaio-jupyter-kernel-" + KernelLauncher.SUPPORTED_KERNEL_VERSION + ".jar"),
                "class path: " + classPath);

        JsonObject env = spec.getAsJsonObject("env");
        assertTrue(env.get("RJK_CLASSPATH").getAsString().contains("rqa-toolkit-"), "env: " + env);
    }

    @Test
    @Timeout(900)
    void smokeNotebookPassesTenTimesInARow() throws Exception {
        String marker = "run-marker-" + ProcessHandle.current().pid();
        List<Double> seconds = new ArrayList<>();
        int loopRepairs = 0;

        for (int run = 1; run <= RUNS; run++) {
            NotebookScripts.Result result = NotebookScripts.runNotebooks(Map.of("RQA_SMOKE_MARKER", marker),
                    "--out", OUT.toString(), "--startup-timeout", "60", SMOKE.toString());

            assertEquals(0, result.exitCode(), "run " + run + " of " + RUNS + " failed:\n" + result.output());
            assertFalse(result.output().contains("retrying with a new kernel"),
                    "run " + run + " needed a second kernel:\n" + result.output());
            seconds.add(result.elapsed().toMillis() / 1000.0);
            loopRepairs += count(LOOP_REPAIR, Files.readString(OUT.resolve("00-environment.log"), StandardCharsets.UTF_8));
        }

        double mean = seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        LOG.info("Smoke notebook: {} runs passed, seconds per run (execution and HTML export) {}, mean {};"
                + " kernel channel threads restarted by the launcher: {}", RUNS, format(seconds),
                String.format(Locale.ROOT, "%.1f", mean), loopRepairs);
        checkSmokeOutputs(marker);
    }

    private static void checkSmokeOutputs(String marker) throws IOException {
        JsonObject notebook = JsonParser.parseString(
                Files.readString(OUT.resolve("00-environment.ipynb"), StandardCharsets.UTF_8)).getAsJsonObject();

        Optional<String> tableHtml = outputData(notebook, "table", "text/html");
        assertTrue(tableHtml.isPresent(), "the 'table' cell has no text/html output");
        assertTrue(tableHtml.get().contains("<table"), tableHtml.get());
        assertTrue(tableHtml.get().contains("<caption>运行环境</caption>"), "Chinese caption lost: " + tableHtml.get());
        assertTrue(tableHtml.get().contains("PyTorch"), tableHtml.get());

        Optional<String> png = outputData(notebook, "chart", "image/png");
        assertTrue(png.isPresent(), "the 'chart' cell has no image/png output");
        byte[] image = Base64.getMimeDecoder().decode(png.get());
        byte[] signature = new byte[PNG_SIGNATURE.length];
        System.arraycopy(image, 0, signature, 0, signature.length);
        assertArrayEquals(PNG_SIGNATURE, signature, "image/png output is not a PNG");

        String fingerprint = streamText(notebook, "fingerprint");
        assertTrue(fingerprint.contains("操作系统: "), "Chinese stdout lost: " + fingerprint);
        assertTrue(fingerprint.contains("JDK: "), fingerprint);

        String parameters = streamText(notebook, "parameters");
        assertTrue(parameters.contains("RQA_SMOKE_MARKER = " + marker), "environment not passed: " + parameters);
        assertTrue(parameters.contains("RQA_OUT = " + OUT), parameters);

        String html = Files.readString(OUT.resolve("00-environment.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("data:image/png;base64,"), "HTML export has no embedded PNG");
        assertTrue(html.contains("rqa-table"), "HTML export has no table");
    }

    /** Returns the MIME data of the first output of the cell with this id that has it. */
    private static Optional<String> outputData(JsonObject notebook, String cellId, String mime) {
        for (JsonElement output : cell(notebook, cellId).getAsJsonArray("outputs")) {
            JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has(mime)) {
                return Optional.of(text(data.get(mime)));
            }
        }
        return Optional.empty();
    }

    private static String streamText(JsonObject notebook, String cellId) {
        StringBuilder text = new StringBuilder();
        for (JsonElement output : cell(notebook, cellId).getAsJsonArray("outputs")) {
            JsonObject object = output.getAsJsonObject();
            if ("stream".equals(object.get("output_type").getAsString()) && "stdout".equals(object.get("name").getAsString())) {
                text.append(text(object.get("text")));
            }
        }
        return text.toString();
    }

    private static JsonObject cell(JsonObject notebook, String cellId) {
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject object = cell.getAsJsonObject();
            if (object.has("id") && cellId.equals(object.get("id").getAsString())) {
                return object;
            }
        }
        throw new AssertionError("no cell with id '" + cellId + "' in the executed notebook");
    }

    /** nbformat stores multi-line strings either whole or as a list of lines. */
    private static String text(JsonElement value) {
        if (value.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonElement line : value.getAsJsonArray()) {
                text.append(line.getAsString());
            }
            return text.toString();
        }
        return value.getAsString();
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.getAsString()));
        return values;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String format(List<Double> seconds) {
        List<String> values = new ArrayList<>();
        seconds.forEach(value -> values.add(String.format(Locale.ROOT, "%.1f", value)));
        return String.join(", ", values);
    }
}
