package dev.rqa.report;

import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A results report written as {@code report.md} (with its images as PNG files beside it) and as a
 * self-contained {@code report.html} (images embedded as base64 data URIs), both UTF-8.
 *
 * <pre>{@code
 * Report.titled("RocketQA-zh dual encoders")
 *         .environment(EnvironmentInfo.capture())
 *         .command("./rqa tables --models rocketqa-zh-nano")
 *         .settings("encoding", settings.describe())
 *         .section("Quality")
 *         .paragraph("Measured on DuReader-retrieval dev.")
 *         .table(comparison.table())
 *         .image("throughput", plot.image())
 *         .writeTo(Path.of("out/report"));
 * }</pre>
 *
 * <p>Every report states the command that regenerates it, the settings recorded with the results
 * and the environment fingerprint.
 */
public final class Report {

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    public static final String MARKDOWN_FILE = "report.md";
    public static final String HTML_FILE = "report.html";

    /** Paths of a written report. */
    public record Output(Path markdown, Path html, List<Path> images) {
    }

    /** One element of the report body, in the order it was added. */
    sealed interface Block permits Heading, Paragraph, TableBlock, Image, Fragment, Preformatted {
    }

    /** A heading; level 2 is a section, level 3 a subsection. */
    record Heading(String text, int level) implements Block {
    }

    /** Content rendered elsewhere (a notebook output), with its Markdown and its HTML form. */
    record Fragment(String markdown, String html) implements Block {
    }

    /** Text shown as is, in a monospaced block. */
    record Preformatted(String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record TableBlock(ResultTable table) implements Block {
    }

    /** An image with its caption, the PNG file name it is written to, and its encoded bytes. */
    record Image(String caption, String fileName, int width, int height, byte[] png) implements Block {
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String title;
    private EnvironmentInfo environment;
    private String command;
    private final Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Set<String> fileNames = new HashSet<>();

    private Report(String title) {
        this.title = title;
    }

    public static Report titled(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("report title is empty: give the report a title");
        }
        return new Report(title.strip());
    }

    /** Records the environment; without this call the report captures one without loading the engine. */
    public Report environment(EnvironmentInfo info) {
        this.environment = info;
        return this;
    }

    /** Records the exact command that regenerates this report; both files print it. */
    public Report command(String commandLine) {
        this.command = commandLine == null ? null : commandLine.strip();
        return this;
    }

    /**
     * Records a group of settings the results were produced with (encoding settings, evaluation
     * settings, index parameters), printed as a field/value table. Values print with
     * {@code toString()}; null prints as empty.
     */
    public Report settings(String name, Map<String, ?> values) {
        if (settings.containsKey(name)) {
            throw new InvalidInputException("report '" + title + "' already has settings named '" + name + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, value == null ? "" : value.toString()));
        settings.put(name, Collections.unmodifiableMap(copy));
        return this;
    }

    public Report section(String heading) {
        blocks.add(new Heading(heading.strip(), 2));
        return this;
    }

    /** Adds a heading one level below {@link #section}. */
    public Report subsection(String heading) {
        blocks.add(new Heading(heading.strip(), 3));
        return this;
    }

    /** Adds a paragraph of plain text. */
    public Report paragraph(String text) {
        blocks.add(new Paragraph(text.strip()));
        return this;
    }

    /**
     * Adds content rendered elsewhere, such as a table output of an executed notebook: the Markdown
     * goes into {@code report.md} and the HTML into {@code report.html} unchanged, so both must be
     * trusted. {@code markdown} may be empty, and then the HTML is placed in {@code report.md} too,
     * which GitHub-flavoured Markdown renders.
     */
    public Report fragment(String markdown, String html) {
        blocks.add(new Fragment(markdown == null ? "" : markdown.strip(), html == null ? "" : html.strip()));
        return this;
    }

    /** Adds text shown in a monospaced block, such as the printed output of a notebook cell. */
    public Report preformatted(String text) {
        blocks.add(new Preformatted(text.stripTrailing()));
        return this;
    }

    public Report table(ResultTable table) {
        blocks.add(new TableBlock(table));
        return this;
    }

    /** Adds a Tablesaw table, formatted as {@link ResultTable#of} describes. */
    public Report table(Table table) {
        return table(ResultTable.of(table));
    }

    public Report table(Comparison comparison) {
        return table(comparison.table());
    }

    /**
     * Adds an image. The name is its caption and gives the PNG file name: lower-cased, with every
     * run of characters other than ASCII letters, digits, '.', '_' and '-' replaced by '-'.
     */
    public Report image(String name, BufferedImage image) {
        String fileName = fileName(name);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image '" + name + "' as PNG", e);
        }
        blocks.add(new Image(name.strip(), fileName, image.getWidth(), image.getHeight(), png.toByteArray()));
        return this;
    }

    /**
     * Adds a PNG image given as bytes, named as {@link #image(String, BufferedImage)} names images.
     *
     * @throws InvalidInputException when the bytes are not a readable PNG
     */
    public Report image(String name, byte[] png) {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            decoded = null;
        }
        if (decoded == null || png.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw new InvalidInputException("image '" + name + "' in report '" + title + "' is not a readable PNG ("
                    + png.length + " bytes)");
        }
        String fileName = fileName(name);
        blocks.add(new Image(name.strip(), fileName, decoded.getWidth(), decoded.getHeight(), png.clone()));
        return this;
    }

    /** Adds a rendered plot under a name, as {@link #image} does. */
    public Report plot(String name, Plot<?> plot) {
        return image(name, plot.image());
    }

    /** Returns the Markdown text, which refers to images by their PNG file names. */
    public String toMarkdown() {
        return ReportRenderer.markdown(this);
    }

    /** Returns the self-contained HTML page, for a file or a notebook's HTML display. */
    public String toHtml() {
        return ReportRenderer.html(this);
    }

    /**
     * Writes the PNG files, {@code report.md} and {@code report.html} into a directory (created if
     * needed), each atomically through a temporary file and a rename. The HTML is written last.
     */
    public Output writeTo(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidInputException("report directory " + directory + " is a file: give a directory path");
        }
        Files.createDirectories(directory);
        if (commandLine() == null) {
            LOG.warn("Report '{}' has no regeneration command: call command(...) with the command that produced it",
                    title);
        }

        List<Path> images = new ArrayList<>();
        for (Block block : blocks) {
            if (block instanceof Image image) {
                Path file = directory.resolve(image.fileName());
                AtomicFiles.write(file, out -> out.write(image.png()));
                images.add(file);
            }
        }
        Path markdown = directory.resolve(MARKDOWN_FILE);
        AtomicFiles.write(markdown, out -> out.write(toMarkdown().getBytes(StandardCharsets.UTF_8)));
        Path html = directory.resolve(HTML_FILE);
        AtomicFiles.write(html, out -> out.write(toHtml().getBytes(StandardCharsets.UTF_8)));

        LOG.info("Wrote report '{}' to {} ({} and {}, {} images)", title, directory, MARKDOWN_FILE, HTML_FILE,
                images.size());
        return new Output(markdown, html, List.copyOf(images));
    }

    String title() {
        return title;
    }

    /** Returns the recorded environment, capturing one without the engine on first use when none was given. */
    EnvironmentInfo environmentInfo() {
        if (environment == null) {
            environment = EnvironmentInfo.captureWithoutEngine();
        }
        return environment;
    }

    /** Returns the regeneration command, or null when none was recorded. */
    String commandLine() {
        return command == null || command.isEmpty() ? null : command;
    }

    Map<String, Map<String, String>> settingsGroups() {
        return Collections.unmodifiableMap(settings);
    }

    List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    private String fileName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("image name is empty in report '" + title + "': name every image");
        }
        String stem = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (stem.isEmpty()) {
            stem = "figure-" + (fileNames.size() + 1);
        }
        String fileName = stem + ".png";
        if (fileName.equals(MARKDOWN_FILE) || fileName.equals(HTML_FILE) || !fileNames.add(fileName)) {
            throw new InvalidInputException("image '" + name + "' in report '" + title + "' would be written to "
                    + fileName + ", which another image already uses: give it a different name");
        }
        return fileName;
    }
}
