package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.rqa.InvalidInputException;
import dev.rqa.encode.Embeddings;
import dev.rqa.progress.Progress;
import dev.rqa.eval.ScoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Approximate search with an HNSW graph from hnswlib-java ({@code com.github.jelmerk:hnswlib-core}).
 *
 * <p>The graph is built in the space chosen by {@link HnswOptions#resolveSpace}: for
 * {@link Similarity#DOT} the MIPS-to-Euclidean transform, for {@link Similarity#COSINE} normalised
 * vectors under inner-product distance. hnswlib returns distances; this class instead re-scores
 * every returned candidate with {@link VectorMath#score} on the similarity's own vectors and cuts
 * to k in trec_eval order, so a passage found by both this index and {@link ExactIndex} has the
 * same score and the same place among ties.
 */
public final class HnswPassageIndex implements PassageSearcher {

    private static final Logger LOG = LoggerFactory.getLogger(HnswPassageIndex.class);

    private final HnswIndex<String, float[], IndexedVector, Float> graph;
    private final List<String> ids;
    private final Similarity similarity;
    private final HnswSpace space;
    private final int dim;
    private final float maxNorm;
    private final HnswOptions options;

    HnswPassageIndex(HnswIndex<String, float[], IndexedVector, Float> graph, List<String> ids,
                     Similarity similarity, HnswSpace space, int dim, float maxNorm, HnswOptions options) {
        this.graph = graph;
        this.ids = ids;
        this.similarity = similarity;
        this.space = space;
        this.dim = dim;
        this.maxNorm = maxNorm;
        this.options = options;
    }

    /** Builds a graph over the passages with the given options. */
    public static HnswPassageIndex build(List<String> ids, Embeddings passages, Similarity similarity,
                                         HnswOptions options) {
        Rankings.validateIds(ids, passages.rows());
        Embeddings prepared = similarity.prepare(passages, "passage vectors");
        HnswSpace space = options.resolveSpace(similarity);
        if (similarity == Similarity.DOT && space == HnswSpace.INNER_PRODUCT) {
            LOG.warn("HNSW over raw inner products of unnormalised vectors can lose most of its recall; "
                    + "measure it against exact search or use the mips-euclidean space");
        }

        float maxNorm = 0;
        if (space == HnswSpace.MIPS_EUCLIDEAN) {
            for (double norm : VectorMath.rowNorms(prepared)) {
                maxNorm = (float) Math.max(maxNorm, norm);
            }
        }
        List<IndexedVector> items = new ArrayList<>(prepared.rows());
        for (int row = 0; row < prepared.rows(); row++) {
            items.add(new IndexedVector(ids.get(row), graphVector(prepared, row, space, maxNorm)));
        }

        int storedDim = space == HnswSpace.MIPS_EUCLIDEAN ? prepared.dim() + 1 : prepared.dim();
        HnswIndex<String, float[], IndexedVector, Float> graph =
                HnswIndex.newBuilder(storedDim, distanceFunction(space), Math.max(1, items.size()))
                        .withM(options.m())
                        .withEfConstruction(options.efConstruction())
                        // Searches ask for max(ef, k) candidates themselves, so the graph's own ef
                        // must not raise that floor.
                        .withEf(1)
                        .withCustomSerializers(new PassageIdSerializer(), new IndexedVectorSerializer())
                        .build();

        // hnswlib-java 1.2.1 keeps one visited set per available processor, and an insert holds a node lock
        // while it waits for one: with more insert threads than processors the threads can deadlock.
        int insertThreads = Math.min(options.threads(), Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        insert(graph, items, insertThreads, options.progress());
        LOG.info("HNSW index: {} passages x {}, similarity {}, space {}, M {}, efConstruction {}, {} threads, "
                        + "built in {} s", items.size(), prepared.dim(), similarity, space, options.m(),
                options.efConstruction(), insertThreads,
                String.format("%.2f", (System.nanoTime() - started) / 1e9));
        return new HnswPassageIndex(graph, List.copyOf(ids), similarity, space, prepared.dim(), maxNorm, options);
    }

    static DistanceFunction<float[], Float> distanceFunction(HnswSpace space) {
        return space == HnswSpace.MIPS_EUCLIDEAN ? new SquaredEuclideanDistance() : new InnerProductDistance();
    }

    /** Returns the row as stored in the graph: with the MIPS coordinate sqrt(M^2 - |x|^2) appended. */
    private static float[] graphVector(Embeddings vectors, int row, HnswSpace space, float maxNorm) {
        int dim = vectors.dim();
        int offset = row * dim;
        if (space != HnswSpace.MIPS_EUCLIDEAN) {
            return Arrays.copyOfRange(vectors.data(), offset, offset + dim);
        }
        float[] vector = Arrays.copyOf(Arrays.copyOfRange(vectors.data(), offset, offset + dim), dim + 1);
        double norm = VectorMath.norm(vectors.data(), offset, dim);
        double max = maxNorm;
        vector[dim] = (float) Math.sqrt(Math.max(0, max * max - norm * norm));
        return vector;
    }

    private static void insert(HnswIndex<String, float[], IndexedVector, Float> graph, List<IndexedVector> items,
                               int threads, boolean progress) {
        int interval = Math.max(1, Math.min(1000, items.size() / 100));
        try (Progress bar = progress ? Progress.start("HNSW build", items.size(), "passages") : null) {
            graph.addAll(items, threads, (done, max) -> {
                if (bar != null) {
                    bar.stepTo(done);
                }
            }, interval);
            if (bar != null) {
                bar.stepTo(items.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("HNSW build was interrupted", e);
        }
    }


    /** Searches with the index's default ef. */
    @Override
    public List<List<ScoredDocument>> search(Embeddings queries, int k) {
        return search(queries, k, options.ef());
    }

    /**
     * Returns the top {@code k} per query, retrieving {@code max(ef, k)} graph neighbours first.
     * Queries run in parallel on {@link HnswOptions#threads()} threads.
     */
    public List<List<ScoredDocument>> search(Embeddings queries, int k, int ef) {
        Rankings.validateK(k);
        if (ef < 1) {
            throw new InvalidInputException("ef must be at least 1, got " + ef);
        }
        if (queries.dim() != dim) {
            throw new InvalidInputException("query vectors have dimension " + queries.dim()
                    + " but the index was built on dimension " + dim
                    + "; encode queries and passages with the same model");
        }
        Embeddings prepared = similarity.prepare(queries, "query vectors");
        int neighbours = Math.max(ef, k);
        return forEachQuery(prepared.rows(), options.threads(), query -> searchOne(prepared, query, k, neighbours));
    }

    private List<ScoredDocument> searchOne(Embeddings queries, int query, int k, int neighbours) {
        int offset = query * dim;
        float[] graphQuery = Arrays.copyOfRange(queries.data(), offset, offset + dim);
        if (space == HnswSpace.MIPS_EUCLIDEAN) {
            // Queries get 0 as the extra coordinate of the MIPS transform.
            graphQuery = Arrays.copyOf(graphQuery, dim + 1);
        }
        List<SearchResult<IndexedVector, Float>> found = graph.findNearest(graphQuery, neighbours);
        List<ScoredDocument> pool = new ArrayList<>(found.size());
        for (SearchResult<IndexedVector, Float> result : found) {
            IndexedVector item = result.item();
            float score = VectorMath.score(queries.data(), offset, item.vector(), 0, dim);
            pool.add(new ScoredDocument(item.id(), score));
        }
        return Rankings.topK(pool, k);
    }

    /** Runs {@code task} for queries 0..count-1 on {@code threads} threads and returns results in query order. */
    private static <T> List<T> forEachQuery(int count, int threads, IntFunction<T> task) {
        List<T> results = new ArrayList<>(count);
        if (threads == 1 || count < 2) {
            for (int query = 0; query < count; query++) {
                results.add(task.apply(query));
            }
            return results;
        }
        Object[] slots = new Object[count];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, count);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int query = next.getAndIncrement(); query < count; query = next.getAndIncrement()) {
                        slots[query] = task.apply(query);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("HNSW search was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("HNSW search failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (Object slot : slots) {
            @SuppressWarnings("unchecked")
            T result = (T) slot;
            results.add(result);
        }
        return results;
    }

    /** Saves the index atomically; see {@link HnswIndexFile} for the format. */
    public void save(Path path) throws IOException {
        HnswIndexFile.write(path, this);
    }

    /**
     * Loads an index saved by {@link #save}. Classes are resolved through the toolkit's own class
     * loader, so loading works inside a JShell-based notebook kernel too.
     *
     * @throws InvalidInputException when the file is missing, truncated, corrupt or not an index
     */
    public static HnswPassageIndex load(Path path) throws IOException {
        return HnswIndexFile.read(path);
    }

    /** Returns a view of this index that searches with other thread and ef defaults. */
    public HnswPassageIndex withSearchOptions(int threads, int ef) {
        HnswOptions changed = options.withThreads(threads).withEf(ef);
        return new HnswPassageIndex(graph, ids, similarity, space, dim, maxNorm, changed);
    }

    /**
     * Returns the passage vectors as the graph stores them (normalised, or with the MIPS coordinate
     * appended), in {@link #passageIds()} order; another HNSW library given these rows and
     * {@link HnswSpace#hnswlibName()} indexes the same data in the same space.
     */
    public Embeddings vectorsInGraphSpace() {
        int storedDim = graph.getDimensions();
        float[] data = new float[ids.size() * storedDim];
        for (int row = 0; row < ids.size(); row++) {
            String id = ids.get(row);
            float[] vector = graph.get(id)
                    .orElseThrow(() -> new IllegalStateException("passage " + id + " is missing from the graph"))
                    .vector();
            System.arraycopy(vector, 0, data, row * storedDim, storedDim);
        }
        return new Embeddings(ids.size(), storedDim, data);
    }

    /** Returns query vectors as this index searches with them (normalised, or with a 0 appended). */
    public Embeddings queriesInGraphSpace(Embeddings queries) {
        if (queries.dim() != dim) {
            throw new InvalidInputException("query vectors have dimension " + queries.dim()
                    + " but the index was built on dimension " + dim);
        }
        Embeddings prepared = similarity.prepare(queries, "query vectors");
        if (space != HnswSpace.MIPS_EUCLIDEAN) {
            return prepared;
        }
        float[] data = new float[prepared.rows() * (dim + 1)];
        for (int row = 0; row < prepared.rows(); row++) {
            System.arraycopy(prepared.data(), row * dim, data, row * (dim + 1), dim);
        }
        return new Embeddings(prepared.rows(), dim + 1, data);
    }

    HnswIndex<String, float[], IndexedVector, Float> graph() {
        return graph;
    }

    @Override
    public List<String> passageIds() {
        return ids;
    }

    @Override
    public Similarity similarity() {
        return similarity;
    }

    public HnswSpace space() {
        return space;
    }

    public HnswOptions options() {
        return options;
    }

    /** Returns the encoder's vector dimension (the graph stores one more under the MIPS transform). */
    public int dim() {
        return dim;
    }

    /** Returns the largest passage norm used by the MIPS transform, or 0 in the inner-product space. */
    public float maxNorm() {
        return maxNorm;
    }

    public int size() {
        return ids.size();
    }
}
