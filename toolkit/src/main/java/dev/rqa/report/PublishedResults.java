package dev.rqa.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Published results kept as data: quality tables, a speed table, their source and the protocol
 * needed to read them.
 *
 * <pre>{@code
 * PublishedResults rocketqa = PublishedResults.rocketqaZh();
 * rocketqa.dualEncoder().row("rocketqa-zh-base").get().value("MRR@10");   // 59.14 (percent)
 * rocketqa.cpuTiming().toResultTable().toMarkdown();
 * }</pre>
 */
public final class PublishedResults {

    private static final String ROCKETQA_ZH = "/dev/rqa/report/published-rocketqa-zh.json";

    /** "15min46s" or "46s". */
    private static final Pattern MINUTES_SECONDS = Pattern.compile("(?:(\\d+)min)?(\\d+(?:\\.\\d+)?)s");

    /** "10.04s/30条": seconds per query, then the number of re-ranked passages. */
    private static final Pattern SECONDS_PER_QUERY = Pattern.compile("(\\d+(?:\\.\\d+)?)s(?:/.*)?");

    private static volatile PublishedResults rocketqaZh;

    private final String name;
    private final PublishedSource source;
    private final PublishedProtocol protocol;
    private final Map<String, PublishedTable> tables;
    private final PublishedTiming cpuTiming;

    private PublishedResults(String name, PublishedSource source, PublishedProtocol protocol,
                             Map<String, PublishedTable> tables, PublishedTiming cpuTiming) {
        this.name = name;
        this.source = source;
        this.protocol = protocol;
        this.tables = Collections.unmodifiableMap(tables);
        this.cpuTiming = cpuTiming;
    }

    /**
     * Returns the RocketQA-zh tables of PaddleNLP's {@code pipelines/benchmarks/README.md}: dual
     * encoders and cross encoders (MRR@10, Recall@1, Recall@50) and the CPU timing table.
     */
    public static PublishedResults rocketqaZh() {
        PublishedResults result = rocketqaZh;
        if (result == null) {
            try (InputStream in = PublishedResults.class.getResourceAsStream(ROCKETQA_ZH)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + ROCKETQA_ZH + " is missing from the class path");
                }
                result = parse(new InputStreamReader(in, StandardCharsets.UTF_8), "resource " + ROCKETQA_ZH);
            } catch (IOException e) {
                throw new IllegalStateException("could not read resource " + ROCKETQA_ZH, e);
            }
            rocketqaZh = result;
        }
        return result;
    }

    /** Loads published results from a JSON file laid out like the bundled RocketQA-zh file. */
    public static PublishedResults load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("published results file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("could not read published results file " + file + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public PublishedSource source() {
        return source;
    }

    public PublishedProtocol protocol() {
        return protocol;
    }

    /** Returns the quality table under a key of the data file, for example {@code dualEncoder}. */
    public PublishedTable table(String key) {
        PublishedTable table = tables.get(key);
        if (table == null) {
            throw new InvalidInputException("published results '" + name + "' have no table '" + key + "'; tables: "
                    + tables.keySet());
        }
        return table;
    }

    public Map<String, PublishedTable> tables() {
        return tables;
    }

    public PublishedTable dualEncoder() {
        return table("dualEncoder");
    }

    public PublishedTable crossEncoder() {
        return table("crossEncoder");
    }

    public boolean hasCpuTiming() {
        return cpuTiming != null;
    }

    public PublishedTiming cpuTiming() {
        if (cpuTiming == null) {
            throw new InvalidInputException("published results '" + name + "' have no CPU timing table");
        }
        return cpuTiming;
    }

    /** Returns the values of every table that cannot arise from the protocol's number of queries. */
    public List<String> valuesOffGrid() {
        List<String> problems = new ArrayList<>();
        tables.values().forEach(table -> problems.addAll(table.valuesOffGrid()));
        return problems;
    }

    private static PublishedResults parse(Reader reader, String origin) {
        JsonObject root;
        try {
            root = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new InvalidInputException(origin + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return parse(root, new Fields(origin));
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            // Gson raises these when an element has another JSON type than the layout expects.
            throw new InvalidInputException(origin + " does not have the layout of a published results file: "
                    + e.getMessage(), e);
        }
    }

    private static PublishedResults parse(JsonObject root, Fields fields) {
        String name = fields.string(root, "name");
        PublishedSource source = source(fields, fields.object(root, "source"));
        PublishedProtocol protocol = protocol(fields, fields.object(root, "protocol"));

        List<PublishedTable.Metric> metrics = new ArrayList<>();
        for (JsonElement element : fields.array(root, "metrics")) {
            JsonObject metric = element.getAsJsonObject();
            metrics.add(new PublishedTable.Metric(fields.string(metric, "name"), fields.string(metric, "measure"),
                    fields.string(metric, "description")));
        }
        for (PublishedTable.Metric metric : metrics) {
            metric.toMeasure();
        }

        Map<String, PublishedTable> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : fields.object(root, "tables").entrySet()) {
            tables.put(entry.getKey(), table(fields, entry.getKey(), entry.getValue().getAsJsonObject(), metrics,
                    source, protocol));
        }

        PublishedTiming timing = root.has("cpuTiming")
                ? timing(fields, fields.object(root, "cpuTiming"), source) : null;
        return new PublishedResults(name, source, protocol, tables, timing);
    }

    private static PublishedSource source(Fields fields, JsonObject source) {
        return new PublishedSource(fields.string(source, "title"), fields.string(source, "repository"),
                fields.string(source, "path"), fields.string(source, "commit"), fields.string(source, "url"));
    }

    private static PublishedProtocol protocol(Fields fields, JsonObject protocol) {
        int queries = fields.integer(protocol, "queries");
        double step = fields.number(protocol, "recallStepPercent");
        if (Math.abs(step - 100.0 / queries) > 1e-9) {
            throw new InvalidInputException(fields.origin + ": protocol.recallStepPercent " + step + " does not equal"
                    + " 100 / queries = " + (100.0 / queries));
        }
        return new PublishedProtocol(fields.string(protocol, "dataset"),
                fields.bool(protocol, "datasetStatedBySource"), fields.string(protocol, "datasetEvidence"), queries,
                fields.string(protocol, "recallDefinition"), fields.string(protocol, "mrrDefinition"), step,
                fields.integer(protocol, "crossEncoderCandidates"), fields.string(protocol, "crossEncoderNote"));
    }

    private static PublishedTable table(Fields fields, String key, JsonObject table, List<PublishedTable.Metric> metrics,
                                        PublishedSource source, PublishedProtocol protocol) {
        List<PublishedTable.Row> rows = new ArrayList<>();
        for (JsonElement element : fields.array(table, "rows")) {
            JsonObject row = element.getAsJsonObject();
            String model = fields.string(row, "model");
            JsonObject values = fields.object(row, "values");
            Map<String, Double> parsed = new LinkedHashMap<>();
            for (PublishedTable.Metric metric : metrics) {
                double value = fields.number(values, metric.name());
                if (value < 0 || value > 100) {
                    throw new InvalidInputException(fields.origin + ": table " + key + ", model " + model + ": "
                            + metric.name() + " = " + value + " is not a percentage between 0 and 100");
                }
                parsed.put(metric.name(), value);
            }
            List<String> checkpoints = new ArrayList<>();
            fields.array(row, "checkpoints").forEach(checkpoint -> checkpoints.add(checkpoint.getAsString()));
            rows.add(new PublishedTable.Row(model, fields.string(row, "size"), fields.integer(row, "layers"),
                    fields.integer(row, "hidden"), checkpoints, parsed));
        }
        return new PublishedTable(key, fields.string(table, "title"), metrics, rows, source, protocol);
    }

    private static PublishedTiming timing(Fields fields, JsonObject timing, PublishedSource source) {
        List<PublishedTiming.Row> rows = new ArrayList<>();
        for (JsonElement element : fields.array(timing, "rows")) {
            JsonObject row = element.getAsJsonObject();
            String model = fields.string(row, "model");
            double indexSeconds = fields.number(row, "indexBuildSeconds");
            String indexPrinted = fields.string(row, "indexBuildPrinted");
            double querySeconds = fields.number(row, "querySeconds");
            String queryPrinted = fields.string(row, "queryPrinted");
            checkPrinted(fields, model, indexPrinted, indexSeconds, printedDuration(indexPrinted));
            checkPrinted(fields, model, queryPrinted, querySeconds, printedQueryTime(queryPrinted));
            rows.add(new PublishedTiming.Row(model, fields.string(row, "size"), fields.integer(row, "layers"),
                    fields.integer(row, "hidden"), indexSeconds, indexPrinted, querySeconds, queryPrinted));
        }
        return new PublishedTiming(fields.string(timing, "title"), fields.string(timing, "device"),
                fields.integer(timing, "indexedPassages"), fields.integer(timing, "rerankedPassages"),
                fields.string(timing, "indexBuildDescription"), fields.string(timing, "queryDescription"),
                fields.number(timing, "gpuQueryMillisTypical"), fields.number(timing, "gpuQueryMillisBest"),
                fields.string(timing, "gpuNote"), fields.string(timing, "variabilityNote"), rows, source);
    }

    /** Rejects a row whose stored seconds disagree with the string the source printed. */
    private static void checkPrinted(Fields fields, String model, String printed, double seconds,
                                     Optional<Double> parsed) {
        if (parsed.isEmpty()) {
            throw new InvalidInputException(fields.origin + ": timing of " + model + ": cannot read '" + printed
                    + "' as a duration such as 15min46s or 10.04s/30条");
        }
        if (Math.abs(parsed.get() - seconds) > 1e-9) {
            throw new InvalidInputException(fields.origin + ": timing of " + model + ": stored " + seconds
                    + " s disagrees with the printed '" + printed + "' (" + parsed.get() + " s)");
        }
    }

    /** Returns the seconds of a printed index build time such as "15min46s" or "46s". */
    static Optional<Double> printedDuration(String printed) {
        Matcher matcher = MINUTES_SECONDS.matcher(printed.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double minutes = matcher.group(1) == null ? 0 : Double.parseDouble(matcher.group(1));
        return Optional.of(minutes * 60 + Double.parseDouble(matcher.group(2)));
    }

    /** Returns the seconds of a printed query time such as "10.04s/30条". */
    static Optional<Double> printedQueryTime(String printed) {
        Matcher matcher = SECONDS_PER_QUERY.matcher(printed.strip());
        return matcher.matches() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    /** Reads required fields and names the file and field when one is missing or has the wrong type. */
    private static final class Fields {

        private final String origin;

        Fields(String origin) {
            this.origin = origin;
        }

        JsonObject object(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonObject()) {
                throw wrongType(field, "an object", value);
            }
            return value.getAsJsonObject();
        }

        Iterable<JsonElement> array(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonArray()) {
                throw wrongType(field, "an array", value);
            }
            return value.getAsJsonArray();
        }

        String string(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw wrongType(field, "a string", value);
            }
            return value.getAsString();
        }

        double number(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                throw wrongType(field, "a number", value);
            }
            return value.getAsDouble();
        }

        int integer(JsonObject parent, String field) {
            double value = number(parent, field);
            if (value != Math.rint(value)) {
                throw wrongType(field, "a whole number", require(parent, field));
            }
            return (int) value;
        }

        boolean bool(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw wrongType(field, "true or false", value);
            }
            return value.getAsBoolean();
        }

        private JsonElement require(JsonObject parent, String field) {
            JsonElement value = parent.get(field);
            if (value == null || value.isJsonNull()) {
                throw new InvalidInputException(origin + ": required field '" + field + "' is missing");
            }
            return value;
        }

        private InvalidInputException wrongType(String field, String expected, JsonElement value) {
            return new InvalidInputException(origin + ": field '" + field + "' must be " + expected + ", found " + value);
        }
    }
}
