package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Policy for the queries an evaluation averages over. Every {@link MetricsReport} records the policy it
 * used and the number of queries it averaged.
 */
public enum QuerySet {

    /**
     * trec_eval's default: queries that are in both the run and the qrels. A query whose judged
     * documents all have label 0 still counts and scores 0. Run queries without judgements are
     * ignored.
     */
    TREC_EVAL("trec_eval", "queries in both run and qrels"),

    /**
     * trec_eval {@code -c}: every query of the qrels. A judged query that the run lacks scores 0
     * on every averaged measure and still adds its relevant documents to {@code num_rel}.
     */
    ALL_JUDGED("all", "every judged query, missing ones scoring 0"),

    /**
     * MTEB 1.x / BEIR style: queries without any relevant document are dropped first, then the
     * rest are scored as pytrec_eval does, which skips a query the run lacks. That leaves the
     * queries in both run and qrels with at least one document at the relevance level.
     */
    WITH_RELEVANT("with-relevant", "queries in both run and qrels with at least one relevant document");

    private final String cliName;
    private final String description;

    QuerySet(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** Returns the name used by {@code rqa score --query-set} and in metrics files. */
    public String cliName() {
        return cliName;
    }

    /** Returns a short phrase naming the queries averaged, for reports and logs. */
    public String description() {
        return description;
    }

    /** Parses a {@link #cliName()} (or the enum constant name), case-insensitively. */
    public static QuerySet parse(String name) {
        for (QuerySet querySet : values()) {
            if (querySet.cliName.equalsIgnoreCase(name) || querySet.name().equalsIgnoreCase(name)) {
                return querySet;
            }
        }
        String supported = Arrays.stream(values()).map(QuerySet::cliName).collect(Collectors.joining(", "));
        throw new InvalidInputException("unknown query set '" + name + "'; use one of: " + supported);
    }
}
