package dev.rqa.bench;

import dev.rqa.index.HnswOptions;
import dev.rqa.report.ColumnFormat;
import dev.rqa.report.LinePlot;
import dev.rqa.report.ParetoPlot;
import dev.rqa.report.ParetoPoint;
import dev.rqa.report.ResultTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measurements of an {@link EfSweepBenchmark}.
 *
 * @param dataset  dataset name
 * @param passages passages in each graph
 * @param queries  queries searched at each ef
 * @param k        k of recall@k against exact search
 * @param hnsw     graph parameters
 * @param models   per model: graph space, build time and exact search rate
 * @param rows     one row per model and ef, in sweep order
 */
public record EfSweepResult(String dataset, int passages, int queries, int k, HnswOptions hnsw,
                            List<ModelFacts> models, List<Row> rows) {

    public EfSweepResult {
        models = List.copyOf(models);
        rows = List.copyOf(rows);
    }

    /**
     * Facts of one model's graph.
     *
     * @param model                 dual encoder
     * @param space                 HNSW space the graph was built in
     * @param buildSeconds          wall-clock time to build the graph
     * @param exactQueriesPerSecond exact search rate over the same queries, for comparison
     */
    public record ModelFacts(String model, String space, double buildSeconds, double exactQueriesPerSecond) {
    }

    /**
     * One ef value of one model.
     *
     * @param model            dual encoder
     * @param ef               search-time candidate list size
     * @param recall           mean recall@k against exact search
     * @param queriesPerSecond queries searched per second (batch search, all threads)
     * @param ndcgAt10         nDCG@10 of the HNSW rankings
     * @param mrrAt10          MRR@10 of the HNSW rankings
     * @param evaluatedQueries queries the quality measures average over
     */
    public record Row(String model, int ef, double recall, double queriesPerSecond, double ndcgAt10, double mrrAt10,
                      int evaluatedQueries) {

        /** Returns the mean search time of one query in ms, from the batch rate. */
        public double millisPerQuery() {
            return 1000.0 / queriesPerSecond;
        }
    }

    /** Returns one row per model and ef: recall against exact search, speed and quality. */
    public ResultTable table() {
        ResultTable table = ResultTable.titled("HNSW ef sweep on " + dataset)
                .column("model", ColumnFormat.TEXT)
                .column("ef", ColumnFormat.INTEGER)
                .column("recall@" + k + " vs exact", ColumnFormat.DECIMAL_4)
                .column("throughput", ColumnFormat.QUERIES_PER_SECOND)
                .column("time per query", ColumnFormat.number(3, "ms"))
                .column("nDCG@10", ColumnFormat.DECIMAL_4)
                .column("MRR@10", ColumnFormat.DECIMAL_4);
        for (Row row : rows) {
            table.row(row.model(), row.ef(), row.recall(), row.queriesPerSecond(), row.millisPerQuery(), row.ndcgAt10(),
                    row.mrrAt10());
        }
        table.note(passages + " passages, " + queries + " queries; HNSW M " + hnsw.m() + ", efConstruction "
                + hnsw.efConstruction() + ", " + hnsw.threads() + " search threads. A search collects max(ef, "
                + k + ") candidates.");
        for (ModelFacts facts : models) {
            table.note(String.format(Locale.ROOT, "%s: graph in the %s space built in %.2f s; exact search"
                    + " runs %.1f queries/s on the same queries.", facts.model(), facts.space(), facts.buildSeconds(),
                    facts.exactQueriesPerSecond()));
        }
        table.note("Throughput is the batch search rate over all queries after an untimed warm-up pass; time per query"
                + " is its inverse. On a small corpus most ef values find the exact top " + k + ", so their recall"
                + " is the same, and rates measured over few queries vary from run to run.");
        return table;
    }

    /**
     * Returns recall@k against exact search over queries per second on a log axis: one line per
     * model, points labelled by ef.
     */
    public LinePlot plot() {
        LinePlot plot = LinePlot.titled("HNSW ef sweep: recall@" + k + " vs exact against throughput")
                .axes("throughput (queries/s, log scale)", "recall@" + k + " vs exact search")
                .logX();
        for (Map.Entry<String, List<Row>> model : byModel().entrySet()) {
            List<Row> points = model.getValue();
            plot.series(model.getKey(), points.stream().mapToDouble(Row::queriesPerSecond).toArray(),
                    points.stream().mapToDouble(Row::recall).toArray(),
                    points.stream().map(row -> "ef=" + row.ef()).toList());
        }
        return plot;
    }

    /** Returns each model and ef as a point of nDCG@10 against time per query, labelled "model ef=N". */
    public List<ParetoPoint> paretoPoints() {
        List<ParetoPoint> points = new ArrayList<>();
        for (Row row : rows) {
            points.add(new ParetoPoint(row.model() + " ef=" + row.ef(), row.ndcgAt10(), row.millisPerQuery()));
        }
        return points;
    }

    /** Returns nDCG@10 against HNSW search time per query with the Pareto front marked. */
    public ParetoPlot paretoPlot() {
        return ParetoPlot.titled("nDCG@10 against HNSW search time (ef sweep)")
                .axes("search time per query (ms, log scale)", "nDCG@10")
                .logX()
                .points(paretoPoints());
    }

    private Map<String, List<Row>> byModel() {
        Map<String, List<Row>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            grouped.computeIfAbsent(row.model(), model -> new ArrayList<>()).add(row);
        }
        return grouped;
    }
}
