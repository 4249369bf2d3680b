package dev.rqa.data;

import dev.rqa.eval.Qrels;

import java.util.List;
import java.util.Map;

/**
 * A corpus, its queries and their relevance judgements, with a record of where they came from.
 *
 * @param name       name used in reports, for example {@code cmrc2018}
 * @param corpus     passages in source order
 * @param queries    queries in source order
 * @param qrels      relevance judgements
 * @param provenance facts about the source (files, SHA-256, protocol settings) for reports
 */
public record RetrievalDataset(String name, List<Passage> corpus, List<Query> queries, Qrels qrels,
                               Map<String, String> provenance) {

    public RetrievalDataset {
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        provenance = Map.copyOf(provenance);
    }
}
