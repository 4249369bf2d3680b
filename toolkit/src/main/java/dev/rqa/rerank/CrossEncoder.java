package dev.rqa.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rqa.data.TextHygiene;
import dev.rqa.encode.BatchPlanner;
import dev.rqa.encode.SentenceEncoder;
import dev.rqa.encode.TextTokenizer;
import dev.rqa.encode.TokenizedText;
import dev.rqa.model.ClassificationHead;
import dev.rqa.model.TokenBatch;
import dev.rqa.model.TransformerEncoder;
import dev.rqa.progress.Progress;

import java.util.List;

/**
 * A re-ranker that reads a query and a passage together, as RocketQA's cross encoders do:
 * {@code [CLS] query [SEP] passage [SEP]} with segment ids 0 and 1, longest-first truncation, and
 * the score {@code softmax(classifier(tanh(pooler([CLS]))))[:, 1]}.
 */
public final class CrossEncoder implements AutoCloseable {

    private final String name;
    private final TextTokenizer tokenizer;
    private final TransformerEncoder backbone;
    private final ClassificationHead head;
    private final boolean removeSpaces;
    private final BatchPlanner planner;
    private long truncatedPairs;

    /**
     * @param removeSpaces delete ASCII spaces from both texts first, as RocketQA's readers do
     */
    public CrossEncoder(String name, TextTokenizer tokenizer, TransformerEncoder backbone, ClassificationHead head,
                        boolean removeSpaces, BatchPlanner planner) {
        if (head.numLabels() != 2) {
            throw new IllegalArgumentException("cross encoder '" + name + "' has a " + head.numLabels()
                    + "-class classifier; RocketQA scoring needs 2 classes");
        }
        this.name = name;
        this.tokenizer = tokenizer;
        this.backbone = backbone;
        this.head = head;
        this.removeSpaces = removeSpaces;
        this.planner = planner;
    }

    public String name() {
        return name;
    }

    public int maxLength() {
        return tokenizer.maxLength();
    }

    /** Returns how many pairs were truncated to the maximum length so far. */
    public long truncatedPairs() {
        return truncatedPairs;
    }

    /**
     * Scores query-passage pairs; {@code queries.get(i)} goes with {@code passages.get(i)}.
     *
     * @param progress advanced by one per pair, or null
     * @return probability of the relevant class for each pair, in input order
     */
    public float[] score(List<String> queries, List<String> passages, Progress progress) {
        if (queries.size() != passages.size()) {
            throw new IllegalArgumentException(queries.size() + " queries but " + passages.size() + " passages");
        }
        TokenizedText[] tokenized = new TokenizedText[queries.size()];
        int[] lengths = new int[tokenized.length];
        for (int i = 0; i < tokenized.length; i++) {
            tokenized[i] = tokenizer.encodePair(clean(queries.get(i)), clean(passages.get(i)));
            lengths[i] = tokenized[i].length();
            truncatedPairs += tokenized[i].truncated() ? 1 : 0;
        }

        float[] scores = new float[tokenized.length];
        for (int[] batch : planner.plan(lengths)) {
            TokenBatch tokens = SentenceEncoder.pad(tokenized, batch, backbone.config().padTokenId());
            try (NDManager manager = backbone.weightManager().newSubManager()) {
                // The head reads [CLS] only, so the last layer is computed at the first position alone.
                NDArray cls = backbone.forwardFirstToken(manager, tokens);
                float[] probabilities = head.probabilitiesOfFirstToken(cls).toFloatArray();
                for (int row = 0; row < batch.length; row++) {
                    scores[batch[row]] = probabilities[row * 2 + 1];
                }
            }
            if (progress != null) {
                progress.step(batch.length);
            }
        }
        return scores;
    }

    private String clean(String text) {
        return removeSpaces ? TextHygiene.removeAsciiSpaces(text) : text;
    }

    @Override
    public void close() {
        head.close();
        backbone.close();
        tokenizer.close();
    }
}
