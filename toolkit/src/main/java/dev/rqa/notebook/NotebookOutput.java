package dev.rqa.notebook;

import com.google.gson.GsonBuilder;
import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;
import dev.rqa.report.Comparison;
import dev.rqa.report.Plot;
import dev.rqa.report.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Saves what a notebook shows: each table as Markdown, HTML and CSV and each plot as PNG, in
 * {@code RQA_OUT/<notebook>/}, and returns it unchanged so that it can end the cell that displays it.
 * Without RQA_OUT nothing is written.
 *
 * <pre>{@code
 * var out = NotebookOutput.of(params, "01-dual-encoder");
 * out.table("dual-encoder", result.dualEncoder())          // shown, and saved as dual-encoder.md/.html/.csv
 * out.plot("mrr-at-10", result.dualEncoder().barPlot("MRR@10"))   // shown, and saved as mrr-at-10.png
 * }</pre>
 *
 * <p>Creating the output writes {@code parameters.json} (the variables that were set and the
 * command that runs the notebook again), which {@code rqa report --from} reads.
 */
public final class NotebookOutput {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookOutput.class);

    /** The file that records the parameters of a notebook run. */
    public static final String PARAMETERS_FILE = "parameters.json";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String notebook;
    private final Path directory;

    private NotebookOutput(String notebook, Path directory) {
        this.notebook = notebook;
        this.directory = directory;
    }

    /**
     * Prepares the outputs of a notebook: {@code RQA_OUT/<notebook>/} when RQA_OUT is set, where it
     * records the parameters at once.
     *
     * @param notebook the notebook's file name without {@code .ipynb}, for example {@code 01-dual-encoder}
     */
    public static NotebookOutput of(NotebookParameters parameters, String notebook) {
        requireName(notebook, "notebook");
        Path directory = parameters.out().map(out -> out.resolve(notebook)).orElse(null);
        NotebookOutput output = new NotebookOutput(notebook, directory);
        if (directory != null) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("notebook", notebook);
            record.put("variables", parameters.explicitVariables());
            record.put("dataset_spec", parameters.datasetSpec());
            record.put("command", parameters.notebookCommand(notebook));
            String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(record) + "\n";
            output.write(PARAMETERS_FILE, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        }
        return output;
    }

    public String notebook() {
        return notebook;
    }

    /** Returns the folder the outputs are saved in, or empty when RQA_OUT is not set. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** Saves a table as {@code NAME.md}, {@code NAME.html} and {@code NAME.csv} and returns it. */
    public ResultTable table(String name, ResultTable table) {
        requireName(name, "table");
        write(name + ".md", out -> out.write(table.toMarkdown().getBytes(StandardCharsets.UTF_8)));
        write(name + ".html", out -> out.write(table.toHtml().getBytes(StandardCharsets.UTF_8)));
        write(name + ".csv", out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            table.table().write().csv(writer);
            writer.flush();
        });
        return table;
    }

    /** Saves the table of a comparison with published values, as {@link #table(String, ResultTable)} does. */
    public ResultTable table(String name, Comparison comparison) {
        return table(name, comparison.table());
    }

    /** Renders a plot, saves it as {@code NAME.png} and returns the image. */
    public BufferedImage plot(String name, Plot<?> plot) {
        return image(name, plot.image());
    }

    /** Saves an image as {@code NAME.png} and returns it. */
    public BufferedImage image(String name, BufferedImage image) {
        requireName(name, "image");
        write(name + ".png", out -> ImageIO.write(image, "png", out));
        return image;
    }

    private void write(String fileName, AtomicFiles.Content content) {
        if (directory == null) {
            return;
        }
        Path file = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + " (RQA_OUT is " + directory.getParent() + ")", e);
        }
        LOG.debug("saved {}", file);
    }

    private static void requireName(String name, String kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(kind + " name '" + name + "' is not a file name: use letters, digits,"
                    + " '.', '_' and '-', starting with a letter or digit");
        }
    }
}
