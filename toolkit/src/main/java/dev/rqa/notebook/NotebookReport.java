package dev.rqa.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rqa.InvalidInputException;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.Report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds one report from executed notebooks: a section per notebook with its headings, tables,
 * images and printed output, in notebook order.
 *
 * <pre>{@code
 * List<Path> notebooks = NotebookReport.executedIn(Path.of("notebooks/out"));
 * String command = NotebookReport.notebooksCommand(notebooks, Path.of("notebooks/out"))
 *         + " && ./rqa report --from notebooks/out --out runs/report";
 * NotebookReport.collect(notebooks, command).writeTo(Path.of("runs/report"));
 * }</pre>
 */
public final class NotebookReport {

    public static final String TITLE = "rqa notebooks: reproduced tables and measurements";

    private NotebookReport() {
    }

    /**
     * Lists the executed notebooks of a folder: every {@code .ipynb} file directly in it, sorted by
     * name; the runner's hidden partial files are skipped.
     *
     * @throws InvalidInputException when the folder does not exist or contains no notebook
     */
    public static List<Path> executedIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("notebook output folder " + folder + " does not exist; run the notebooks"
                    + " first (environment/run-notebooks.sh) or give the folder they were written to");
        }
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(folder)) {
            notebooks = files.filter(file -> file.getFileName().toString().endsWith(".ipynb"))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (notebooks.isEmpty()) {
            throw new InvalidInputException("no executed notebooks (.ipynb) in " + folder + "; run the notebooks first"
                    + " (environment/run-notebooks.sh --out " + folder + ")");
        }
        return notebooks;
    }

    /**
     * Builds the report. The environment section is that of the calling process, without the deep
     * learning engine; each notebook's own fingerprint is its first table.
     *
     * @param command the command line that regenerates the report
     */
    public static Report collect(List<Path> notebooks, String command) {
        Report report = Report.titled(TITLE)
                .environment(EnvironmentInfo.captureWithoutEngine())
                .command(command)
                .paragraph("Collected from " + notebooks.size() + " executed notebook"
                        + (notebooks.size() == 1 ? "" : "s")
                        + ". Each notebook's first table is the environment fingerprint of the kernel that ran it and"
                        + " the parameters it read; the environment at the end is that of the process that built"
                        + " this report.");
        for (Path file : notebooks) {
            add(report, ExecutedNotebook.read(file));
        }
        return report;
    }

    private static void add(Report report, ExecutedNotebook notebook) {
        report.section(notebook.title()).paragraph("Executed notebook: " + notebook.file());
        Map<String, Integer> imagesPerCell = new HashMap<>();
        for (ExecutedNotebook.Element element : notebook.elements()) {
            if (element instanceof ExecutedNotebook.Heading heading) {
                report.subsection(heading.text());
            } else if (element instanceof ExecutedNotebook.Table table) {
                report.fragment(table.markdown(), table.html());
            } else if (element instanceof ExecutedNotebook.Image image) {
                int count = imagesPerCell.merge(image.cellId(), 1, Integer::sum);
                report.image(notebook.name() + " " + image.cellId() + (count == 1 ? "" : " " + count), image.png());
            } else if (element instanceof ExecutedNotebook.Text text) {
                report.preformatted(text.text());
            }
        }
    }

    /**
     * Returns the command that runs the notebooks again into {@code outputFolder}, with the
     * parameters each one recorded in {@code <folder>/<name>/parameters.json}: one runner call when
     * they all ran with the same variables, else one call per notebook joined with {@code &&}.
     */
    public static String notebooksCommand(List<Path> notebooks, Path outputFolder) {
        Map<String, List<String>> byAssignments = new TreeMap<>();
        for (Path file : notebooks) {
            String name = file.getFileName().toString().replaceAll("\\.ipynb$", "");
            byAssignments.computeIfAbsent(recordedAssignments(file.resolveSibling(name)), key -> new ArrayList<>())
                    .add("notebooks/" + name + ".ipynb");
        }
        // Notebooks that recorded nothing read no parameters, so they can join any group.
        List<String> unparameterised = byAssignments.size() > 1 ? byAssignments.remove("") : null;
        List<String> commands = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : byAssignments.entrySet()) {
            Set<String> names = new LinkedHashSet<>();
            if (unparameterised != null && commands.isEmpty()) {
                names.addAll(unparameterised);
            }
            names.addAll(group.getValue());
            commands.add((group.getKey().isEmpty() ? "" : group.getKey() + " ") + "environment/run-notebooks.sh --out "
                    + outputFolder + " " + String.join(" ", names));
        }
        return String.join(" && ", commands);
    }

    /** Returns the shell assignments recorded in a notebook's output folder, or empty when there are none. */
    private static String recordedAssignments(Path notebookFolder) {
        Path file = notebookFolder.resolve(NotebookOutput.PARAMETERS_FILE);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            JsonElement recorded = root.isJsonObject() ? root.getAsJsonObject().get("variables") : null;
            if (recorded == null || !recorded.isJsonObject()) {
                throw new InvalidInputException("recorded parameters " + file + " have no 'variables' object; run the"
                        + " notebook again to rewrite it");
            }
            Map<String, String> variables = new HashMap<>();
            for (Map.Entry<String, JsonElement> entry : recorded.getAsJsonObject().entrySet()) {
                variables.put(entry.getKey(), entry.getValue().getAsString());
            }
            return NotebookParameters.from(variables).assignments();
        } catch (IOException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new InvalidInputException("cannot read the recorded parameters " + file + ": " + e.getMessage()
                    + "; run the notebook again to rewrite it", e);
        }
    }
}
