package dev.rqa.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.rqa.AtomicFiles;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.EncodeStats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an experiment measured, with the settings that produced it, ready to print, tabulate
 * or write to a directory ({@code metrics.json}, TREC run files).
 *
 * @param dataset     dataset name (with any subset marker)
 * @param provenance  where the dataset files came from
 * @param passages    corpus size
 * @param queries     number of queries encoded
 * @param settings    the experiment's settings
 * @param encoder     dual encoder facts, or null when a given run was re-ranked without one
 * @param stages      evaluated rankings in order
 * @param timing      wall-clock seconds of the steps
 */
public record ExperimentResult(String dataset, Map<String, String> provenance, int passages, int queries,
                               ExperimentSettings settings, EncoderInfo encoder, List<StageResult> stages,
                               Map<String, Object> timing) {

    /** Headline measures of the printed table: RocketQA's three, then MTEB's two usual ones. */
    public static final List<String> TABLE_MEASURES = List.of(
            "recip_rank_cut.10", "hit_rate.1", "hit_rate.50", "ndcg_cut.10", "map_cut.10", "recall.100");

    public ExperimentResult {
        provenance = new LinkedHashMap<>(provenance);
        stages = List.copyOf(stages);
        timing = new LinkedHashMap<>(timing);
    }

    /**
     * Facts about the dual encoder that every result records.
     *
     * @param name            model name as given
     * @param queryModel      query tower model
     * @param passageModel    passage tower model
     * @param similarity      cosine or dot
     * @param querySettings   query tower settings
     * @param passageSettings passage tower settings
     * @param queryStats      query encoding cost (cache hits excluded)
     * @param passageStats    passage encoding cost (cache hits excluded)
     */
    public record EncoderInfo(String name, String queryModel, String passageModel, String similarity,
                              Map<String, String> querySettings, Map<String, String> passageSettings,
                              EncodeStats queryStats, EncodeStats passageStats) {

        static EncoderInfo of(DualEncoder encoder) {
            return new EncoderInfo(encoder.name(), encoder.queryTower().model(), encoder.passageTower().model(),
                    encoder.similarity().toString(), encoder.queryTower().settings().describe(),
                    encoder.passageTower().settings().describe(), EncodeStats.EMPTY, EncodeStats.EMPTY);
        }

        EncoderInfo withStats(EncodeStats query, EncodeStats passage) {
            return new EncoderInfo(name, queryModel, passageModel, similarity, querySettings, passageSettings, query,
                    passage);
        }
    }

    /** Returns the stage with this name, or throws. */
    public StageResult stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'; stages: "
                        + stages.stream().map(StageResult::name).toList()));
    }

    /** Returns one average of one stage, for example {@code metric("exact", "ndcg_cut.10")}. */
    public double metric(String stage, String measure) {
        return stage(stage).metrics().average(measure);
    }

    /**
     * Returns the headline table: one row per stage with MRR@10, Recall@1 and Recall@50 as
     * RocketQA defines them (hit rates), nDCG@10, MAP@10, recall@100 and the number of queries.
     */
    public Table table() {
        Table table = Table.create(dataset + " / " + (encoder == null ? "given run" : encoder.name()));
        StringColumn stageColumn = StringColumn.create("run");
        table.addColumns(stageColumn);
        for (String measure : TABLE_MEASURES) {
            table.addColumns(DoubleColumn.create(Measure.of(measure).mtebKey()));
        }
        IntColumn queryCount = IntColumn.create("queries");
        table.addColumns(queryCount);
        for (StageResult stage : stages) {
            stageColumn.append(stage.name());
            for (String measure : TABLE_MEASURES) {
                table.doubleColumn(Measure.of(measure).mtebKey()).append(round4(stage.metrics().average(measure)));
            }
            queryCount.append(stage.metrics().numQueries());
        }
        return table;
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** Returns the content of {@code metrics.json}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", dataset);
        root.put("passages", passages);
        root.put("queries", queries);

        if (encoder != null) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", encoder.name());
            model.put("query_model", encoder.queryModel());
            model.put("passage_model", encoder.passageModel());
            model.put("similarity", encoder.similarity());
            model.put("query_settings", encoder.querySettings());
            model.put("passage_settings", encoder.passageSettings());
            model.put("query_encoding", encoder.queryStats());
            model.put("passage_encoding", encoder.passageStats());
            root.put("model", model);
        }
        root.put("top_k", settings.topK());

        Map<String, Object> runs = new LinkedHashMap<>();
        for (StageResult stage : stages) {
            Map<String, Object> entry = new LinkedHashMap<>(stage.metrics().settings());
            entry.put("file", runFileName(stage));
            entry.put("seconds", stage.seconds());
            entry.putAll(stage.extras());
            entry.put("metrics", stage.metrics().mtebMetrics());
            runs.put(stage.name(), entry);
        }
        root.put("runs", runs);

        root.put("timing", timing);
        root.put("provenance", provenance);
        return root;
    }

    /** Returns the file name of a stage's TREC run, {@code run.<stage>.trec} with unsafe characters replaced. */
    public static String runFileName(StageResult stage) {
        return "run." + stage.name().replaceAll("[^A-Za-z0-9._+-]", "_") + ".trec";
    }

    /**
     * Writes {@code metrics.json}, one TREC run file per stage, and {@code run.trec} (the last stage,
     * which is the re-ranked run when there is one), each atomically.
     */
    public void writeTo(Path directory) {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues()
                .create();
        try {
            AtomicFiles.write(directory.resolve("metrics.json"),
                    out -> out.write((gson.toJson(toJsonMap()) + "\n").getBytes(StandardCharsets.UTF_8)));
            String tag = encoder == null ? "rqa" : encoder.name().replaceAll("\\s", "_");
            for (StageResult stage : stages) {
                RunWriter.write(directory.resolve(runFileName(stage)), stage.run(), tag);
            }
            if (!stages.isEmpty()) {
                RunWriter.write(directory.resolve("run.trec"), stages.get(stages.size() - 1).run(), tag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + directory, e);
        }
    }
}
