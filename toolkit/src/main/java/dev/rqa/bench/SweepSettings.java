package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.model.registry.ModelLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of a size sweep: what it measures and how.
 *
 * @param sizes          RocketQA-zh sizes ({@code base}, {@code medium}, {@code mini}, {@code micro}, {@code nano});
 *                       each is the dual encoder {@code rocketqa-zh-SIZE} with the cross encoder
 *                       {@code rocketqa-SIZE-cross-encoder}
 * @param models         further registered dual encoders, such as {@code bge-small-zh-v1.5}
 * @param devices        device names in order, {@code cpu} and/or {@code gpu}
 * @param dataset        dataset spec that passages and queries are taken from
 * @param passages       passages encoded into the index, cycling through the corpus when it is smaller
 * @param queries        timed queries per configuration
 * @param warmup         untimed queries run through the whole pipeline first
 * @param recall         passages recalled per query and re-ranked by the cross encoder
 * @param maxLength      maximum tokens of a passage and of a query-passage pair, special tokens included
 * @param seed           seed of the random weights of speed-only models
 * @param quality        whether models with real weights are also evaluated on the dataset
 * @param batchSize      maximum sequences per forward pass
 * @param maxTokens      maximum padded tokens per forward pass
 */
public record SweepSettings(List<String> sizes, List<String> models, List<String> devices, String dataset,
                            int passages, int queries, int warmup, int recall, int maxLength, long seed,
                            boolean quality, int batchSize, int maxTokens) {

    /** RocketQA-zh sizes, largest first, as PaddleNLP publishes them. */
    public static final List<String> SIZES = List.of("base", "medium", "mini", "micro", "nano");

    /** Passages indexed in PaddleNLP's published CPU timing. */
    public static final int DEFAULT_PASSAGES = 1398;
    /** Passages re-ranked per query in PaddleNLP's published CPU timing. */
    public static final int DEFAULT_RECALL = 30;
    public static final int DEFAULT_QUERIES = 100;
    public static final int DEFAULT_WARMUP = 5;
    /** RocketQA's passage and query-passage length. */
    public static final int DEFAULT_MAX_LENGTH = 384;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_DATASET = "cmrc2018";

    private static final Pattern SAFE_ARGUMENT = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public SweepSettings {
        sizes = normalise(sizes);
        models = List.copyOf(models.stream().map(String::strip).filter(m -> !m.isEmpty()).toList());
        devices = normalise(devices);
        for (String size : sizes) {
            if (!SIZES.contains(size)) {
                throw new InvalidInputException("unknown size '" + size + "': expected some of " + SIZES);
            }
        }
        if (sizes.size() != sizes.stream().distinct().count()) {
            throw new InvalidInputException("a size is listed twice in " + sizes);
        }
        if (models.size() != models.stream().distinct().count()) {
            throw new InvalidInputException("a model is listed twice in " + models);
        }
        if (sizes.isEmpty() && models.isEmpty()) {
            throw new InvalidInputException("nothing to measure: give --sizes (for example nano) and/or --models");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidInputException("no dataset given: pass --dataset, for example " + DEFAULT_DATASET);
        }
        requireAtLeast("--passages", passages, 1);
        requireAtLeast("--queries", queries, 1);
        requireAtLeast("--warmup", warmup, 0);
        requireAtLeast("--recall", recall, 1);
        requireAtLeast("--max-length", maxLength, 8);
        requireAtLeast("--batch-size", batchSize, 1);
        requireAtLeast("--max-tokens", maxTokens, 1);
        if (recall > passages) {
            throw new InvalidInputException("--recall " + recall + " exceeds --passages " + passages
                    + ": the index must hold at least as many passages as are recalled");
        }
    }

    /** Returns the defaults of {@code rqa sweep} for the given sizes: CPU, 1,398 passages, 100 queries, top 30. */
    public static SweepSettings defaults(List<String> sizes) {
        return new SweepSettings(sizes, List.of(), List.of("cpu"), DEFAULT_DATASET, DEFAULT_PASSAGES,
                DEFAULT_QUERIES, DEFAULT_WARMUP, DEFAULT_RECALL, DEFAULT_MAX_LENGTH, DEFAULT_SEED, true,
                ModelLoader.DEFAULT_BATCH_SIZE, ModelLoader.DEFAULT_MAX_TOKENS);
    }

    private static List<String> normalise(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            String value = name.strip().toLowerCase(Locale.ROOT);
            if (!value.isEmpty()) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }

    private static void requireAtLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new InvalidInputException(option + " must be at least " + minimum + ", got " + value);
        }
    }

    /** Returns the settings as ordered fields for reports. */
    public Map<String, Object> describe() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sizes", String.join(",", sizes));
        values.put("models", String.join(",", models));
        values.put("devices", String.join(",", devices));
        values.put("dataset", dataset);
        values.put("passages", passages);
        values.put("timed queries", queries);
        values.put("warm-up queries", warmup);
        values.put("recall (passages re-ranked per query)", recall);
        values.put("passage and pair max length (tokens)", maxLength);
        values.put("random weight seed", seed);
        values.put("quality evaluation", quality);
        values.put("batch size (sequences)", batchSize);
        values.put("batch budget (padded tokens)", maxTokens);
        return values;
    }

    /** Returns the {@code rqa sweep} command line that reproduces these settings, quoted for a POSIX shell. */
    public String commandLine() {
        List<String> arguments = new ArrayList<>();
        if (!sizes.isEmpty()) {
            arguments.addAll(List.of("--sizes", String.join(",", sizes)));
        }
        if (!models.isEmpty()) {
            arguments.addAll(List.of("--models", String.join(",", models)));
        }
        arguments.addAll(List.of("--devices", String.join(",", devices), "--dataset", dataset,
                "--passages", Integer.toString(passages), "--queries", Integer.toString(queries),
                "--warmup", Integer.toString(warmup), "--recall", Integer.toString(recall),
                "--max-length", Integer.toString(maxLength), "--seed", Long.toString(seed),
                "--batch-size", Integer.toString(batchSize), "--max-tokens", Integer.toString(maxTokens)));
        if (!quality) {
            arguments.add("--no-quality");
        }
        StringBuilder line = new StringBuilder("rqa sweep");
        for (String argument : arguments) {
            line.append(' ').append(SAFE_ARGUMENT.matcher(argument).matches()
                    ? argument : "'" + argument.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
