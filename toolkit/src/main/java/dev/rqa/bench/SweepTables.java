package dev.rqa.bench;

import dev.rqa.report.ColumnFormat;
import dev.rqa.report.LatencySummary;
import dev.rqa.report.PublishedTiming;
import dev.rqa.report.ResultTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the tables of a {@link SweepResult}: measurements with every number, and the tables people read. */
final class SweepTables {

    /** Printed in a display cell that has no value, such as the query time of an absent device. */
    static final String NONE = "—";
    private static final double MIB = 1 << 20;

    private SweepTables() {
    }

    /** Returns one row per configuration with every measured number, unrounded; the content of sweep.csv. */
    static ResultTable measurements(List<SweepRow> rows, SweepSettings settings, PublishedTiming published) {
        ResultTable table = ResultTable.titled("Size sweep measurements");
        for (String text : List.of("model", "size", "device", "status", "message", "dual_weights", "cross_weights",
                "cross_encoder", "tokenizer")) {
            table.column(text, ColumnFormat.TEXT);
        }
        for (String number : List.of("layers", "hidden", "max_length", "passages", "passage_tokens_mean",
                "passages_truncated", "index_encode_s", "index_exact_s", "index_total_s", "passages_per_s", "load_s",
                "timed_queries", "warmup_queries", "recall", "query_mean_ms", "query_p50_ms", "query_p95_ms",
                "query_p99_ms", "query_max_ms", "encode_mean_ms", "encode_p50_ms", "recall_mean_ms", "recall_p50_ms",
                "rerank_mean_ms", "rerank_p50_ms", "pairs_truncated", "baseline_rss_mib", "peak_rss_mib",
                "peak_heap_mib", "gpu_memory_mib", "load_average_before", "load_average_after")) {
            table.column(number, ColumnFormat.DECIMAL_4);
        }
        table.column("memory_method", ColumnFormat.TEXT).column("quality_device", ColumnFormat.TEXT);
        for (String number : List.of("quality_queries", "mrr_at_10", "hit_rate_at_1", "hit_rate_at_50", "ndcg_at_10",
                "reranked_mrr_at_10", "reranked_hit_rate_at_1", "reranked_ndcg_at_10", "published_index_s",
                "published_query_ms", "index_speedup", "query_speedup")) {
            table.column(number, ColumnFormat.DECIMAL_4);
        }

        for (SweepRow row : rows) {
            List<Object> cells = new ArrayList<>();
            SweepModel model = row.model();
            cells.addAll(List.of(model.name(), model.size(), row.device(), row.status().label(), row.message(),
                    label(row.dualWeights()), label(row.crossWeights()), row.crossEncoder(), row.tokenizer()));
            cells.add(model.architecture().numLayers());
            cells.add(model.architecture().hiddenSize());
            cells.add(settings.maxLength());

            IndexBuild index = row.index();
            cells.add(index == null ? null : index.passages());
            cells.add(index == null ? null : (double) index.stats().tokens() / index.stats().texts());
            cells.add(index == null ? null : index.stats().truncated());
            cells.add(index == null ? null : index.encodeSeconds());
            cells.add(index == null ? null : index.indexSeconds());
            cells.add(index == null ? null : index.seconds());
            cells.add(index == null ? null : index.passagesPerSecond());
            cells.add(row.isMeasured() ? row.loadSeconds() : null);

            QueryLatencies latency = row.latency();
            cells.add(latency == null ? null : latency.queries());
            cells.add(latency == null ? null : latency.warmupQueries());
            cells.add(latency == null ? null : latency.recall());
            LatencySummary total = latency == null ? null : latency.total();
            cells.add(total == null ? null : total.mean());
            cells.add(total == null ? null : total.p50());
            cells.add(total == null ? null : total.p95());
            cells.add(total == null ? null : total.p99());
            cells.add(total == null ? null : total.max());
            for (LatencySummary stage : stages(latency)) {
                cells.add(stage == null ? null : stage.mean());
                cells.add(stage == null ? null : stage.p50());
            }
            cells.add(latency == null ? null : latency.truncatedPairs());

            MemoryMonitor.Peak memory = row.memory();
            cells.add(memory == null ? null : mebibytes(memory.baselineRssBytes()));
            cells.add(memory == null ? null : mebibytes(memory.peakRssBytes()));
            cells.add(memory == null ? null : mebibytes(memory.peakHeapBytes()));
            cells.add(mebibytes(row.gpuMemoryBytes()));
            cells.add(row.loadBefore());
            cells.add(row.loadAfter());
            cells.add(memory == null ? "" : memory.method());

            SweepQuality quality = row.quality();
            cells.add(quality == null ? "" : quality.device());
            cells.add(quality == null ? null : quality.queries());
            cells.add(quality == null ? null : quality.mrrAt10());
            cells.add(quality == null ? null : quality.recallAt1());
            cells.add(quality == null ? null : quality.recallAt50());
            cells.add(quality == null ? null : quality.ndcgAt10());
            cells.add(quality == null ? null : quality.rerankedMrrAt10());
            cells.add(quality == null ? null : quality.rerankedRecallAt1());
            cells.add(quality == null ? null : quality.rerankedNdcgAt10());

            Comparison comparison = Comparison.of(row, published, settings);
            cells.add(comparison.indexSeconds());
            cells.add(comparison.queryMillis());
            cells.add(comparison.indexSpeedup());
            cells.add(comparison.querySpeedup());
            table.row(cells.toArray());
        }
        return table;
    }

    /**
     * Returns the table in the layout of PaddleNLP's published CPU timing table, with the measured
     * values beside the published ones.
     */
    static ResultTable timing(List<SweepRow> rows, SweepSettings settings, PublishedTiming published) {
        ResultTable table = ResultTable.titled("Index build and query time")
                .column("model", ColumnFormat.TEXT)
                .column("size", ColumnFormat.TEXT)
                .column("index build time", ColumnFormat.TEXT)
                .column("query time p50 (p95, p99)", ColumnFormat.TEXT)
                .column("passages/s", ColumnFormat.TEXT)
                .column("device", ColumnFormat.TEXT)
                .column("weights", ColumnFormat.TEXT)
                .column("published index time", ColumnFormat.TEXT)
                .column("published query time", ColumnFormat.TEXT)
                .column("speed-up vs published", ColumnFormat.TEXT);
        for (SweepRow row : rows) {
            Comparison comparison = Comparison.of(row, published, settings);
            String publishedIndex = Double.isNaN(comparison.indexSeconds()) ? NONE
                    : Durations.minutesSeconds(comparison.indexSeconds());
            String publishedQuery = comparison.publishedQueryText();
            if (!row.isMeasured()) {
                table.row(row.model().name(), row.model().sizeLabel(), row.status().label(), row.status().label(),
                        NONE, row.device(), NONE, publishedIndex, publishedQuery, NONE);
                continue;
            }
            LatencySummary total = row.latency().total();
            String query = Durations.latency(total.p50()) + " (" + Durations.latency(total.p95()) + ", "
                    + Durations.latency(total.p99()) + ")";
            table.row(row.model().name(), row.model().sizeLabel(), Durations.minutesSeconds(row.index().seconds()),
                    query, String.format(Locale.ROOT, "%.1f", row.index().passagesPerSecond()), row.device(),
                    row.weightsLabel(), publishedIndex, publishedQuery, comparison.speedupText());
        }

        table.note(String.format(Locale.ROOT, "Index build: encode %,d passages of %s (at most %d tokens each) and"
                        + " build exact search over the vectors; loading the models is not included.",
                settings.passages(), settings.dataset(), settings.maxLength()));
        table.note(String.format(Locale.ROOT, "Query time: one query at a time, encode it, recall the top %d passages"
                + " by exact search, re-rank them with the cross encoder; %d timed queries after %d warm-up queries.",
                settings.recall(), settings.queries(), settings.warmup()));
        if (rows.stream().anyMatch(row -> row.dualWeights() == WeightSource.SPEED_ONLY
                || row.crossWeights() == WeightSource.SPEED_ONLY)) {
            table.note("Speed only: random weights of the exact architecture; time and memory are valid, quality is"
                    + " not reported.");
        }
        table.note("Published: " + published.device() + ", " + published.indexedPassages() + " passages, "
                + published.queryDescription() + ". " + published.gpuNote() + " " + published.variabilityNote()
                + " The published figures come from other hardware and include an HTTP service and Elasticsearch,"
                + " so a speed-up compares set-ups, not only models. Speed-up = published time / measured time"
                + " (p50 for queries).");
        if (settings.passages() != published.indexedPassages()) {
            table.note(String.format(Locale.ROOT, "No index speed-up: this sweep indexed %,d passages, the published"
                    + " table %,d.", settings.passages(), published.indexedPassages()));
        }
        if (settings.recall() != published.rerankedPassages()) {
            table.note(String.format(Locale.ROOT, "No query speed-up: this sweep re-ranked %d passages per query, the"
                    + " published table %d.", settings.recall(), published.rerankedPassages()));
        }
        Set<String> messages = new LinkedHashSet<>();
        Map<String, Set<String>> modelsByTokenizer = new LinkedHashMap<>();
        for (SweepRow row : rows) {
            boolean speedOnly = row.dualWeights() == WeightSource.SPEED_ONLY
                    || row.crossWeights() == WeightSource.SPEED_ONLY;
            if (!row.isMeasured()) {
                messages.add(row.device() + " " + row.status().label() + ": " + row.message());
            } else if (speedOnly) {
                modelsByTokenizer.computeIfAbsent(row.tokenizer(), note -> new LinkedHashSet<>())
                        .add(row.model().name());
            }
        }
        messages.forEach(table::note);
        modelsByTokenizer.forEach((note, models) ->
                table.note("Tokenizer of " + String.join(", ", models) + ": " + note + "."));
        table.note("Source of the published figures: " + published.source().citation() + ".");
        return table;
    }

    /** Returns the latency split by stage and the memory peaks of the measured configurations. */
    static ResultTable details(List<SweepRow> rows) {
        ResultTable table = ResultTable.titled("Latency split and memory")
                .column("model", ColumnFormat.TEXT)
                .column("device", ColumnFormat.TEXT)
                .column("weights", ColumnFormat.TEXT)
                .column("encode p50", ColumnFormat.MILLISECONDS)
                .column("recall p50", ColumnFormat.MILLISECONDS)
                .column("re-rank p50", ColumnFormat.MILLISECONDS)
                .column("query mean", ColumnFormat.MILLISECONDS)
                .column("passage tokens (mean)", ColumnFormat.number(1, ""))
                .column("passages truncated", ColumnFormat.INTEGER)
                .column("load", ColumnFormat.SECONDS)
                .column("RSS at start", ColumnFormat.number(0, "MiB"))
                .column("peak RSS", ColumnFormat.number(0, "MiB"))
                .column("peak heap", ColumnFormat.number(0, "MiB"))
                .column("GPU memory", ColumnFormat.number(0, "MiB"))
                .column("load average before, after", ColumnFormat.TEXT);
        String method = "";
        for (SweepRow row : rows) {
            if (!row.isMeasured()) {
                continue;
            }
            QueryLatencies latency = row.latency();
            IndexBuild index = row.index();
            table.row(row.model().name(), row.device(), row.weightsLabel(), latency.encode().p50(),
                    latency.recallStage().p50(), latency.rerank().p50(), latency.total().mean(),
                    (double) index.stats().tokens() / index.stats().texts(), index.stats().truncated(),
                    row.loadSeconds(), mebibytes(row.memory().baselineRssBytes()),
                    mebibytes(row.memory().peakRssBytes()), mebibytes(row.memory().peakHeapBytes()),
                    mebibytes(row.gpuMemoryBytes()),
                    String.format(Locale.ROOT, "%.2f, %.2f", row.loadBefore(), row.loadAfter()));
            method = row.memory().method();
        }
        table.note("Peaks cover loading the models, the index build and the queries of each configuration. Memory: "
                + method + ". Random weights are generated on the Java heap before they are copied to the engine, as"
                + " checkpoint files are read.");
        table.note("RSS at start includes what earlier configurations left behind in the process, since freed native"
                + " memory is not always returned to the operating system.");
        table.note("GPU memory: device-wide memory in use after the queries (cudaMemGetInfo), missing on the CPU.");
        table.note("Load average: the machine's 1-minute load average before and after the configuration; above the"
                + " number of cores, other processes competed for the CPU and slowed the timings down.");
        return table;
    }

    /** Returns one row per model that has quality figures, or an empty table. */
    static ResultTable quality(List<SweepRow> rows, SweepSettings settings) {
        ResultTable table = ResultTable.titled("Quality on " + settings.dataset())
                .column("model", ColumnFormat.TEXT)
                .column("evaluated on", ColumnFormat.TEXT)
                .column("queries", ColumnFormat.INTEGER)
                .column("MRR@10", ColumnFormat.PERCENT)
                .column("Recall@1", ColumnFormat.PERCENT)
                .column("Recall@50", ColumnFormat.PERCENT)
                .column("nDCG@10", ColumnFormat.PERCENT)
                .column("re-ranked MRR@10", ColumnFormat.TEXT)
                .column("re-ranked Recall@1", ColumnFormat.TEXT)
                .column("re-ranked nDCG@10", ColumnFormat.TEXT);
        Set<String> done = new LinkedHashSet<>();
        for (SweepRow row : rows) {
            SweepQuality quality = row.quality();
            if (quality == null || !done.add(row.model().name())) {
                continue;
            }
            table.row(row.model().name(), quality.device(), quality.queries(), quality.mrrAt10(), quality.recallAt1(),
                    quality.recallAt50(), quality.ndcgAt10(), reranked(quality, quality.rerankedMrrAt10()),
                    reranked(quality, quality.rerankedRecallAt1()), reranked(quality, quality.rerankedNdcgAt10()));
        }
        table.note("Exact recall of the top 100 with the dual encoder, passages cut at " + settings.maxLength()
                + " tokens. Recall@k is RocketQA's: the share of queries with a relevant passage in the top k"
                + " (trec_eval's success@k). MRR@10 is trec_eval -M 10 -m recip_rank.");
        table.note("Re-ranked: the cross encoder re-orders the top " + settings.recall() + "; \"speed only\" when it"
                + " ran with random weights, whose ranking means nothing.");
        table.note("Models with random weights (speed only) have no quality figures.");
        return table;
    }

    private static String reranked(SweepQuality quality, double value) {
        return quality.hasReranked() ? ColumnFormat.PERCENT.format(value) : WeightSource.SPEED_ONLY.label();
    }

    private static List<LatencySummary> stages(QueryLatencies latency) {
        if (latency == null) {
            return java.util.Arrays.asList(null, null, null);
        }
        return List.of(latency.encode(), latency.recallStage(), latency.rerank());
    }

    private static String label(WeightSource source) {
        return source == null ? "" : source.label();
    }

    private static Double mebibytes(long bytes) {
        return bytes < 0 ? null : bytes / MIB;
    }

    /**
     * A configuration next to PaddleNLP's published timing: the CPU row of the same model for CPU
     * configurations, and the single GPU figure (about 20 ms per query, all sizes) for GPU ones.
     * Speed-ups are given only when the sweep indexed as many passages, or re-ranked as many per
     * query, as the published table did.
     *
     * @param indexSeconds       published index build time, NaN when none applies
     * @param queryMillis        published query time, NaN when none applies
     * @param indexSpeedup       published / measured index build time, NaN when not comparable
     * @param querySpeedup       published / measured p50 query time, NaN when not comparable
     * @param publishedQueryText published query time for display
     */
    record Comparison(double indexSeconds, double queryMillis, double indexSpeedup, double querySpeedup,
                      String publishedQueryText) {

        static Comparison of(SweepRow row, PublishedTiming published, SweepSettings settings) {
            boolean sameIndex = settings.passages() == published.indexedPassages();
            boolean sameQuery = settings.recall() == published.rerankedPassages();
            double measuredIndex = row.isMeasured() && sameIndex ? row.index().seconds() : Double.NaN;
            double measuredQuery = row.isMeasured() && sameQuery ? row.latency().total().p50() : Double.NaN;
            if (row.device().equals("gpu")) {
                String text = String.format(Locale.ROOT, "about %.0f ms (best %.0f ms), any size",
                        published.gpuQueryMillisTypical(), published.gpuQueryMillisBest());
                double typical = published.gpuQueryMillisTypical();
                return new Comparison(Double.NaN, typical, Double.NaN, typical / measuredQuery, text);
            }
            Optional<PublishedTiming.Row> match = published.row(row.model().publishedName());
            if (match.isEmpty()) {
                return new Comparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, NONE);
            }
            PublishedTiming.Row cpu = match.get();
            double queryMillis = cpu.querySeconds() * 1000;
            return new Comparison(cpu.indexBuildSeconds(), queryMillis, cpu.indexBuildSeconds() / measuredIndex,
                    queryMillis / measuredQuery, Durations.latency(queryMillis));
        }

        String speedupText() {
            List<String> parts = new ArrayList<>();
            if (!Double.isNaN(indexSpeedup)) {
                parts.add(String.format(Locale.ROOT, "index %.2fx", indexSpeedup));
            }
            if (!Double.isNaN(querySpeedup)) {
                parts.add(String.format(Locale.ROOT, "query %.2fx", querySpeedup));
            }
            return parts.isEmpty() ? NONE : String.join(", ", parts);
        }
    }
}
