package dev.rqa.data;

import dev.rqa.eval.Qrels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A deterministic cut of a dataset for fast tests and notebooks: the first {@code queries} queries in
 * dataset order and, when {@code otherPassages} is given, a corpus reduced to the passages judged for
 * those queries plus the first {@code otherPassages} other passages in corpus order.
 *
 * <p>Judged passages of every label are kept, so the ideal ranking of each kept query is unchanged.
 * Scores on a reduced corpus are higher than on the full one, because fewer distractors compete.
 *
 * @param queries       number of queries to keep, or empty to keep all
 * @param otherPassages number of unjudged passages to keep, or empty to keep the whole corpus
 */
public record DatasetSubset(OptionalInt queries, OptionalInt otherPassages) {

    public DatasetSubset {
        if (queries.isPresent() && queries.getAsInt() <= 0) {
            throw new IllegalArgumentException("query count must be positive: " + queries.getAsInt());
        }
        if (otherPassages.isPresent() && otherPassages.getAsInt() < 0) {
            throw new IllegalArgumentException("other passage count must be >= 0: " + otherPassages.getAsInt());
        }
    }

    /** Keeps the first {@code count} queries and the whole corpus. */
    public static DatasetSubset firstQueries(int count) {
        return new DatasetSubset(OptionalInt.of(count), OptionalInt.empty());
    }

    /** Keeps the first {@code count} queries, their judged passages and {@code others} further passages. */
    public static DatasetSubset firstQueries(int count, int others) {
        return new DatasetSubset(OptionalInt.of(count), OptionalInt.of(others));
    }

    public boolean isEmpty() {
        return queries.isEmpty() && otherPassages.isEmpty();
    }

    /** Returns the subset of a dataset, with the cut recorded in its name and provenance. */
    public RetrievalDataset apply(RetrievalDataset dataset) {
        if (isEmpty()) {
            return dataset;
        }
        int queryCount = Math.min(queries.orElse(Integer.MAX_VALUE), dataset.queries().size());
        List<Query> keptQueries = dataset.queries().subList(0, queryCount);

        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        Set<String> judgedDocuments = new HashSet<>();
        for (Query query : keptQueries) {
            Map<String, Integer> documents = dataset.qrels().judgements(query.id());
            if (!documents.isEmpty()) {
                judgements.put(query.id(), documents);
                judgedDocuments.addAll(documents.keySet());
            }
        }

        List<Passage> corpus = dataset.corpus();
        if (otherPassages.isPresent()) {
            corpus = new ArrayList<>();
            int othersLeft = otherPassages.getAsInt();
            for (Passage passage : dataset.corpus()) {
                if (judgedDocuments.contains(passage.id())) {
                    corpus.add(passage);
                } else if (othersLeft > 0) {
                    corpus.add(passage);
                    othersLeft--;
                }
            }
        }

        Map<String, String> provenance = new LinkedHashMap<>(dataset.provenance());
        queries.ifPresent(count -> provenance.put("subset.queries", Integer.toString(count)));
        otherPassages.ifPresent(count -> provenance.put("subset.otherPassages", Integer.toString(count)));
        provenance.put("subset.fullPassages", Integer.toString(dataset.corpus().size()));
        provenance.put("subset.fullQueries", Integer.toString(dataset.queries().size()));
        DatasetProvenance.putCounts(provenance, corpus, keptQueries, judgements.size());
        return new RetrievalDataset(dataset.name() + suffix(), corpus, keptQueries, new Qrels(judgements),
                provenance);
    }

    /** Returns the spec options that select this subset, such as {@code queries=100&other-passages=1000}. */
    public String options() {
        List<String> parts = new ArrayList<>();
        queries.ifPresent(count -> parts.add("queries=" + count));
        otherPassages.ifPresent(count -> parts.add("other-passages=" + count));
        return String.join("&", parts);
    }

    private String suffix() {
        return "[" + options() + "]";
    }
}
