package dev.rqa.data;

import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Provenance entries and checks shared by the dataset readers. */
final class DatasetProvenance {

    private DatasetProvenance() {
    }

    /** Records a source file under {@code <prefix>.path}, {@code .size} and {@code .sha256}. */
    static void putFile(Map<String, String> provenance, String prefix, Path path, long size, String sha256) {
        provenance.put(prefix + ".path", path.toAbsolutePath().toString());
        provenance.put(prefix + ".size", Long.toString(size));
        provenance.put(prefix + ".sha256", sha256);
    }

    /** Records the passage, query and judged-query counts, and how many texts are empty. */
    static void putCounts(Map<String, String> provenance, List<Passage> corpus, List<Query> queries,
                          int judgedQueries) {
        provenance.put("passages", Integer.toString(corpus.size()));
        provenance.put("queries", Integer.toString(queries.size()));
        provenance.put("judgedQueries", Integer.toString(judgedQueries));
        long emptyPassages = corpus.stream().filter(passage -> passage.text().isBlank()).count();
        long emptyQueries = queries.stream().filter(query -> query.text().isBlank()).count();
        if (emptyPassages > 0) {
            provenance.put("emptyPassages", Long.toString(emptyPassages));
        }
        if (emptyQueries > 0) {
            provenance.put("emptyQueries", Long.toString(emptyQueries));
        }
    }

    /**
     * Logs passages and queries whose text is empty or blank. They are kept, so counts match what other
     * tools load from the same files; an encoder turns an empty text into just its special tokens.
     */
    static void warnAboutEmptyTexts(Logger log, String name, List<Passage> corpus, List<Query> queries) {
        List<String> emptyPassages = corpus.stream().filter(p -> p.text().isBlank()).map(Passage::id).toList();
        List<String> emptyQueries = queries.stream().filter(q -> q.text().isBlank()).map(Query::id).toList();
        if (!emptyPassages.isEmpty()) {
            log.warn("{}: {} passages have empty text and are kept: {}", name, emptyPassages.size(),
                    firstIds(emptyPassages));
        }
        if (!emptyQueries.isEmpty()) {
            log.warn("{}: {} queries have empty text and are kept: {}", name, emptyQueries.size(),
                    firstIds(emptyQueries));
        }
    }

    /** Returns up to ten ids and how many more there are, for log lines. */
    static String firstIds(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }
}
