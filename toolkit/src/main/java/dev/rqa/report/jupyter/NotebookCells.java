package dev.rqa.report.jupyter;

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
import java.util.List;

/** The cells of a Jupyter notebook (nbformat 4), read to name a failing cell in reports. */
public final class NotebookCells {

    /** Maximum length, in characters, of the first line quoted in a cell description. */
    private static final int QUOTE_LENGTH = 80;

    /**
     * One cell.
     *
     * @param index  position in the notebook, from 0, markdown cells included (nbclient's cell_index)
     * @param type   {@code code}, {@code markdown} or {@code raw}
     * @param id     nbformat 4.5 cell id, empty when the notebook has none
     * @param source cell text
     */
    public record Cell(int index, String type, String id, String source) {

        /** Returns the first non-blank line of the source, shortened to a quote. */
        public String firstLine() {
            for (String line : source.split("\n", -1)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty()) {
                    return trimmed.length() <= QUOTE_LENGTH ? trimmed : trimmed.substring(0, QUOTE_LENGTH) + "...";
                }
            }
            return "";
        }
    }

    private final Path file;
    private final List<Cell> cells;

    private NotebookCells(Path file, List<Cell> cells) {
        this.file = file;
        this.cells = List.copyOf(cells);
    }

    /**
     * Reads the cells of a notebook file.
     *
     * @throws InvalidInputException when the file cannot be read or is not an nbformat 4 notebook
     */
    public static NotebookCells read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read notebook " + file + ": " + e.getMessage(), e);
        }

        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new InvalidInputException("notebook " + file + " is not a JSON object; expected nbformat 4");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException("notebook " + file + " is not valid JSON: " + e.getMessage(), e);
        }

        JsonElement format = root.get("nbformat");
        if (format == null || !format.isJsonPrimitive() || format.getAsInt() != 4) {
            throw new InvalidInputException("notebook " + file + " has nbformat " + format
                    + "; only nbformat 4 is supported (save it with Jupyter 4 or later)");
        }
        JsonElement cellArray = root.get("cells");
        if (cellArray == null || !cellArray.isJsonArray()) {
            throw new InvalidInputException("notebook " + file + " has no 'cells' array");
        }

        List<Cell> cells = new ArrayList<>();
        JsonArray array = cellArray.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonObject cell = array.get(i).getAsJsonObject();
            cells.add(new Cell(i, string(cell, "cell_type"), string(cell, "id"), source(cell.get("source"))));
        }
        return new NotebookCells(file, cells);
    }

    public Path file() {
        return file;
    }

    public List<Cell> cells() {
        return cells;
    }

    /** Returns the number of code cells with source, the cells nbclient executes. */
    public int codeCellCount() {
        int count = 0;
        for (Cell cell : cells) {
            if (cell.type().equals("code") && !cell.source().isBlank()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Describes a cell for an error message: its 1-based position among all cells, its id, and
     * its first line, for example {@code cell 4 of 7 (id "b2", "Table t = Table.create(...")}.
     */
    public String describe(int index) {
        if (index < 0 || index >= cells.size()) {
            return "cell index " + index + " (not in " + file.getFileName() + ")";
        }
        Cell cell = cells.get(index);
        StringBuilder text = new StringBuilder("cell ").append(index + 1).append(" of ").append(cells.size()).append(" (");
        if (!cell.id().isEmpty()) {
            text.append("id \"").append(cell.id()).append("\", ");
        }
        text.append('"').append(cell.firstLine()).append("\")");
        return text.toString();
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    /** nbformat stores source either as one string or as a list of lines that keep their newlines. */
    private static String source(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonElement line : value.getAsJsonArray()) {
                text.append(line.getAsString());
            }
            return text.toString();
        }
        return value.getAsString();
    }
}
