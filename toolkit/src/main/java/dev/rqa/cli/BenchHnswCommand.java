package dev.rqa.cli;

import ai.djl.Device;
import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;
import dev.rqa.bench.HnswBenchmark;
import dev.rqa.bench.RandomVectors;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.NpyFiles;
import dev.rqa.index.HnswOptions;
import dev.rqa.index.HnswSpace;
import dev.rqa.index.Similarity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code rqa bench hnsw}: builds hnswlib-java and, when Debian's python3-hnswlib is installed, C++
 * hnswlib on the same vectors, and prints build time, recall@k against exact search and queries per
 * second at each ef.
 */
@Command(name = "hnsw",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks HNSW search (hnswlib-java) against exact search and C++ hnswlib.",
            "Vectors come from .npy files (float32, rows x dim) or are generated from a seed. When "
                    + "/usr/bin/python3 has the hnswlib module (Debian: apt-get install -y "
                    + "--no-install-recommends python3-hnswlib python3-numpy), C++ hnswlib is built and "
                    + "searched on the same vectors with the same M, efConstruction, ef values and threads.",
        })
public final class BenchHnswCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--vectors", paramLabel = "FILE.npy",
            description = "Passage vectors (float32 .npy, rows x dim). Without --query-vectors the last "
                    + "--queries rows are held out as queries.")
    private Path vectors;

    @Option(names = "--query-vectors", paramLabel = "FILE.npy", description = "Query vectors (float32 .npy).")
    private Path queryVectors;

    @Option(names = "--passages", defaultValue = "10000",
            description = "Random passages to generate when --vectors is absent (default: ${DEFAULT-VALUE}).")
    private int passages;

    @Option(names = "--queries", defaultValue = "1000",
            description = "Queries to generate or hold out (default: ${DEFAULT-VALUE}).")
    private int queries;

    @Option(names = "--dim", defaultValue = "768",
            description = "Dimension of generated vectors (default: ${DEFAULT-VALUE}).")
    private int dim;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of generated vectors (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--mean-length", defaultValue = "0",
            description = "Length of a direction shared by all generated passages, as in anisotropic encoder "
                    + "outputs; 0 gives isotropic vectors (default: ${DEFAULT-VALUE}).")
    private double meanLength;

    @Option(names = "--norm-spread", defaultValue = "0",
            description = "Standard deviation of the log of generated passage norms; 0 keeps norms near 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    private double normSpread;

    @Option(names = "--similarity", defaultValue = "cosine",
            description = "Model scoring: dot or cosine (default: ${DEFAULT-VALUE}).")
    private String similarity;

    @Option(names = "--space",
            description = "Graph space: mips-euclidean or inner-product (default: mips-euclidean for dot, "
                    + "inner-product for cosine).")
    private String space;

    @Option(names = {"-M", "--m"}, defaultValue = "" + HnswOptions.DEFAULT_M,
            description = "HNSW M, links per node (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--ef-construction", defaultValue = "" + HnswOptions.DEFAULT_EF_CONSTRUCTION,
            description = "HNSW efConstruction (default: ${DEFAULT-VALUE}).")
    private int efConstruction;

    @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80,160,320",
            description = "Search-time ef values, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> efValues;

    @Option(names = "--k", defaultValue = "10", description = "Cut-off of recall@k (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--threads", description = "Threads for building and searching in both libraries "
            + "(default: available processors).")
    private Integer threads;

    @Option(names = "--warmup-queries", defaultValue = "200",
            description = "Queries searched, untimed, before each timed ef pass (default: ${DEFAULT-VALUE}).")
    private int warmupQueries;

    @Option(names = "--device", defaultValue = "cpu",
            description = "Device of the exact search: cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with the hnswlib module (default: ${DEFAULT-VALUE}).")
    private Path python;

    @Option(names = "--no-reference", description = "Skip the C++ hnswlib reference.")
    private boolean noReference;

    @Option(names = "--reference-timeout", defaultValue = "7200",
            description = "Limit on the C++ reference run in seconds (default: ${DEFAULT-VALUE}).")
    private long referenceTimeout;

    @Option(names = "--output", paramLabel = "FILE.tsv",
            description = "Also write the results as tab-separated values, one row per library and ef.")
    private Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        List<Embeddings> data = loadOrGenerate(out);
        Embeddings passageVectors = data.get(0);
        Embeddings queryVectors = data.get(1);
        List<String> ids = new ArrayList<>(passageVectors.rows());
        for (int row = 0; row < passageVectors.rows(); row++) {
            ids.add(String.valueOf(row));
        }

        HnswBenchmark.Settings settings = new HnswBenchmark.Settings(Similarity.parse(similarity),
                space == null ? null : HnswSpace.parse(space), m, efConstruction, efValues, k,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, warmupQueries,
                parseDevice(device), noReference ? null : python, referenceTimeout);
        HnswBenchmark.Report report = HnswBenchmark.run(ids, passageVectors, queryVectors, settings);

        out.print(HnswBenchmark.format(report));
        if (output != null) {
            String tsv = HnswBenchmark.toTsv(report);
            AtomicFiles.write(output, stream -> stream.write(tsv.getBytes(StandardCharsets.UTF_8)));
            out.println("wrote " + output);
        }
        out.flush();
        return 0;
    }

    private void validate() {
        requirePositive("--passages", passages);
        requirePositive("--queries", queries);
        requirePositive("--dim", dim);
        requirePositive("-M", m);
        requirePositive("--ef-construction", efConstruction);
        requirePositive("--k", k);
        requirePositive("--reference-timeout", referenceTimeout);
        if (threads != null) {
            requirePositive("--threads", threads);
        }
        if (warmupQueries < 0) {
            throw new InvalidInputException("--warmup-queries must be at least 0, got " + warmupQueries);
        }
        if (queryVectors != null && vectors == null) {
            throw new InvalidInputException("--query-vectors needs --vectors for the passages");
        }
    }

    private static void requirePositive(String option, long value) {
        if (value < 1) {
            throw new InvalidInputException(option + " must be at least 1, got " + value);
        }
    }

    /** Returns passage and query vectors: read, held out from the passage file, or generated. */
    private List<Embeddings> loadOrGenerate(PrintWriter out) throws IOException {
        if (vectors == null) {
            out.printf(Locale.ROOT, "generating %d passages and %d queries of dimension %d (seed %d, mean length %s, "
                    + "norm spread %s)%n", passages, queries, dim, seed, meanLength, normSpread);
            Embeddings passageVectors = RandomVectors.generate(passages, dim, seed, meanLength, normSpread);
            Embeddings queryVectors = RandomVectors.generate(queries, dim, seed + 1, 0, 0);
            return List.of(passageVectors, queryVectors);
        }
        Embeddings passageVectors = NpyFiles.read(vectors);
        if (queryVectors != null) {
            return List.of(passageVectors, NpyFiles.read(queryVectors));
        }
        if (queries >= passageVectors.rows()) {
            throw new InvalidInputException(vectors + " has " + passageVectors.rows() + " rows, too few to hold out "
                    + queries + " queries; pass --query-vectors or a smaller --queries");
        }
        int passageRows = passageVectors.rows() - queries;
        int d = passageVectors.dim();
        float[] data = passageVectors.data();
        out.printf(Locale.ROOT, "holding out the last %d of %d rows of %s as queries%n", queries,
                passageVectors.rows(), vectors);
        return List.of(new Embeddings(passageRows, d, Arrays.copyOf(data, passageRows * d)),
                new Embeddings(queries, d, Arrays.copyOfRange(data, passageRows * d, data.length)));
    }

    static Device parseDevice(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("cpu")) {
            return Device.cpu();
        }
        if (normalized.equals("gpu")) {
            return Device.gpu();
        }
        if (normalized.startsWith("gpu:")) {
            try {
                return Device.gpu(Integer.parseInt(normalized.substring(4)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("invalid device '" + name + "': expected cpu, gpu or gpu:N");
            }
        }
        throw new InvalidInputException("invalid device '" + name + "': expected cpu, gpu or gpu:N");
    }
}
