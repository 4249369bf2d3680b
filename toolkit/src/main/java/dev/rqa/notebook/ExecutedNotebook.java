package dev.rqa.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The visible content of an executed notebook, in order: the headings of its Markdown cells and the
 * outputs of its code cells (tables, images, printed text), read from the {@code .ipynb} file
 * (nbformat 4).
 *
 * <p>Standard error streams are left out: in the rqa kernel they contain the toolkit's log lines
 * and progress reports, not results.
 *
 * @param file     the executed notebook
 * @param name     the file name without {@code .ipynb}
 * @param title    the first level-1 heading, or the name when there is none
 * @param elements headings and outputs in notebook order
 */
public record ExecutedNotebook(Path file, String name, String title, List<Element> elements) {

    public ExecutedNotebook {
        elements = List.copyOf(elements);
    }

    /** One piece of the notebook's visible content. */
    public sealed interface Element permits Heading, Table, Image, Text {
    }

    /**
     * A Markdown heading below the title.
     *
     * @param level number of {@code #}, 2 or more
     */
    public record Heading(String text, int level) implements Element {
    }

    /**
     * A rich output with an HTML form, such as a table; {@code markdown} is empty when the output has no
     * {@code text/markdown} form.
     */
    public record Table(String cellId, String markdown, String html) implements Element {
    }

    /** An {@code image/png} output. */
    public record Image(String cellId, byte[] png) implements Element {
    }

    /** Printed standard output, or a plain-text result. */
    public record Text(String cellId, String text) implements Element {
    }

    /**
     * Reads an executed notebook.
     *
     * @throws InvalidInputException when the file is unreadable, not nbformat 4, or has an invalid image
     */
    public static ExecutedNotebook read(Path file) {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new InvalidInputException("notebook " + file + " is not a JSON object; expected nbformat 4");
            }
            root = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read notebook " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new InvalidInputException("notebook " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonElement format = root.get("nbformat");
        JsonElement cells = root.get("cells");
        if (format == null || !format.isJsonPrimitive() || format.getAsInt() != 4 || cells == null
                || !cells.isJsonArray()) {
            throw new InvalidInputException("notebook " + file + " is not an nbformat 4 notebook with a cells array");
        }

        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - 6) : fileName;
        String title = null;
        List<Element> elements = new ArrayList<>();
        for (JsonElement element : cells.getAsJsonArray()) {
            JsonObject cell = element.getAsJsonObject();
            String type = string(cell.get("cell_type"));
            if (type.equals("markdown")) {
                for (Heading heading : headings(string(cell.get("source")))) {
                    if (heading.level() == 1) {
                        title = title == null ? heading.text() : title;
                    } else {
                        elements.add(heading);
                    }
                }
            } else if (type.equals("code") && cell.has("outputs")) {
                String cellId = cell.has("id") ? string(cell.get("id")) : "cell-" + elements.size();
                for (JsonElement output : cell.getAsJsonArray("outputs")) {
                    output(file, cellId, output.getAsJsonObject()).ifPresent(elements::add);
                }
            }
        }
        return new ExecutedNotebook(file, name, title == null ? name : title, elements);
    }

    private static Optional<Element> output(Path file, String cellId, JsonObject output) {
        String type = string(output.get("output_type"));
        switch (type) {
            case "stream":
                String text = string(output.get("text"));
                boolean stdout = "stdout".equals(string(output.get("name")));
                return stdout && !text.isBlank() ? Optional.of(new Text(cellId, text)) : Optional.empty();
            case "execute_result":
            case "display_data":
                return richOutput(file, cellId, output.getAsJsonObject("data"));
            case "error":
                return Optional.of(new Text(cellId, string(output.get("ename")) + ": " + string(output.get("evalue"))));
            default:
                return Optional.empty();
        }
    }

    private static Optional<Element> richOutput(Path file, String cellId, JsonObject data) {
        if (data == null) {
            return Optional.empty();
        }
        if (data.has("image/png")) {
            try {
                return Optional.of(new Image(cellId, Base64.getMimeDecoder().decode(string(data.get("image/png")))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("notebook " + file + ", cell " + cellId + ": image/png output is not"
                        + " valid base64", e);
            }
        }
        String markdown = data.has("text/markdown") ? string(data.get("text/markdown")) : "";
        if (data.has("text/html")) {
            return Optional.of(new Table(cellId, markdown, string(data.get("text/html"))));
        }
        if (!markdown.isEmpty()) {
            return Optional.of(new Table(cellId, markdown, ""));
        }
        if (data.has("text/plain")) {
            return Optional.of(new Text(cellId, string(data.get("text/plain"))));
        }
        return Optional.empty();
    }

    /** Returns the ATX headings of a Markdown cell, skipping lines inside fenced code blocks. */
    static List<Heading> headings(String markdown) {
        List<Heading> headings = new ArrayList<>();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || !line.startsWith("#")) {
                continue;
            }
            int level = 0;
            while (level < line.length() && line.charAt(level) == '#') {
                level++;
            }
            if (level <= 6 && level < line.length() && line.charAt(level) == ' ') {
                String text = line.substring(level).strip();
                if (!text.isEmpty()) {
                    headings.add(new Heading(text, level));
                }
            }
        }
        return headings;
    }

    /** nbformat stores text either as one string or as a list of lines that keep their newlines. */
    private static String string(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonElement line : (JsonArray) value) {
                text.append(line.getAsString());
            }
            return text.toString();
        }
        return value.getAsString();
    }
}
