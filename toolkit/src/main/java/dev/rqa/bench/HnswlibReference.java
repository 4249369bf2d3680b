package dev.rqa.bench;

import dev.rqa.encode.Embeddings;
import dev.rqa.encode.NpyFiles;
import dev.rqa.index.HnswSpace;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs C++ hnswlib through its Python bindings (Debian's {@code python3-hnswlib}) on the same
 * vectors and settings as the Java benchmark, using the script {@code hnswlib_reference.py} that
 * ships in the toolkit jar.
 */
public final class HnswlibReference {

    private static final Logger LOG = LoggerFactory.getLogger(HnswlibReference.class);

    /** Exit status of the script when hnswlib or numpy cannot be imported. */
    private static final int EXIT_MISSING_MODULE = 3;
    private static final String SCRIPT = "hnswlib_reference.py";
    static final String INSTALL_HINT =
            "apt-get install -y --no-install-recommends python3-hnswlib python3-numpy";

    /**
     * Search of one ef value.
     *
     * @param ef      candidate list size
     * @param seconds wall-clock time of the batched query, or NaN when hnswlib failed the batch
     * @param labels  neighbour row indices per query, nearest first; -1 never appears
     * @param error   hnswlib's message when the batch failed, else null
     */
    public record Run(int ef, double seconds, List<int[]> labels, String error) {
    }

    /**
     * Measurements of one reference run.
     *
     * @param library      library name with its Python package version and, where dpkg lists it, the
     *                     Debian package version
     * @param buildSeconds wall-clock time of add_items
     * @param runs         one entry per ef value, in the order given
     */
    public record Result(String library, double buildSeconds, List<Run> runs) {
    }

    /**
     * Outcome: a result, or the reason there is none.
     *
     * @param result the measurements, or null
     * @param absent why the reference did not run, or null
     */
    public record Outcome(Result result, String absent) {

        public boolean present() {
            return result != null;
        }
    }

    private HnswlibReference() {
    }

    /**
     * Builds and searches with C++ hnswlib. Returns an absent outcome, never an exception, when the
     * interpreter or the hnswlib module is missing or the script fails.
     *
     * @param base    passage vectors in the graph space of the Java index
     * @param queries query vectors in the same space
     */
    public static Outcome run(Path python, Embeddings base, Embeddings queries, HnswSpace space, int m,
                              int efConstruction, List<Integer> efValues, int k, int threads, int warmupQueries,
                              long timeoutSeconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            return new Outcome(null, python + " not found; install Debian's Python with " + INSTALL_HINT);
        }
        Path directory = Files.createTempDirectory("rqa-hnswlib-");
        try {
            Path script = directory.resolve(SCRIPT);
            try (InputStream in = HnswlibReference.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is missing from the toolkit jar");
                }
                Files.copy(in, script);
            }
            Path basePath = directory.resolve("base.npy");
            Path queryPath = directory.resolve("queries.npy");
            Path output = directory.resolve("result.json");
            Path log = directory.resolve("reference.log");
            NpyFiles.write(basePath, base);
            NpyFiles.write(queryPath, queries);

            List<String> command = List.of(python.toString(), script.toString(), basePath.toString(),
                    queryPath.toString(), space.hnswlibName(), String.valueOf(m), String.valueOf(efConstruction),
                    String.join(",", efValues.stream().map(String::valueOf).toList()), String.valueOf(k),
                    String.valueOf(threads), String.valueOf(warmupQueries), output.toString());
            LOG.info("running C++ hnswlib reference: {}", String.join(" ", command));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(null, "the C++ hnswlib reference timed out after " + timeoutSeconds + " s");
            }
            String messages = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (process.exitValue() == EXIT_MISSING_MODULE) {
                return new Outcome(null, messages + " for " + python + "; install it with " + INSTALL_HINT);
            }
            if (process.exitValue() != 0) {
                LOG.error("C++ hnswlib reference failed with exit status {}: {}", process.exitValue(), messages);
                return new Outcome(null, "the C++ hnswlib reference failed with exit status "
                        + process.exitValue() + ": " + lastLine(messages));
            }
            return new Outcome(parse(Files.readString(output, StandardCharsets.UTF_8)), null);
        } finally {
            deleteRecursively(directory);
        }
    }

    static Result parse(String json) {
        try {
            JsonObject root = JsonUtils.GSON.fromJson(json, JsonObject.class);
            List<Run> runs = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray("runs")) {
                JsonObject run = element.getAsJsonObject();
                List<int[]> labels = new ArrayList<>();
                for (JsonElement row : run.getAsJsonArray("labels")) {
                    JsonArray values = row.getAsJsonArray();
                    int[] ids = new int[values.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = values.get(i).getAsInt();
                    }
                    labels.add(ids);
                }
                JsonElement seconds = run.get("seconds");
                JsonElement error = run.get("error");
                runs.add(new Run(run.get("ef").getAsInt(),
                        seconds == null || seconds.isJsonNull() ? Double.NaN : seconds.getAsDouble(),
                        labels, error == null || error.isJsonNull() ? null : error.getAsString()));
            }
            return new Result(root.get("library").getAsString(), root.get("build_seconds").getAsDouble(), runs);
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new IllegalStateException("unexpected output of " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
