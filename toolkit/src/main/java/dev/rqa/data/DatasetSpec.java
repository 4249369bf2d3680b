package dev.rqa.data;

import dev.rqa.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A parsed dataset spec string: a registered name or one of the generic forms, optionally followed by
 * {@code ?key=value&key=value} options.
 *
 * <pre>
 * cmrc2018                                   a registered dataset
 * squad:FILE[,FILE...]                       SQuAD v1 JSON; corpus and queries from every file
 * beir:DIR[#SPLIT]                           BEIR folder, split "test" unless given
 * t2ranking:DIR[?passages=N]                 T2Ranking dev TSV files, optionally the first N passages
 * SPEC?queries=N[&amp;other-passages=M]          first N queries; corpus cut to their judged passages + M others
 * </pre>
 *
 * @param kind      which loader reads the data
 * @param name      registered dataset name, or null for a generic form
 * @param paths     files (squad) or folder (beir, t2ranking) named by a generic form
 * @param split     BEIR split, or null for other kinds
 * @param passages  T2Ranking passage limit
 * @param subset    query and corpus cut applied after loading
 * @param text      the spec as given
 */
public record DatasetSpec(Kind kind, String name, List<Path> paths, String split, OptionalInt passages,
                          DatasetSubset subset, String text) {

    /** Loader selected by a spec. */
    public enum Kind { REGISTERED, SQUAD, BEIR, T2RANKING }

    /** A generic spec form with its meaning, for help output and error messages. */
    public record Form(String syntax, String description) {
    }

    /** The generic forms and options, for {@code rqa datasets} and error messages. */
    public static final List<Form> GENERIC_FORMS = List.of(
            new Form("squad:FILE[,FILE...]", "SQuAD v1 JSON files; corpus = every paragraph, queries = every"
                    + " question"),
            new Form("beir:DIR[#SPLIT]", "BEIR folder (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv); SPLIT"
                    + " defaults to test"),
            new Form("t2ranking:DIR[?passages=N]", "T2Ranking dev files (collection.tsv, queries.dev.tsv,"
                    + " qrels.dev.tsv); passages=N keeps the first N passages and the qrels with pid <= N"),
            new Form("SPEC?queries=N", "keep the first N queries"),
            new Form("SPEC?queries=N&other-passages=M", "also cut the corpus to the kept queries' judged passages"
                    + " plus the first M others"));

    /** Returns the generic forms' syntax joined for one-line messages. */
    public static String genericSyntax() {
        return String.join(", ", GENERIC_FORMS.stream().map(Form::syntax).toList());
    }

    private static final String OPTION_QUERIES = "queries";
    private static final String OPTION_OTHER_PASSAGES = "other-passages";
    private static final String OPTION_PASSAGES = "passages";
    private static final String OPTION_SPLIT = "split";

    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        paths = List.copyOf(paths);
        Objects.requireNonNull(passages, "passages");
        Objects.requireNonNull(subset, "subset");
    }

    /** Parses a spec; a registered name is not checked here but by the registry that loads it. */
    public static DatasetSpec parse(String text) {
        Objects.requireNonNull(text, "spec");
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new InvalidInputException("empty dataset spec; give a registered name such as cmrc2018 or one of"
                    + " the generic forms " + genericSyntax() + " (rqa datasets explains them)");
        }

        String source = spec;
        Map<String, String> options = new LinkedHashMap<>();
        int question = spec.lastIndexOf('?');
        if (question >= 0) {
            source = spec.substring(0, question);
            options = parseOptions(spec.substring(question + 1), text);
        }

        OptionalInt queries = intOption(options, OPTION_QUERIES, 1, text);
        OptionalInt others = intOption(options, OPTION_OTHER_PASSAGES, 0, text);
        DatasetSubset subset = new DatasetSubset(queries, others);
        OptionalInt passages = intOption(options, OPTION_PASSAGES, 1, text);
        String splitOption = options.remove(OPTION_SPLIT);
        if (!options.isEmpty()) {
            throw new InvalidInputException("unknown option '" + options.keySet().iterator().next()
                    + "' in dataset spec '" + text + "'; known options: queries, other-passages, passages"
                    + " (t2ranking), split (beir)");
        }

        int colon = source.indexOf(':');
        String prefix = colon > 0 ? source.substring(0, colon) : "";
        String argument = colon > 0 ? source.substring(colon + 1) : "";
        Kind kind = switch (prefix) {
            case "squad" -> Kind.SQUAD;
            case "beir" -> Kind.BEIR;
            case "t2ranking" -> Kind.T2RANKING;
            default -> Kind.REGISTERED;
        };
        if (kind != Kind.REGISTERED && argument.isBlank()) {
            throw new InvalidInputException("dataset spec '" + text + "' names no " + (kind == Kind.SQUAD ? "file"
                    : "folder") + " after '" + prefix + ":'");
        }
        if (passages.isPresent() && kind != Kind.T2RANKING) {
            throw new InvalidInputException("option passages=N applies only to t2ranking:DIR specs, not to '"
                    + text + "'; use queries=N and other-passages=M to cut other datasets");
        }
        if (splitOption != null && kind != Kind.BEIR) {
            throw new InvalidInputException("option split=NAME applies only to beir:DIR specs, not to '" + text + "'");
        }

        return switch (kind) {
            case REGISTERED -> new DatasetSpec(kind, source, List.of(), null, passages, subset, text);
            case SQUAD -> new DatasetSpec(kind, null, squadFiles(argument, text), null, passages, subset, text);
            case T2RANKING -> new DatasetSpec(kind, null, List.of(Path.of(argument)), null, passages, subset, text);
            case BEIR -> beir(argument, splitOption, subset, text);
        };
    }

    private static DatasetSpec beir(String argument, String splitOption, DatasetSubset subset, String text) {
        String folder = argument;
        String split = null;
        int hash = argument.lastIndexOf('#');
        if (hash >= 0) {
            folder = argument.substring(0, hash);
            split = argument.substring(hash + 1);
        }
        if (split != null && splitOption != null && !split.equals(splitOption)) {
            throw new InvalidInputException("dataset spec '" + text + "' names two splits, '" + split + "' and '"
                    + splitOption + "'");
        }
        if (split == null) {
            split = splitOption != null ? splitOption : BeirReader.DEFAULT_SPLIT;
        }
        if (folder.isBlank() || split.isBlank()) {
            throw new InvalidInputException("dataset spec '" + text + "' must look like beir:DIR or beir:DIR#SPLIT");
        }
        return new DatasetSpec(Kind.BEIR, null, List.of(Path.of(folder)), split, OptionalInt.empty(), subset, text);
    }

    private static List<Path> squadFiles(String argument, String text) {
        List<Path> files = new ArrayList<>();
        for (String part : argument.split(",", -1)) {
            if (part.isBlank()) {
                throw new InvalidInputException("dataset spec '" + text + "' has an empty file name; separate files"
                        + " with single commas");
            }
            files.add(Path.of(part.strip()));
        }
        return files;
    }

    private static Map<String, String> parseOptions(String query, String text) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("invalid option '" + pair + "' in dataset spec '" + text
                        + "'; options look like ?queries=100&other-passages=1000");
            }
            String key = pair.substring(0, equals).strip();
            if (options.put(key, pair.substring(equals + 1).strip()) != null) {
                throw new InvalidInputException("option '" + key + "' is given twice in dataset spec '" + text + "'");
            }
        }
        return options;
    }

    private static OptionalInt intOption(Map<String, String> options, String key, int minimum, String text) {
        String value = options.remove(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= minimum) {
                return OptionalInt.of(parsed);
            }
        } catch (NumberFormatException e) {
            // Reported below together with out-of-range values.
        }
        throw new InvalidInputException("option " + key + "=" + value + " in dataset spec '" + text
                + "' must be an integer >= " + minimum);
    }
}
