package dev.rqa.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.encode.DualEncoder;
import dev.rqa.encode.Embeddings;
import dev.rqa.encode.NpyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rqa encode}: encodes texts from a file into a float32 NumPy matrix. */
@Command(name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Encodes texts into a float32 .npy matrix.",
            "Input: one text per line, or JSON Lines with a \"text\" field (and optionally \"title\"); one row",
            "per input, in input order."})
public final class EncodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Dual encoder: registry name, local checkpoint, or QUERY_MODEL,PASSAGE_MODEL.")
    private String model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "UTF-8 text file, one text per line; or .jsonl with {\"text\": ...} per line.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE.npy", description = "Output matrix.")
    private Path output;

    @Option(names = "--as", defaultValue = "passage", paramLabel = "query|passage",
            description = "Encode as queries (query tower, prefix, query length) or passages (default: ${DEFAULT-VALUE}).")
    private String role;

    @Mixin
    private ModelOptions modelOptions;

    @Override
    public Integer call() throws IOException {
        boolean asQuery = switch (role.toLowerCase(Locale.ROOT)) {
            case "query" -> true;
            case "passage" -> false;
            default -> throw new InvalidInputException("--as must be query or passage, got '" + role + "'");
        };
        if (!output.getFileName().toString().endsWith(".npy")) {
            throw new InvalidInputException("output file " + output + " must end in .npy");
        }
        List<Passage> texts = read(input);

        Embeddings embeddings;
        try (DualEncoder encoder = modelOptions.loader().dualEncoder(model, modelOptions.overrides())) {
            if (asQuery) {
                embeddings = encoder.encodeQueries(texts.stream().map(p -> new Query(p.id(), p.text())).toList());
            } else {
                embeddings = encoder.encodePassages(texts);
            }
        }
        NpyFiles.write(output, embeddings);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %,d x %d float32 (%s encoding of %s)%n", output, embeddings.rows(), embeddings.dim(),
                asQuery ? "query" : "passage", model);
        return 0;
    }

    /** Reads inputs; ids are line numbers so that errors downstream name the line. */
    static List<Passage> read(Path file) throws IOException {
        boolean jsonLines = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        List<Passage> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String id = "line " + number;
                if (jsonLines) {
                    texts.add(parseJsonLine(file, number, line));
                } else if (line.isBlank()) {
                    throw new InvalidInputException(file + ":" + number + ": empty line; every line must hold one"
                            + " text to encode");
                } else {
                    texts.add(new Passage(id, line));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("input file " + file + " not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + " is not valid UTF-8");
        }
        if (texts.isEmpty()) {
            throw new InvalidInputException("input file " + file + " contains no texts");
        }
        return texts;
    }

    private static Passage parseJsonLine(Path file, int number, String line) {
        String where = file + ":" + number;
        JsonObject object;
        try {
            JsonElement element = JsonParser.parseString(line);
            if (!element.isJsonObject()) {
                throw new InvalidInputException(where + ": expected a JSON object with a \"text\" field");
            }
            object = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException(where + ": invalid JSON (" + e.getMessage() + ")");
        }
        JsonElement text = object.get("text");
        if (text == null || !text.isJsonPrimitive() || text.getAsString().isBlank()) {
            throw new InvalidInputException(where + ": missing or empty \"text\" field");
        }
        JsonElement title = object.get("title");
        return new Passage("line " + number, title == null || title.isJsonNull() ? "" : title.getAsString(),
                text.getAsString());
    }
}
