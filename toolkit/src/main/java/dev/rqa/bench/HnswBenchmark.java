package dev.rqa.bench;

import ai.djl.Device;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.eval.ScoredDocument;
import dev.rqa.index.EfSweep;
import dev.rqa.index.ExactIndex;
import dev.rqa.index.HnswOptions;
import dev.rqa.index.HnswPassageIndex;
import dev.rqa.index.HnswSpace;
import dev.rqa.index.Rankings;
import dev.rqa.index.Recall;
import dev.rqa.index.Similarity;
import dev.rqa.index.VectorMath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares hnswlib-java with C++ hnswlib on the same vectors: build time, and recall@k against exact
 * search and queries per second at each ef value.
 */
public final class HnswBenchmark {

    /**
     * Benchmark settings.
     *
     * @param similarity              model scoring
     * @param space                   graph space, or null for the similarity's default
     * @param m                       HNSW M
     * @param efConstruction          HNSW efConstruction
     * @param efValues                search-time ef values to sweep
     * @param k                       cut-off of recall@k
     * @param threads                 threads for building and searching, in both libraries
     * @param warmupQueries           queries searched, untimed, before each timed ef pass, in both libraries
     * @param device                  device of the exact search
     * @param python                  interpreter with python3-hnswlib, or null to skip the reference
     * @param referenceTimeoutSeconds limit on the whole reference run
     */
    public record Settings(Similarity similarity, HnswSpace space, int m, int efConstruction, List<Integer> efValues,
                           int k, int threads, int warmupQueries, Device device, Path python,
                           long referenceTimeoutSeconds) {

        public Settings {
            efValues = List.copyOf(efValues);
            if (efValues.isEmpty()) {
                throw new InvalidInputException("no ef values given; pass for example --ef 10,20,40");
            }
            for (int ef : efValues) {
                if (ef < 1) {
                    throw new InvalidInputException("ef must be at least 1, got " + ef);
                }
            }
        }
    }

    /**
     * Measurements at one ef value.
     *
     * @param ef               candidate list size
     * @param recall           mean recall@k against exact search
     * @param seconds          wall-clock search time of all queries, NaN when not timed
     * @param queriesPerSecond queries divided by seconds, NaN when not timed
     * @param error            the library's error message for this ef, else null
     */
    public record Row(int ef, double recall, double seconds, double queriesPerSecond, String error) {
    }

    /**
     * Measurements of one library.
     *
     * @param library      name and version
     * @param buildSeconds wall-clock build time
     * @param rows         one row per ef value
     */
    public record LibraryResult(String library, double buildSeconds, List<Row> rows) {
    }

    /**
     * A complete benchmark.
     *
     * @param passages        indexed passages
     * @param queries         queries searched
     * @param dim             encoder dimension
     * @param space           graph space used by both libraries
     * @param exactSeconds    wall-clock time of the exact search that defines recall
     * @param java            hnswlib-java measurements
     * @param reference       C++ hnswlib measurements, or null
     * @param referenceAbsent why there is no reference, or null
     */
    public record Report(Settings settings, int passages, int queries, int dim, HnswSpace space, double exactSeconds,
                         LibraryResult java, LibraryResult reference, String referenceAbsent) {
    }

    private HnswBenchmark() {
    }

    /** Runs exact search, the Java sweep and, when available, the C++ reference. */
    public static Report run(List<String> ids, Embeddings passages, Embeddings queries, Settings settings)
            throws IOException, InterruptedException {
        if (queries.dim() != passages.dim()) {
            throw new InvalidInputException("query vectors have dimension " + queries.dim()
                    + " but passage vectors have " + passages.dim());
        }
        List<List<ScoredDocument>> exact;
        long started = System.nanoTime();
        try (ExactIndex exactIndex = ExactIndex.build(ids, passages, settings.similarity(), settings.device())) {
            exact = exactIndex.search(queries, settings.k());
        }
        double exactSeconds = seconds(started);

        HnswOptions options = HnswOptions.defaults().withM(settings.m()).withEfConstruction(settings.efConstruction())
                .withThreads(settings.threads()).withSpace(settings.space());
        started = System.nanoTime();
        HnswPassageIndex index = HnswPassageIndex.build(ids, passages, settings.similarity(), options);
        double buildSeconds = seconds(started);
        List<Row> javaRows = new ArrayList<>();
        for (EfSweep.Point point : EfSweep.run(index, queries, exact, settings.efValues(), settings.k(),
                settings.warmupQueries())) {
            javaRows.add(new Row(point.ef(), point.recall(), point.seconds(), point.queriesPerSecond(), null));
        }
        LibraryResult java = new LibraryResult(javaLibraryName(), buildSeconds, javaRows);

        if (settings.python() == null) {
            return new Report(settings, ids.size(), queries.rows(), passages.dim(), index.space(), exactSeconds, java,
                    null, "disabled with --no-reference");
        }
        HnswlibReference.Outcome outcome = HnswlibReference.run(settings.python(), index.vectorsInGraphSpace(),
                index.queriesInGraphSpace(queries), index.space(), settings.m(), settings.efConstruction(),
                settings.efValues(), settings.k(), settings.threads(),
                Math.min(settings.warmupQueries(), queries.rows()), settings.referenceTimeoutSeconds());
        if (!outcome.present()) {
            return new Report(settings, ids.size(), queries.rows(), passages.dim(), index.space(), exactSeconds, java,
                    null, outcome.absent());
        }
        LibraryResult reference = referenceResult(outcome.result(), ids, passages, queries, exact, settings);
        return new Report(settings, ids.size(), queries.rows(), passages.dim(), index.space(), exactSeconds, java,
                reference, null);
    }

    private static LibraryResult referenceResult(HnswlibReference.Result result, List<String> ids,
                                                 Embeddings passages, Embeddings queries,
                                                 List<List<ScoredDocument>> exact, Settings settings) {
        Embeddings scoredPassages = settings.similarity().prepare(passages, "passage vectors");
        Embeddings scoredQueries = settings.similarity().prepare(queries, "query vectors");
        int dim = passages.dim();
        List<Row> rows = new ArrayList<>();
        for (HnswlibReference.Run run : result.runs()) {
            List<List<ScoredDocument>> found = new ArrayList<>();
            for (int q = 0; q < run.labels().size(); q++) {
                List<ScoredDocument> documents = new ArrayList<>();
                for (int label : run.labels().get(q)) {
                    float score = VectorMath.score(scoredQueries.data(), q * dim, scoredPassages.data(), label * dim,
                            dim);
                    documents.add(new ScoredDocument(ids.get(label), score));
                }
                found.add(Rankings.topK(documents, settings.k()));
            }
            double recall = Recall.atK(exact, found, settings.k());
            rows.add(new Row(run.ef(), recall, run.seconds(), queries.rows() / run.seconds(), run.error()));
        }
        return new LibraryResult("C++ " + result.library(), result.buildSeconds(), rows);
    }

    static String javaLibraryName() {
        String version = HnswIndex.class.getPackage().getImplementationVersion();
        return "hnswlib-core " + (version == null ? "(version unknown)" : version);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Formats the report as the table that {@code rqa bench hnsw} prints. */
    public static String format(Report report) {
        StringBuilder text = new StringBuilder();
        appendSettings(text, report);

        LibraryResult java = report.java();
        LibraryResult reference = report.reference();
        text.append(String.format(Locale.ROOT, "build: Java %s %.2f s", java.library(), java.buildSeconds()));
        if (reference != null) {
            text.append(String.format(Locale.ROOT, " | %s %.2f s | Java/C++ time ratio %.2f", reference.library(),
                    reference.buildSeconds(), java.buildSeconds() / reference.buildSeconds()));
        }
        text.append(System.lineSeparator());

        if (reference == null) {
            text.append("C++ hnswlib reference absent: ").append(report.referenceAbsent())
                    .append(System.lineSeparator());
            appendJavaRows(text, report);
        } else {
            appendComparisonRows(text, report);
        }
        return text.toString();
    }

    private static void appendSettings(StringBuilder text, Report report) {
        Settings settings = report.settings();
        text.append(String.format(Locale.ROOT, "HNSW benchmark: %d passages x %d, %d queries, similarity %s, "
                        + "space %s%n", report.passages(), report.dim(), report.queries(), settings.similarity(),
                report.space()));
        text.append(String.format(Locale.ROOT, "M %d, efConstruction %d, recall@%d against exact search, %d threads, "
                        + "%d warm-up queries before each ef%n", settings.m(), settings.efConstruction(), settings.k(),
                settings.threads(), settings.warmupQueries()));
        text.append(String.format(Locale.ROOT, "exact search (PyTorch on %s): %.2f s%n", settings.device(),
                report.exactSeconds()));
    }

    private static void appendJavaRows(StringBuilder text, Report report) {
        int k = report.settings().k();
        text.append(String.format(Locale.ROOT, "%6s %14s %12s%n", "ef", "java_recall@" + k, "java_qps"));
        for (Row row : report.java().rows()) {
            text.append(String.format(Locale.ROOT, "%6d %14.4f %12.1f%n", row.ef(), row.recall(),
                    row.queriesPerSecond()));
        }
    }

    private static void appendComparisonRows(StringBuilder text, Report report) {
        int k = report.settings().k();
        text.append(String.format(Locale.ROOT, "%6s %14s %12s %14s %12s %16s%n", "ef", "java_recall@" + k,
                "java_qps", "cpp_recall@" + k, "cpp_qps", "qps_java/cpp"));
        List<Row> javaRows = report.java().rows();
        List<Row> referenceRows = report.reference().rows();
        for (int i = 0; i < javaRows.size(); i++) {
            Row javaRow = javaRows.get(i);
            Row cppRow = referenceRows.get(i);
            text.append(String.format(Locale.ROOT, "%6d %14.4f %12.1f %14.4f %12.1f %16.3f%n", javaRow.ef(),
                    javaRow.recall(), javaRow.queriesPerSecond(), cppRow.recall(), cppRow.queriesPerSecond(),
                    javaRow.queriesPerSecond() / cppRow.queriesPerSecond()));
            if (cppRow.error() != null) {
                text.append("       C++ hnswlib failed the batch at ef ").append(cppRow.ef()).append(" (")
                        .append(cppRow.error()).append("), so its recall comes from an untimed per-query search")
                        .append(System.lineSeparator());
            }
        }
    }

    /** Formats the report as tab-separated values, one row per library and ef value. */
    public static String toTsv(Report report) {
        StringBuilder text = new StringBuilder("library\tef\trecall_at_k\tk\tqueries_per_second\tsearch_seconds"
                + "\tbuild_seconds\tm\tef_construction\tthreads\tspace\tpassages\tqueries\tdim\n");
        List<LibraryResult> libraries = new ArrayList<>(List.of(report.java()));
        if (report.reference() != null) {
            libraries.add(report.reference());
        }
        Settings settings = report.settings();
        for (LibraryResult library : libraries) {
            for (Row row : library.rows()) {
                text.append(String.join("\t", library.library(), String.valueOf(row.ef()),
                        String.valueOf(row.recall()), String.valueOf(settings.k()),
                        String.valueOf(row.queriesPerSecond()), String.valueOf(row.seconds()),
                        String.valueOf(library.buildSeconds()), String.valueOf(settings.m()),
                        String.valueOf(settings.efConstruction()), String.valueOf(settings.threads()),
                        report.space().toString(), String.valueOf(report.passages()),
                        String.valueOf(report.queries()), String.valueOf(report.dim()))).append('\n');
            }
        }
        return text.toString();
    }
}
