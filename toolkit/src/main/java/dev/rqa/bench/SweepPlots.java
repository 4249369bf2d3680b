package dev.rqa.bench;

import dev.rqa.report.BarPlot;
import dev.rqa.report.LatencyPlot;
import dev.rqa.report.ParetoPlot;
import dev.rqa.report.Plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the plots of a {@link SweepResult} from its measured configurations. */
final class SweepPlots {

    static final String LATENCY = "query latency";
    static final String THROUGHPUT = "index throughput";
    static final String SPLIT = "latency split";
    static final String QUALITY = "quality vs latency";

    private SweepPlots() {
    }

    /**
     * Returns the plots by caption: latency percentiles, index throughput and the latency split for
     * every sweep with a measured configuration, and quality against latency when a model has quality figures.
     */
    static Map<String, Plot<?>> build(List<SweepRow> rows, SweepSettings settings) {
        Map<String, Plot<?>> plots = new LinkedHashMap<>();
        List<SweepRow> measured = rows.stream().filter(SweepRow::isMeasured).toList();
        if (measured.isEmpty()) {
            return plots;
        }

        LatencyPlot latency = LatencyPlot.titled("Query latency: encode, recall top " + settings.recall()
                + ", re-rank (" + settings.queries() + " queries)")
                .axes("model and device", "latency per query (ms)");
        for (SweepRow row : measured) {
            latency.summary(label(row), row.latency().total());
        }
        plots.put(LATENCY, latency);

        Set<String> models = new LinkedHashSet<>();
        measured.forEach(row -> models.add(shortName(row.model())));
        BarPlot throughput = BarPlot.titled("Index build throughput (" + settings.passages() + " passages, max "
                        + settings.maxLength() + " tokens)")
                .axes("model", "passages per second")
                .categories(new ArrayList<>(models))
                .valueLabels(true);
        Map<String, Map<String, Double>> byDevice = new LinkedHashMap<>();
        for (SweepRow row : measured) {
            byDevice.computeIfAbsent(row.device(), device -> new LinkedHashMap<>())
                    .put(shortName(row.model()), rounded(row.index().passagesPerSecond()));
        }
        byDevice.forEach(throughput::series);
        plots.put(THROUGHPUT, throughput);

        BarPlot split = BarPlot.titled("Median latency by stage").axes("model and device", "p50 latency (ms)");
        Map<String, Double> encode = new LinkedHashMap<>();
        Map<String, Double> recall = new LinkedHashMap<>();
        Map<String, Double> rerank = new LinkedHashMap<>();
        for (SweepRow row : measured) {
            encode.put(label(row), row.latency().encode().p50());
            recall.put(label(row), row.latency().recallStage().p50());
            rerank.put(label(row), row.latency().rerank().p50());
        }
        split.series("encode query", encode).series("exact recall", recall).series("re-rank", rerank);
        plots.put(SPLIT, split);

        List<SweepRow> withQuality = measured.stream().filter(row -> row.quality() != null).toList();
        if (!withQuality.isEmpty()) {
            ParetoPlot pareto = ParetoPlot.titled("MRR@10 on " + settings.dataset() + " vs query latency p50")
                    .axes("query latency p50 (ms)", "MRR@10 (%)");
            for (SweepRow row : withQuality) {
                pareto.point(label(row), rounded(row.quality().finalMrrAt10() * 100),
                        rounded(row.latency().total().p50()));
            }
            plots.put(QUALITY, pareto);
        }
        return plots;
    }

    /** Returns the size for RocketQA-zh models ("nano") and the registry name for others, so labels stay short. */
    static String shortName(SweepModel model) {
        return model.size().isEmpty() ? model.name() : model.size();
    }

    /** Rounds to one decimal, so value labels and axis ticks print short numbers. */
    private static double rounded(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String label(SweepRow row) {
        return shortName(row.model()) + " " + row.device();
    }
}
