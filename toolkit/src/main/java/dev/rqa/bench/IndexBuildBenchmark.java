package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncodeStats;
import dev.rqa.encode.Embeddings;
import dev.rqa.index.ExactIndex;

import java.util.ArrayList;
import java.util.List;

/** Times encoding passages and building exact search over them, the index build of PaddleNLP's timing table. */
public final class IndexBuildBenchmark {

    private IndexBuildBenchmark() {
    }

    /** The measurement and the index it built, which the caller must close. */
    public record Outcome(IndexBuild build, ExactIndex index) {
    }

    /**
     * Returns {@code count} passages taken from a corpus in order, starting again from its first
     * passage when it has fewer. Repeated passages get the id {@code ID#N} for the N-th repetition,
     * so ids stay unique.
     */
    public static List<Passage> cycle(List<Passage> corpus, int count) {
        if (corpus.isEmpty()) {
            throw new InvalidInputException("the dataset has no passages to index");
        }
        List<Passage> passages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Passage passage = corpus.get(i % corpus.size());
            int repetition = i / corpus.size();
            passages.add(repetition == 0 ? passage
                    : new Passage(passage.id() + "#" + repetition, passage.title(), passage.text()));
        }
        return passages;
    }

    /**
     * Encodes the passages with the passage tower and builds an exact index on {@code device}. The
     * dual encoder must not use an embedding cache, or cache hits would be timed as encoding.
     */
    public static Outcome measure(DualEncoder encoder, List<Passage> passages, Device device) {
        EncodeStats before = encoder.passageStats();
        long start = System.nanoTime();
        Embeddings vectors = encoder.encodePassages(passages);
        long encoded = System.nanoTime();
        ExactIndex index = ExactIndex.build(passages.stream().map(Passage::id).toList(), vectors,
                encoder.similarity(), device);
        long built = System.nanoTime();

        EncodeStats after = encoder.passageStats();
        EncodeStats stats = new EncodeStats(after.texts() - before.texts(), after.tokens() - before.tokens(),
                after.paddedTokens() - before.paddedTokens(), after.truncated() - before.truncated(),
                after.batches() - before.batches(), after.seconds() - before.seconds());
        if (stats.texts() != passages.size()) {
            index.close();
            throw new IllegalStateException("only " + stats.texts() + " of " + passages.size() + " passages were"
                    + " encoded; the dual encoder must be built without an embedding cache for timing");
        }
        return new Outcome(new IndexBuild(passages.size(), (encoded - start) / 1e9, (built - encoded) / 1e9, stats),
                index);
    }
}
