package dev.rqa.index;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.progress.Progress;
import dev.rqa.eval.ScoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brute-force search over all passages on the DJL PyTorch engine, on CPU or GPU.
 *
 * <p>Queries are processed in chunks: each chunk's score matrix (chunk rows x all passages) is one
 * matrix product on the engine, and its size is bounded by {@code maxScoreValues}, so memory stays
 * bounded for any number of queries. The engine then returns the top {@code k + margin} scores per
 * query. Because engine rounding differs from {@link VectorMath#score} in the last bits, every
 * passage that could belong to the top k under the bound on that rounding error is re-scored with
 * {@link VectorMath#score} and ordered in Java by {@link Rankings#topK}. When the margin does not
 * reach below that bound (many near-ties at the cut), the query's whole score row is scanned
 * instead. The result is exactly the top k of {@link VectorMath#score} in trec_eval order.
 */
public final class ExactIndex implements PassageSearcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExactIndex.class);

    /** Default bound on one score chunk: 2^24 float32 values, 64 MiB. */
    public static final long DEFAULT_MAX_SCORE_VALUES = 1L << 24;

    private static final String ENGINE = "PyTorch";
    private static final double FLOAT_UNIT_ROUNDOFF = Math.ulp(1.0f) / 2;
    /**
     * Relative error of inputs rounded to TF32 (10 explicit mantissa bits). CUDA matrix products may
     * use TF32 when PyTorch allows it, so the GPU bound assumes they do.
     */
    private static final double TF32_UNIT_ROUNDOFF = Math.pow(2, -11);

    private final List<String> ids;
    private final Similarity similarity;
    private final Embeddings passages;
    private final double maxPassageNorm;
    private final Device device;
    private final long maxScoreValues;
    private final NDManager manager;
    private final NDArray passagesTransposed;
    private volatile boolean closed;

    private ExactIndex(List<String> ids, Similarity similarity, Embeddings passages, Device device,
                       long maxScoreValues, NDManager manager, NDArray passagesTransposed) {
        this.ids = ids;
        this.similarity = similarity;
        this.passages = passages;
        this.device = device;
        this.maxScoreValues = maxScoreValues;
        this.manager = manager;
        this.passagesTransposed = passagesTransposed;
        double max = 0;
        for (double norm : VectorMath.rowNorms(passages)) {
            max = Math.max(max, norm);
        }
        this.maxPassageNorm = max;
    }

    /** Builds an index on the given device with the default chunk bound. */
    public static ExactIndex build(List<String> ids, Embeddings passages, Similarity similarity, Device device) {
        return build(ids, passages, similarity, device, DEFAULT_MAX_SCORE_VALUES);
    }

    /**
     * Copies the passage vectors to the device and returns the index. For {@link Similarity#DOT} the
     * index keeps a reference to {@code passages} for re-scoring, so the caller must not change them.
     *
     * @param maxScoreValues bound on the number of float32 scores computed in one chunk
     */
    public static ExactIndex build(List<String> ids, Embeddings passages, Similarity similarity, Device device,
                                   long maxScoreValues) {
        Rankings.validateIds(ids, passages.rows());
        if (maxScoreValues < 1) {
            throw new InvalidInputException("maxScoreValues must be at least 1, got " + maxScoreValues);
        }
        Embeddings prepared = similarity.prepare(passages, "passage vectors");
        warnAboutZeroRows(similarity, passages, "passage");

        NDManager manager = openManager(device);
        try {
            NDArray transposed = null;
            if (prepared.rows() > 0) {
                NDArray matrix = manager.create(prepared.data(), new Shape(prepared.rows(), prepared.dim()));
                transposed = matrix.transpose();
            }
            LOG.info("exact index: {} passages x {} on {}, similarity {}", prepared.rows(), prepared.dim(),
                    device, similarity);
            return new ExactIndex(List.copyOf(ids), similarity, prepared, device, maxScoreValues, manager,
                    transposed);
        } catch (EngineException e) {
            manager.close();
            throw unusableDevice(device, e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDManager openManager(Device device) {
        try {
            return NDManager.newBaseManager(device, ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw unusableDevice(device, e);
        }
    }

    private static InvalidInputException unusableDevice(Device device, RuntimeException cause) {
        // libtorch messages run to several lines of backend names; the first sentence names the failure.
        String message = String.valueOf(cause.getMessage());
        int end = message.indexOf(". ");
        String summary = end > 0 ? message.substring(0, end) : message;
        String hint = device.isGpu()
                ? "; the CPU build of libtorch (pytorch-native-cpu) cannot use a GPU, so run on the CPU or put "
                        + "a CUDA build of libtorch on the class path"
                : "";
        return new InvalidInputException("device " + device + " failed with the " + ENGINE + " engine: "
                + summary + hint, cause);
    }

    @Override
    public List<List<ScoredDocument>> search(Embeddings queries, int k) {
        Rankings.validateK(k);
        if (closed) {
            throw new IllegalStateException("exact index is closed");
        }
        if (queries.dim() != passages.dim()) {
            throw new InvalidInputException("query vectors have dimension " + queries.dim()
                    + " but the passages have " + passages.dim()
                    + "; encode queries and passages with the same model");
        }
        Embeddings prepared = similarity.prepare(queries, "query vectors");
        warnAboutZeroRows(similarity, queries, "query");

        List<List<ScoredDocument>> results = new ArrayList<>(prepared.rows());
        if (passages.rows() == 0) {
            for (int q = 0; q < prepared.rows(); q++) {
                results.add(List.of());
            }
            return results;
        }

        int candidates = Math.min(passages.rows(), k + margin(k));
        int chunkRows = (int) Math.max(1, Math.min(prepared.rows(), maxScoreValues / passages.rows()));
        int fullScans = 0;
        // A single chunk finishes in one engine call, so only multi-chunk searches show progress.
        try (Progress bar = chunkRows < prepared.rows() ? Progress.start("exact search", prepared.rows(), "queries")
                : null) {
            for (int start = 0; start < prepared.rows(); start += chunkRows) {
                int rows = Math.min(chunkRows, prepared.rows() - start);
                fullScans += searchChunk(prepared, start, rows, k, candidates, results);
                if (bar != null) {
                    bar.step(rows);
                }
            }
        }
        if (fullScans > 0) {
            LOG.debug("{} of {} queries had near-ties beyond the top {} and were scanned in full", fullScans,
                    prepared.rows(), candidates);
        }
        return results;
    }

    /** Searches one chunk of queries and returns how many needed a full scan of their score row. */
    private int searchChunk(Embeddings queries, int start, int rows, int k, int candidates,
                            List<List<ScoredDocument>> results) {
        int dim = queries.dim();
        int fullScans = 0;
        try (NDManager scope = manager.newSubManager()) {
            float[] block = Arrays.copyOfRange(queries.data(), start * dim, (start + rows) * dim);
            NDArray queryBlock = scope.create(block, new Shape(rows, dim));
            NDArray scores = queryBlock.matMul(passagesTransposed);
            NDList top = scores.topK(candidates, 1, true, true);
            float[] values = top.get(0).toFloatArray();
            long[] indices = top.get(1).toLongArray();

            for (int r = 0; r < rows; r++) {
                int query = start + r;
                int offset = r * candidates;
                float kth = values[offset + Math.min(k, candidates) - 1];
                double floor = kth - 2 * errorBound(queries, query);
                boolean complete = candidates == passages.rows() || values[offset + candidates - 1] < floor;

                List<ScoredDocument> pool = new ArrayList<>();
                if (complete) {
                    for (int c = 0; c < candidates && values[offset + c] >= floor; c++) {
                        pool.add(scored(queries, query, (int) indices[offset + c]));
                    }
                } else {
                    fullScans++;
                    float[] row = scores.get(r).toFloatArray();
                    for (int passage = 0; passage < row.length; passage++) {
                        if (row[passage] >= floor) {
                            pool.add(scored(queries, query, passage));
                        }
                    }
                }
                results.add(Rankings.topK(pool, k));
            }
        }
        return fullScans;
    }

    /**
     * Returns a bound on |engine score - {@link VectorMath#score}| for one query against any passage.
     * A float32 dot product of length n, summed in any order, errs by at most about
     * n * u * sum|q_i p_i| <= n * u * |q| * |p| (u = 2^-24, Cauchy-Schwarz for the last step), and
     * rounding the double-precision reference to float32 adds u * |q| * |p|.
     */
    private double errorBound(Embeddings queries, int query) {
        int dim = queries.dim();
        double relative = (dim + 4) * FLOAT_UNIT_ROUNDOFF;
        if (device.isGpu()) {
            relative += 2 * TF32_UNIT_ROUNDOFF;
        }
        double queryNorm = VectorMath.norm(queries.data(), query * dim, dim);
        return relative * queryNorm * maxPassageNorm + dim * Float.MIN_NORMAL;
    }

    private ScoredDocument scored(Embeddings queries, int query, int passage) {
        int dim = queries.dim();
        float score = VectorMath.score(queries.data(), query * dim, passages.data(), passage * dim, dim);
        return new ScoredDocument(ids.get(passage), score);
    }

    /** Extra engine candidates beyond k, so that near-ties at the cut rarely need a full row scan. */
    private static int margin(int k) {
        return Math.max(16, k / 4);
    }


    private static void warnAboutZeroRows(Similarity similarity, Embeddings vectors, String kind) {
        if (similarity != Similarity.COSINE) {
            return;
        }
        int zeros = VectorMath.countZeroRows(vectors);
        if (zeros > 0) {
            LOG.warn("{} {} vectors are all zeros; their cosine similarity is reported as 0", zeros, kind);
        }
    }

    @Override
    public List<String> passageIds() {
        return ids;
    }

    @Override
    public Similarity similarity() {
        return similarity;
    }

    public Device device() {
        return device;
    }

    public int size() {
        return ids.size();
    }

    public int dim() {
        return passages.dim();
    }

    /** Releases the engine memory that holds the passage matrix. */
    @Override
    public void close() {
        closed = true;
        manager.close();
    }
}
