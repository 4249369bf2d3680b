package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.report.ColumnFormat;
import dev.rqa.report.LatencySummary;
import dev.rqa.report.Pareto;
import dev.rqa.report.ParetoPlot;
import dev.rqa.report.ParetoPoint;
import dev.rqa.report.ResultTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Quality of each measured configuration of a size sweep against what it costs: query latency
 * and index time per passage, with the Pareto fronts marked.
 *
 * <p>Quality and latency are paired stage by stage, so that no point borrows quality from a stage
 * it did not time. The recall point pairs the dual encoder's exact-recall quality with the latency
 * of encoding the query and recalling, without re-ranking. A re-rank point pairs the re-ranked
 * quality with the whole query's latency, and exists only when the cross encoder has real weights.
 * Speed-only configurations have no quality and are left out.
 *
 * <pre>{@code
 * QualityLatency trade = SizeSweep.of("nano").models("bge-small-zh-v1.5").run().qualityLatency();
 * trade.table();
 * trade.queryPlot(QualityLatency.Measure.NDCG_AT_10);
 * }</pre>
 */
public final class QualityLatency {

    /** Quality measure on the vertical axis. */
    public enum Measure {
        NDCG_AT_10("nDCG@10"), MRR_AT_10("MRR@10");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One stage of one configuration.
     *
     * @param label           model (size for RocketQA-zh), device and stage, for plots
     * @param model           registry name of the dual encoder
     * @param device          device of the timing
     * @param stage           "recall top K" or "recall + re-rank top K"
     * @param ndcgAt10        nDCG@10 of the stage's ranking
     * @param mrrAt10         MRR@10 of the stage's ranking
     * @param latency         per-query latency of the stage, in ms
     * @param passagesPerSecond index build throughput of the configuration
     * @param indexPoint      whether the point also belongs to the index-cost plot (recall stages)
     */
    public record Point(String label, String model, String device, String stage, double ndcgAt10, double mrrAt10,
                        LatencySummary latency, double passagesPerSecond, boolean indexPoint) {

        double quality(Measure measure) {
            return measure == Measure.NDCG_AT_10 ? ndcgAt10 : mrrAt10;
        }

        /** Index build time per passage in ms. */
        double indexMillisPerPassage() {
            return 1000.0 / passagesPerSecond;
        }
    }

    private final List<Point> points;
    private final List<String> speedOnly;
    private final String dataset;

    private QualityLatency(List<Point> points, List<String> speedOnly, String dataset) {
        this.points = List.copyOf(points);
        this.speedOnly = List.copyOf(speedOnly);
        this.dataset = dataset;
    }

    /** Pairs the quality and latency of every measured configuration of a sweep that has quality figures. */
    public static QualityLatency of(List<SweepRow> rows, SweepSettings settings) {
        List<Point> points = new ArrayList<>();
        List<String> speedOnly = new ArrayList<>();
        for (SweepRow row : rows) {
            if (!row.isMeasured()) {
                continue;
            }
            String name = SweepPlots.shortName(row.model()) + " " + row.device();
            SweepQuality quality = row.quality();
            if (quality == null) {
                speedOnly.add(name);
                continue;
            }
            double throughput = row.index().passagesPerSecond();
            points.add(new Point(name, row.model().name(), row.device(), "recall top " + settings.recall(),
                    quality.ndcgAt10(), quality.mrrAt10(), row.latency().retrieval(), throughput, true));
            if (quality.hasReranked()) {
                points.add(new Point(name + " + re-rank", row.model().name(), row.device(),
                        "recall + re-rank top " + settings.recall(), quality.rerankedNdcgAt10(),
                        quality.rerankedMrrAt10(), row.latency().total(), throughput, false));
            }
        }
        return new QualityLatency(points, speedOnly, settings.dataset());
    }

    public List<Point> points() {
        return points;
    }

    /** Returns the dual encoders that have points, in sweep order, for example to run an HNSW ef sweep on them. */
    public List<String> models() {
        return points.stream().map(Point::model).distinct().toList();
    }

    /** Returns the measured configurations left out because their weights are random. */
    public List<String> speedOnly() {
        return speedOnly;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** Returns one row per point, with whether it lies on the nDCG@10 fronts of query latency and of index time. */
    public ResultTable table() {
        Set<String> queryFront = frontLabels(queryPoints(Measure.NDCG_AT_10));
        Set<String> indexFront = frontLabels(indexPoints(Measure.NDCG_AT_10));
        ResultTable table = ResultTable.titled("Quality against latency on " + dataset)
                .column("model", ColumnFormat.TEXT)
                .column("device", ColumnFormat.TEXT)
                .column("stage", ColumnFormat.TEXT)
                .column("nDCG@10", ColumnFormat.PERCENT)
                .column("MRR@10", ColumnFormat.PERCENT)
                .column("latency p50", ColumnFormat.MILLISECONDS)
                .column("latency p95", ColumnFormat.MILLISECONDS)
                .column("index throughput", ColumnFormat.PASSAGES_PER_SECOND)
                .column("Pareto: query latency", ColumnFormat.TEXT)
                .column("Pareto: index time", ColumnFormat.TEXT);
        for (Point point : points) {
            table.row(point.model(), point.device(), point.stage(), point.ndcgAt10(), point.mrrAt10(),
                    point.latency().p50(), point.latency().p95(), point.passagesPerSecond(),
                    queryFront.contains(point.label()) ? "yes" : "",
                    !point.indexPoint() ? "" : indexFront.contains(point.label()) ? "yes" : "");
        }
        table.note("Recall stage: exact-recall quality of the dual encoder with the latency of encoding the query"
                + " and recalling; re-rank stage (real cross-encoder weights only): re-ranked quality with the whole"
                + " query's latency.");
        table.note("Pareto columns use nDCG@10: \"yes\" marks a configuration that no other one beats on both"
                + " quality and cost.");
        if (!speedOnly.isEmpty()) {
            table.note("Left out, speed only (random weights, no quality): " + String.join(", ", speedOnly) + ".");
        }
        return table;
    }

    /** Returns quality against query latency p50, both stages, with the Pareto front drawn. */
    public ParetoPlot queryPlot(Measure measure) {
        requirePoints();
        return ParetoPlot.titled(measure.label() + " on " + dataset + " vs query latency p50")
                .axes("query latency p50 (ms)", measure.label() + " (%)")
                .points(queryPoints(measure));
    }

    /** Returns quality against index build time per passage, recall stages only, with the Pareto front drawn. */
    public ParetoPlot indexPlot(Measure measure) {
        requirePoints();
        return ParetoPlot.titled(measure.label() + " on " + dataset + " vs index build time")
                .axes("index build time per passage (ms)", measure.label() + " (%)")
                .points(indexPoints(measure));
    }

    private List<ParetoPoint> queryPoints(Measure measure) {
        return points.stream()
                .map(point -> new ParetoPoint(point.label(), percent(point.quality(measure)), point.latency().p50()))
                .toList();
    }

    private List<ParetoPoint> indexPoints(Measure measure) {
        return points.stream()
                .filter(Point::indexPoint)
                .map(point -> new ParetoPoint(point.label(), percent(point.quality(measure)),
                        point.indexMillisPerPassage()))
                .toList();
    }

    private void requirePoints() {
        if (points.isEmpty()) {
            throw new InvalidInputException("no configuration of the sweep on " + dataset + " has quality figures"
                    + (speedOnly.isEmpty() ? "" : " (speed only: " + String.join(", ", speedOnly) + ")")
                    + ": add a model with real weights, for example bge-small-zh-v1.5");
        }
    }

    private static Set<String> frontLabels(List<ParetoPoint> candidates) {
        return Pareto.front(candidates).stream().map(ParetoPoint::label).collect(Collectors.toSet());
    }

    /** Returns a share as a percentage with two decimals, as the tables print it. */
    private static double percent(double share) {
        return Math.round(share * 10_000) / 100.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "QualityLatency[%d points, %d speed only]", points.size(), speedOnly.size());
    }
}
