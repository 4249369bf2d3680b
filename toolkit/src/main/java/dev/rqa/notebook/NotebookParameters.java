package dev.rqa.notebook;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.bench.SizeSweep;
import dev.rqa.bench.SweepModel;
import dev.rqa.bench.SweepSettings;
import dev.rqa.eval.Reproduction;
import dev.rqa.model.DeviceSelector;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.ColumnFormat;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.ResultTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parameters of the notebooks, read from {@code RQA_*} environment variables because Jupyter has
 * no standard way to pass arguments to a kernel; {@code rqa report} builds the same parameters
 * from its options.
 *
 * <pre>{@code
 * var params = NotebookParameters.fromEnvironment();
 * var result = params.reproduction().runDualEncoders(params.loader());
 * }</pre>
 *
 * @param dataset       dataset spec (RQA_DATASET, default {@code cmrc2018})
 * @param models        dual encoders (RQA_MODELS); empty means every RocketQA-zh size and the bundled bge
 *                      models, each measured when available locally and listed as missing otherwise
 * @param crossEncoders cross encoders (RQA_CROSS_ENCODERS); empty means the five RocketQA cross encoders
 * @param sizes         RocketQA-zh sizes of the size sweep (RQA_SIZES)
 * @param devices       devices to measure speed on, {@code cpu} and/or {@code gpu} (RQA_DEVICES)
 * @param sample        number of queries to keep (RQA_SAMPLE), or empty for every query
 * @param passages      passages in the timing index of the size sweep (RQA_PASSAGES), or empty for its default
 * @param queries       timed queries per configuration of the size sweep (RQA_QUERIES), or empty for its default
 * @param recall        passages recalled and re-ranked per query in the size sweep (RQA_RECALL), or empty for 30
 * @param t2ranking     T2Ranking directory (RQA_T2RANKING), or empty
 * @param out           folder where tables and plots are also saved (RQA_OUT), or empty
 * @param explicitVariables the variables that were set, with their values, for regeneration commands
 */
public record NotebookParameters(String dataset, List<String> models, List<String> crossEncoders, List<String> sizes,
                                 List<String> devices, OptionalInt sample, OptionalInt passages,
                                 OptionalInt queries, OptionalInt recall, Optional<Path> t2ranking, Optional<Path> out,
                                 Map<String, String> explicitVariables) {

    public static final String DATASET = "RQA_DATASET";
    public static final String MODELS = "RQA_MODELS";
    public static final String CROSS_ENCODERS = "RQA_CROSS_ENCODERS";
    public static final String SIZES = "RQA_SIZES";
    public static final String DEVICES = "RQA_DEVICES";
    public static final String SAMPLE = "RQA_SAMPLE";
    public static final String PASSAGES = "RQA_PASSAGES";
    public static final String QUERIES = "RQA_QUERIES";
    public static final String RECALL = "RQA_RECALL";
    public static final String T2RANKING = "RQA_T2RANKING";
    public static final String OUT = "RQA_OUT";

    /** Every variable the notebooks read, in the order tables list them. */
    public static final List<String> VARIABLES = List.of(DATASET, MODELS, CROSS_ENCODERS, SIZES, DEVICES, SAMPLE,
            PASSAGES, QUERIES, RECALL, T2RANKING, OUT);

    public static final String DEFAULT_DATASET = "cmrc2018";
    public static final List<String> ALL_SIZES = List.of("base", "medium", "mini", "micro", "nano");
    public static final List<String> ALL_DEVICES = List.of("cpu", "gpu");
    /** Dual encoders that the size sweep measures beside the RocketQA-zh sizes when RQA_MODELS names none. */
    public static final List<String> SWEEP_MODELS = List.of("bge-small-zh-v1.5", "bge-small-zh");
    private static final Pattern ROCKETQA_SIZE = Pattern.compile("rocketqa-zh-(base|medium|mini|micro|nano)");

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public NotebookParameters {
        models = List.copyOf(models);
        crossEncoders = List.copyOf(crossEncoders);
        sizes = List.copyOf(sizes);
        devices = List.copyOf(devices);
        explicitVariables = Map.copyOf(explicitVariables);
    }

    /** Reads the parameters from the process environment. */
    public static NotebookParameters fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads the parameters from variables; unset or blank variables take their defaults.
     *
     * @throws InvalidInputException for a value that cannot be used, naming the variable
     */
    public static NotebookParameters from(Map<String, String> variables) {
        Map<String, String> explicit = new LinkedHashMap<>();
        for (String name : VARIABLES) {
            String value = variables.get(name);
            if (value != null && !value.isBlank()) {
                explicit.put(name, value.strip());
            }
        }
        List<String> sizes = list(explicit, SIZES, ALL_SIZES);
        requireKnown(SIZES, sizes, ALL_SIZES);
        List<String> devices = list(explicit, DEVICES, ALL_DEVICES).stream()
                .map(device -> device.toLowerCase(Locale.ROOT)).toList();
        requireKnown(DEVICES, devices, ALL_DEVICES);
        return new NotebookParameters(explicit.getOrDefault(DATASET, DEFAULT_DATASET),
                list(explicit, MODELS, List.of()), list(explicit, CROSS_ENCODERS, List.of()), sizes, devices,
                positive(explicit, SAMPLE), positive(explicit, PASSAGES), positive(explicit, QUERIES),
                positive(explicit, RECALL),
                Optional.ofNullable(explicit.get(T2RANKING)).map(Path::of),
                Optional.ofNullable(explicit.get(OUT)).map(Path::of), explicit);
    }

    /**
     * Returns the dataset spec with the sample applied: {@code cmrc2018?queries=30} for RQA_SAMPLE=30.
     *
     * @throws InvalidInputException when RQA_DATASET already fixes the number of queries
     */
    public String datasetSpec() {
        if (sample.isEmpty()) {
            return dataset;
        }
        if (dataset.matches(".*[?&]queries=.*")) {
            throw new InvalidInputException(SAMPLE + "=" + sample.getAsInt() + " conflicts with the queries option of "
                    + DATASET + "=" + dataset + ": set the number of queries in one of them");
        }
        return dataset + (dataset.contains("?") ? "&" : "?") + "queries=" + sample.getAsInt();
    }

    /**
     * Returns the device for quality runs: the GPU when RQA_DEVICES includes it and DJL finds one,
     * else the CPU. Quality does not depend on the device; the GPU only makes it faster.
     */
    public Device qualityDevice() {
        return devices.contains("gpu") && DeviceSelector.gpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Returns a model loader on {@link #qualityDevice()} that reuses cached embeddings. */
    public ModelLoader loader() {
        return ModelLoader.create(qualityDevice());
    }

    /** Returns the table reproduction these parameters describe: dataset, models, cross encoders, T2Ranking. */
    public Reproduction reproduction() {
        return Reproduction.on(datasetSpec()).dualEncoders(models).crossEncoders(crossEncoders)
                .t2ranking(t2ranking.orElse(null));
    }

    /**
     * Returns the size sweep these parameters describe: the RQA_SIZES of RocketQA-zh, the further
     * dual encoders of {@link #sweepModels()}, on RQA_DEVICES, with RQA_PASSAGES, RQA_QUERIES and RQA_RECALL.
     * Sizes without local weights run as speed only.
     */
    public SizeSweep sizeSweep() {
        return sweepOf(sizes);
    }

    /**
     * Returns {@link #sizeSweep()} restricted to the models with real weights: the sizes whose query
     * and passage encoders are available through the loader, and the further dual encoders.
     * Speed-only sizes have no quality, so they have no place in a quality-latency comparison.
     *
     * @throws InvalidInputException when no model with real weights remains
     */
    public SizeSweep qualitySweep(ModelLoader loader) {
        List<String> available = sizes.stream()
                .filter(size -> loader.availability(SweepModel.rocketqaSize(size, loader.registry()).dualEncoder())
                        .available())
                .toList();
        if (available.isEmpty() && sweepModels().isEmpty()) {
            throw new InvalidInputException("no model with real weights to compare: the sizes " + sizes + " have no"
                    + " local weights and " + MODELS + " names only RocketQA-zh sizes; add bge-small-zh-v1.5 to "
                    + MODELS + " or download a size with rqa models --download rocketqa-zh-nano");
        }
        return sweepOf(available);
    }

    private SizeSweep sweepOf(List<String> sweepSizes) {
        SizeSweep sweep = SizeSweep.of(sweepSizes).models(sweepModels()).devices(devices).dataset(datasetSpec());
        passages.ifPresent(sweep::passages);
        queries.ifPresent(sweep::queries);
        recall.ifPresent(sweep::recall);
        return sweep;
    }

    /**
     * Returns the dual encoders the size sweep measures beside the sizes: RQA_MODELS without the
     * RocketQA-zh size pairs (RQA_SIZES covers those), or the bge models when RQA_MODELS is not set.
     */
    public List<String> sweepModels() {
        if (models.isEmpty()) {
            return SWEEP_MODELS;
        }
        return models.stream().filter(model -> !ROCKETQA_SIZE.matcher(model).matches()).toList();
    }

    /**
     * Returns the variables that were set, RQA_OUT excepted, as shell assignments such as
     * {@code RQA_SAMPLE=30 RQA_SIZES=micro,nano}; empty when every parameter has its default.
     */
    public String assignments() {
        List<String> parts = new ArrayList<>();
        for (String name : VARIABLES) {
            if (!name.equals(OUT) && explicitVariables.containsKey(name)) {
                parts.add(name + "=" + shellQuote(explicitVariables.get(name)));
            }
        }
        return String.join(" ", parts);
    }

    /** Returns the command that runs one notebook again with these parameters, from the repository root. */
    public String notebookCommand(String notebook) {
        String assignments = assignments();
        return (assignments.isEmpty() ? "" : assignments + " ") + "environment/run-notebooks.sh notebooks/" + notebook
                + ".ipynb";
    }

    /**
     * Returns the environment fingerprint followed by every parameter with its value and whether it
     * was set or is the default, as one field/value table.
     */
    public ResultTable describe(EnvironmentInfo environment) {
        ResultTable table = ResultTable.titled("Environment and parameters")
                .column("field", ColumnFormat.TEXT)
                .column("value", ColumnFormat.TEXT);
        environment.asMap().forEach(table::row);
        for (String name : VARIABLES) {
            table.row(name, explicitVariables.containsKey(name) ? explicitVariables.get(name)
                    : defaultDescription(name) + " (default)");
        }
        table.row("dataset spec", datasetSpec());
        table.note("Parameters are environment variables read when the notebook starts; environment/README.md"
                + " describes them.");
        return table;
    }

    private static String defaultDescription(String name) {
        return switch (name) {
            case DATASET -> DEFAULT_DATASET;
            case MODELS -> "every RocketQA-zh size and the bge models; missing weights are listed";
            case CROSS_ENCODERS -> "the five RocketQA cross encoders";
            case SIZES -> String.join(",", ALL_SIZES);
            case DEVICES -> String.join(",", ALL_DEVICES);
            case SAMPLE -> "every query";
            case PASSAGES -> SweepSettings.DEFAULT_PASSAGES + " (the published timing table's)";
            case QUERIES -> String.valueOf(SweepSettings.DEFAULT_QUERIES);
            case RECALL -> SweepSettings.DEFAULT_RECALL + " (the published timing table's)";
            case T2RANKING -> "not set: no T2Ranking table";
            case OUT -> "not set: tables and plots are only shown";
            default -> "";
        };
    }

    private static List<String> list(Map<String, String> explicit, String name, List<String> fallback) {
        String value = explicit.get(name);
        if (value == null) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new InvalidInputException(name + "=" + value + " has an empty item; separate names with single"
                        + " commas");
            }
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        return items;
    }

    private static void requireKnown(String name, List<String> values, List<String> known) {
        for (String value : values) {
            if (!known.contains(value)) {
                throw new InvalidInputException(name + " contains '" + value + "'; expected a comma-separated list of "
                        + String.join(", ", known));
            }
        }
    }

    private static OptionalInt positive(Map<String, String> explicit, String name) {
        String value = explicit.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return OptionalInt.of(parsed);
            }
        } catch (NumberFormatException e) {
            // Reported below together with values below 1.
        }
        throw new InvalidInputException(name + "=" + value + " is not a positive whole number; unset it to use the"
                + " default");
    }

    private static String shellQuote(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
