package dev.rqa.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rqa.model.Pooling;
import dev.rqa.model.TokenBatch;
import dev.rqa.model.TransformerEncoder;
import dev.rqa.progress.Progress;

import java.util.List;

/**
 * One encoder tower: tokenizer, transformer backbone, pooling and optional L2 normalisation.
 *
 * <p>Texts are tokenised first, then sorted by length into batches ({@link BatchPlanner}), and each
 * batch runs in its own NDManager that is closed before the next one, so native memory stays flat
 * over long runs.
 */
public final class SentenceEncoder {

    private final TextTokenizer tokenizer;
    private final TransformerEncoder backbone;
    private final Pooling pooling;
    private final boolean normalize;
    private final BatchPlanner planner;

    public SentenceEncoder(TextTokenizer tokenizer, TransformerEncoder backbone, Pooling pooling, boolean normalize,
                           BatchPlanner planner) {
        this.tokenizer = tokenizer;
        this.backbone = backbone;
        this.pooling = pooling;
        this.normalize = normalize;
        this.planner = planner;
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
        int dim = backbone.config().hiddenSize();
        float[] output = new float[inputs.size() * dim];
        if (inputs.isEmpty()) {
            return new Result(new Embeddings(0, dim, output), EncodeStats.EMPTY);
        }

        TokenizedText[] tokenized = tokenize(inputs);
        int[] lengths = new int[tokenized.length];
        long tokens = 0;
        long truncated = 0;
        for (int i = 0; i < tokenized.length; i++) {
            lengths[i] = tokenized[i].length();
            tokens += lengths[i];
            truncated += tokenized[i].truncated() ? 1 : 0;
        }
        List<int[]> batches = planner.plan(lengths);

        for (int[] batch : batches) {
            float[] pooled = encodeBatch(tokenized, batch);
            for (int row = 0; row < batch.length; row++) {
                System.arraycopy(pooled, row * dim, output, batch[row] * dim, dim);
            }
            if (progress != null) {
                progress.step(batch.length);
            }
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        EncodeStats stats = new EncodeStats(inputs.size(), tokens, BatchPlanner.paddedTokens(batches, lengths),
                truncated, batches.size(), seconds);
        return new Result(new Embeddings(inputs.size(), dim, output), stats);
    }

    private float[] encodeBatch(TokenizedText[] tokenized, int[] batch) {
        TokenBatch tokens = pad(tokenized, batch, backbone.config().padTokenId());
        try (NDManager manager = backbone.weightManager().newSubManager()) {
            NDArray hidden = backbone.forward(manager, tokens);
            NDArray mask = manager.create(tokens.attentionMask(), new Shape(tokens.size(), tokens.length()));
            NDArray vectors = pooling.apply(hidden, mask);
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
        java.util.Arrays.fill(ids, padId);
        for (int row = 0; row < batch.length; row++) {
            TokenizedText text = tokenized[batch[row]];
            int offset = row * length;
            System.arraycopy(text.ids(), 0, ids, offset, text.length());
            System.arraycopy(text.typeIds(), 0, types, offset, text.length());
            java.util.Arrays.fill(mask, offset, offset + text.length(), 1L);
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
