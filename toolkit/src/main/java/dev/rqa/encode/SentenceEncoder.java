package dev.rqa.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rqa.model.EngineThreads;
import dev.rqa.model.Pooling;
import dev.rqa.model.TokenBatch;
import dev.rqa.model.TransformerEncoder;
import dev.rqa.progress.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One encoder tower: tokenizer, transformer backbone, pooling and optional L2 normalisation.
 *
 * <p>Texts are tokenised first, then sorted by length into batches ({@link BatchPlanner}), and each
 * batch runs in its own NDManager that is closed as soon as the batch is done, so native memory
 * stays flat over long runs.
 *
 * <p>On the CPU, batches are encoded by several workers at once, each running the engine on one
 * core ({@link EngineThreads}); by default there are as many workers as the engine has intra-op
 * threads, so the DJL property {@code ai.djl.pytorch.num_threads} still sets the cores used. Fewer
 * batches than workers are split so that every worker gets one. With one worker, or on a GPU,
 * batches run one after another on the calling thread with the engine's own threads.
 */
public final class SentenceEncoder {

    private final TextTokenizer tokenizer;
    private final TransformerEncoder backbone;
    private final Pooling pooling;
    private final boolean normalize;
    private final BatchPlanner planner;
    private final int workers;

    /** Creates an encoder whose number of workers follows the engine's thread setting. */
    public SentenceEncoder(TextTokenizer tokenizer, TransformerEncoder backbone, Pooling pooling, boolean normalize,
                           BatchPlanner planner) {
        this(tokenizer, backbone, pooling, normalize, planner, 0);
    }

    /**
     * @param workers number of batches encoded at once on the CPU, each on one core: 0 for the
     *                engine's intra-op thread count, 1 to run batches in turn on the engine's threads
     */
    public SentenceEncoder(TextTokenizer tokenizer, TransformerEncoder backbone, Pooling pooling, boolean normalize,
                           BatchPlanner planner, int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0, got " + workers);
        }
        this.tokenizer = tokenizer;
        this.backbone = backbone;
        this.pooling = pooling;
        this.normalize = normalize;
        this.planner = planner;
        this.workers = workers;
    }

    /** Result of {@link #encode}: vectors in input order and what it cost. */
    public record Result(Embeddings embeddings, EncodeStats stats) {
    }

    /** Tokenises inputs; exposed so callers can count truncations or tokens without encoding. */
    public TokenizedText[] tokenize(List<EncoderInput> inputs) {
        TokenizedText[] tokenized = new TokenizedText[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            EncoderInput input = inputs.get(i);
            tokenized[i] = input.isPair()
                    ? tokenizer.encodePair(input.first(), input.second())
                    : tokenizer.encode(input.first());
        }
        return tokenized;
    }

    /** Encodes single-segment texts; see {@link #encodeInputs}. */
    public Result encode(List<String> texts, Progress progress) {
        return encodeInputs(texts.stream().map(EncoderInput::of).toList(), progress);
    }

    /**
     * Encodes inputs into one vector each, in input order.
     *
     * @param inputs   texts or text pairs
     * @param progress advanced by one per input, or null
     */
    public Result encodeInputs(List<EncoderInput> inputs, Progress progress) {
        long start = System.nanoTime();
        return encodeTokenized(tokenize(inputs), progress, start);
    }

    /**
     * Encodes texts tokenised by {@link #tokenize}, in input order. Benchmarks use it to time the
     * model without the tokenizer, so the stats' seconds cover the forward passes only.
     */
    public Result encodeTokenized(TokenizedText[] tokenized, Progress progress) {
        return encodeTokenized(tokenized, progress, System.nanoTime());
    }

    private Result encodeTokenized(TokenizedText[] tokenized, Progress progress, long start) {
        int dim = backbone.config().hiddenSize();
        float[] output = new float[tokenized.length * dim];
        if (tokenized.length == 0) {
            return new Result(new Embeddings(0, dim, output), EncodeStats.EMPTY);
        }

        int[] lengths = new int[tokenized.length];
        long tokens = 0;
        long truncated = 0;
        for (int i = 0; i < tokenized.length; i++) {
            lengths[i] = tokenized[i].length();
            tokens += lengths[i];
            truncated += tokenized[i].truncated() ? 1 : 0;
        }
        List<int[]> batches = planner.plan(lengths);

        int workerCount = workerCount();
        if (workerCount == 1) {
            for (int[] batch : batches) {
                encodeInto(tokenized, batch, output, dim, progress);
            }
        } else {
            encodeInParallel(tokenized, spread(batches, workerCount), output, dim, progress, workerCount);
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        EncodeStats stats = new EncodeStats(tokenized.length, tokens, BatchPlanner.paddedTokens(batches, lengths),
                truncated, batches.size(), seconds);
        return new Result(new Embeddings(tokenized.length, dim, output), stats);
    }

    /** Returns the number of batches to encode at once. */
    public int workerCount() {
        if (workers > 0) {
            return workers;
        }
        if (backbone.device().isGpu()) {
            return 1;
        }
        return EngineThreads.intraOpThreads();
    }

    private void encodeInto(TokenizedText[] tokenized, int[] batch, float[] output, int dim, Progress progress) {
        float[] pooled = encodeBatch(tokenized, batch);
        for (int row = 0; row < batch.length; row++) {
            System.arraycopy(pooled, row * dim, output, batch[row] * dim, dim);
        }
        if (progress != null) {
            synchronized (progress) {
                progress.step(batch.length);
            }
        }
    }

    /**
     * Splits the largest batches in halves until there is a batch for every worker or no batch can
     * be split. The encoder never computes padding, so smaller batches cost little, and a lone
     * batch on one worker would leave the other cores idle.
     */
    static List<int[]> spread(List<int[]> batches, int workerCount) {
        List<int[]> pieces = new ArrayList<>(batches);
        while (pieces.size() < workerCount) {
            int largest = 0;
            for (int i = 1; i < pieces.size(); i++) {
                if (pieces.get(i).length > pieces.get(largest).length) {
                    largest = i;
                }
            }
            int[] batch = pieces.get(largest);
            if (batch.length < 2) {
                break;
            }
            int half = batch.length / 2;
            pieces.set(largest, Arrays.copyOfRange(batch, 0, half));
            pieces.add(largest + 1, Arrays.copyOfRange(batch, half, batch.length));
        }
        return pieces;
    }

    /** Hands batches, longest first, to single-threaded workers, which write disjoint rows of the output. */
    private void encodeInParallel(TokenizedText[] tokenized, List<int[]> batches, float[] output, int dim,
                                  Progress progress, int workerCount) {
        ExecutorService pool = EngineThreads.workers(workerCount);
        List<Future<?>> done = new ArrayList<>(batches.size());
        try {
            for (int[] batch : batches) {
                done.add(pool.submit(() -> encodeInto(tokenized, batch, output, dim, progress)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("encoder worker failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } finally {
            // After a failure, batches still queued are dropped, and running ones finish on their own.
            for (Future<?> future : done) {
                future.cancel(false);
            }
        }
    }

    private float[] encodeBatch(TokenizedText[] tokenized, int[] batch) {
        TokenBatch tokens = pad(tokenized, batch, backbone.config().padTokenId());
        try (NDManager manager = backbone.weightManager().newSubManager()) {
            NDArray vectors;
            if (pooling == Pooling.CLS) {
                // The backbone computes its last layer for position 0 only.
                vectors = backbone.forwardFirstToken(manager, tokens);
            } else {
                NDArray hidden = backbone.forward(manager, tokens);
                NDArray mask = manager.create(tokens.attentionMask(), new Shape(tokens.size(), tokens.length()));
                vectors = pooling.apply(hidden, mask);
            }
            if (normalize) {
                vectors = l2Normalize(vectors);
            }
            return vectors.toFloatArray();
        }
    }

    /** Pads a batch to its longest sequence with the pad id, segment 0 and mask 0. */
    public static TokenBatch pad(TokenizedText[] tokenized, int[] batch, long padId) {
        int length = 0;
        for (int index : batch) {
            length = Math.max(length, tokenized[index].length());
        }
        long[] ids = new long[batch.length * length];
        long[] types = new long[ids.length];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, padId);
        for (int row = 0; row < batch.length; row++) {
            TokenizedText text = tokenized[batch[row]];
            int offset = row * length;
            System.arraycopy(text.ids(), 0, ids, offset, text.length());
            System.arraycopy(text.typeIds(), 0, types, offset, text.length());
            Arrays.fill(mask, offset, offset + text.length(), 1L);
        }
        return new TokenBatch(batch.length, length, ids, types, mask);
    }

    /** Divides each row by its L2 norm; a zero row stays zero. */
    static NDArray l2Normalize(NDArray vectors) {
        try (NDArray norms = vectors.norm(new int[] {1}, true).maximum(1e-12f)) {
            return vectors.div(norms);
        }
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public TransformerEncoder backbone() {
        return backbone;
    }

    public Pooling pooling() {
        return pooling;
    }

    public boolean normalize() {
        return normalize;
    }
}
