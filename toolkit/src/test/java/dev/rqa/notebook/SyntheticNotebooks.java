package dev.rqa.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** Writes executed notebooks in the form nbconvert saves them, with the kinds of output the rqa notebooks produce. */
final class SyntheticNotebooks {

    private SyntheticNotebooks() {
    }

    /** Returns a 40 x 20 PNG, half red and half blue. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 20, 20);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(20, 0, 20, 20);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code NAME.ipynb}: a title, a table output (HTML, Markdown, text, with a log line on
     * standard error), printed text, and an image; {@code model} appears in the table and the text.
     */
    static Path write(Path directory, String name, String model) throws IOException {
        JsonArray cells = new JsonArray();
        cells.add(markdown("# 01 · 演示\n\n说明文字。\n\n```\n# not a heading\n```"));
        cells.add(markdown("## 表格"));
        JsonObject tableData = new JsonObject();
        tableData.addProperty("text/html", "<table class=\"rqa-table\"><tr><td>" + model + "</td></tr></table>");
        tableData.addProperty("text/markdown", "| model |\n| :--- |\n| " + model + " |\n");
        tableData.addProperty("text/plain", "model\n" + model);
        cells.add(code("table", stream("stderr", "23:15:47 INFO Reproduction - log line\n"), result(tableData)));
        cells.add(code("print", stream("stdout", "已测量：" + model + "\n")));
        cells.add(markdown("## 图"));
        JsonObject imageData = new JsonObject();
        imageData.addProperty("image/png", Base64.getEncoder().encodeToString(png()));
        JsonObject display = new JsonObject();
        display.addProperty("output_type", "display_data");
        display.add("data", imageData);
        display.add("metadata", new JsonObject());
        cells.add(code("plot", display));

        JsonObject notebook = new JsonObject();
        notebook.add("cells", cells);
        notebook.add("metadata", new JsonObject());
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 5);
        Path file = directory.resolve(name + ".ipynb");
        Files.writeString(file, new Gson().toJson(notebook), StandardCharsets.UTF_8);
        return file;
    }

    /** Writes {@code NAME/parameters.json} as a notebook that read these variables does. */
    static void recordParameters(Path directory, String name, Map<String, String> variables) {
        Map<String, String> withOut = new java.util.LinkedHashMap<>(variables);
        withOut.put("RQA_OUT", directory.toString());
        NotebookOutput.of(NotebookParameters.from(withOut), name);
    }

    private static JsonObject markdown(String source) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "markdown");
        cell.addProperty("id", "md-" + Math.abs(source.hashCode()));
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source);
        return cell;
    }

    private static JsonObject code(String id, JsonObject... outputs) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.addProperty("id", id);
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", "// " + id);
        JsonArray array = new JsonArray();
        for (JsonObject output : outputs) {
            array.add(output);
        }
        cell.add("outputs", array);
        return cell;
    }

    private static JsonObject stream(String name, String text) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "stream");
        output.addProperty("name", name);
        JsonArray lines = new JsonArray();
        lines.add(text);
        output.add("text", lines);
        return output;
    }

    private static JsonObject result(JsonObject data) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "execute_result");
        output.addProperty("execution_count", 1);
        output.add("data", data);
        output.add("metadata", new JsonObject());
        return output;
    }
}
