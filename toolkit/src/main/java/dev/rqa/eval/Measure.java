package dev.rqa.eval;

import dev.rqa.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One evaluation measure: a family and, for families with cutoffs, one cutoff k.
 *
 * <p>Names follow trec_eval 9.0.8: {@code ndcg_cut.10} requests nDCG@10, which trec_eval prints
 * as {@code ndcg_cut_10}, and {@code P.5,10} requests two cutoffs. A bare family such as
 * {@code recall} expands to trec_eval's defaults 5,10,15,20,30,100,200,500,1000 (success: 1,5,10).
 * {@link #parse} also accepts the printed form ({@code ndcg_cut_10}) and MTEB keys
 * ({@code ndcg_at_10}, {@code mrr_at_10}, {@code precision_at_5}, {@code hit_rate_at_50}).
 *
 * @param family the measure family
 * @param cutoff k for families with cutoffs, 0 otherwise
 */
public record Measure(MeasureFamily family, int cutoff) implements Comparable<Measure> {

    /** trec_eval print order: family table order, then cutoff ascending. */
    private static final Comparator<Measure> ORDER =
            Comparator.comparing(Measure::family).thenComparingInt(Measure::cutoff);

    private static final Pattern PRINTED_FORM = Pattern.compile("(.+)_(\\d+)");
    private static final Pattern MTEB_FORM = Pattern.compile("(.+_at_)(\\d+)");

    public Measure {
        if (family == null) {
            throw new IllegalArgumentException("family must not be null");
        }
        if (family.hasCutoffs() && cutoff < 1) {
            throw new InvalidInputException("measure " + family.trecName() + " needs a positive cutoff, got " + cutoff);
        }
        if (!family.hasCutoffs() && cutoff != 0) {
            throw new InvalidInputException("measure " + family.trecName() + " takes no cutoff, got " + cutoff);
        }
    }

    /** Returns a measure without cutoff, such as {@link MeasureFamily#MAP}. */
    public static Measure of(MeasureFamily family) {
        return new Measure(family, 0);
    }

    /** Returns a measure with cutoff k, such as nDCG@10. */
    public static Measure of(MeasureFamily family, int cutoff) {
        return new Measure(family, cutoff);
    }

    /** Parses a name that must denote exactly one measure, for example {@code ndcg_cut.10}. */
    public static Measure of(String name) {
        List<Measure> measures = parse(name);
        if (measures.size() != 1) {
            throw new InvalidInputException("'" + name + "' names " + measures.size()
                    + " measures; give a single cutoff, for example " + measures.get(0).trecName());
        }
        return measures.get(0);
    }

    /**
     * Parses one request as trec_eval's {@code -m} does, returning every measure it names in print
     * order. Family names match case-insensitively.
     *
     * @throws InvalidInputException for an unknown name or a cutoff that is not a positive integer,
     *                               with a message listing the supported names
     */
    public static List<Measure> parse(String request) {
        String name = request == null ? "" : request.trim();
        if (name.isEmpty()) {
            throw new InvalidInputException("empty measure name; " + supportedNames());
        }

        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        MeasureFamily family = familyByTrecName(base);
        if (family != null) {
            return dot < 0 ? expandDefaults(family) : withCutoffs(family, name.substring(dot + 1), request);
        }

        if (dot < 0) {
            Measure measure = parseSuffixedForm(name);
            if (measure != null) {
                return List.of(measure);
            }
        }
        throw new InvalidInputException("unknown measure '" + request + "'; " + supportedNames());
    }

    /** Parses every request and returns the distinct measures in trec_eval print order. */
    public static List<Measure> parseAll(Collection<String> requests) {
        TreeSet<Measure> measures = new TreeSet<>();
        for (String request : requests) {
            measures.addAll(parse(request));
        }
        return List.copyOf(measures);
    }

    /** Returns the request form, for example {@code ndcg_cut.10} or {@code map}. */
    public String trecName() {
        return family.hasCutoffs() ? family.trecName() + "." + cutoff : family.trecName();
    }

    /** Returns the name trec_eval prints, for example {@code ndcg_cut_10} or {@code P_5}. */
    public String printedName() {
        return family.hasCutoffs() ? family.trecName() + "_" + cutoff : family.trecName();
    }

    /**
     * Returns the MTEB-style key for metrics files: {@code ndcg_at_10}, {@code map_at_10},
     * {@code mrr_at_10} (recip_rank_cut.10), {@code recall_at_50}, {@code precision_at_5},
     * {@code hit_rate_at_50}, {@code success_at_1}. The others are {@code map}, {@code mrr} and the
     * count names.
     */
    public String mtebKey() {
        return family.hasCutoffs() ? family.mtebName() + cutoff : family.mtebName();
    }

    @Override
    public int compareTo(Measure other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return trecName();
    }

    /** Returns the sentence listing every supported name, used in error messages and help. */
    public static String supportedNames() {
        String names = Arrays.stream(MeasureFamily.values())
                .map(family -> family.hasCutoffs() ? family.trecName() + ".k" : family.trecName())
                .collect(Collectors.joining(", "));
        return "supported measures: " + names + " (k: one or more comma-separated positive cutoffs,"
                + " for example ndcg_cut.10 or P.5,10; a family without k uses trec_eval's defaults"
                + " 5,10,15,20,30,100,200,500,1000, success 1,5,10)";
    }

    private static MeasureFamily familyByTrecName(String name) {
        for (MeasureFamily family : MeasureFamily.values()) {
            if (family.trecName().equalsIgnoreCase(name)) {
                return family;
            }
        }
        return null;
    }

    private static List<Measure> expandDefaults(MeasureFamily family) {
        if (!family.hasCutoffs()) {
            return List.of(of(family));
        }
        List<Measure> measures = new ArrayList<>();
        for (int cutoff : family.defaultCutoffs()) {
            measures.add(of(family, cutoff));
        }
        return measures;
    }

    private static List<Measure> withCutoffs(MeasureFamily family, String cutoffList, String request) {
        if (!family.hasCutoffs()) {
            throw new InvalidInputException("measure '" + family.trecName() + "' takes no cutoff, got '"
                    + request + "'; " + supportedNames());
        }
        TreeSet<Measure> measures = new TreeSet<>();
        for (String text : cutoffList.split(",", -1)) {
            measures.add(of(family, parseCutoff(text.trim(), request)));
        }
        return List.copyOf(measures);
    }

    private static int parseCutoff(String text, String request) {
        try {
            int cutoff = Integer.parseInt(text);
            if (cutoff >= 1) {
                return cutoff;
            }
        } catch (NumberFormatException e) {
            // Reported below with the whole request.
        }
        throw new InvalidInputException("invalid cutoff '" + text + "' in measure '" + request
                + "'; cutoffs must be positive integers, for example ndcg_cut.10 or P.5,10");
    }

    /** Parses {@code ndcg_cut_10} (trec_eval's printed form) or {@code ndcg_at_10} (MTEB key). */
    private static Measure parseSuffixedForm(String name) {
        Matcher mteb = MTEB_FORM.matcher(name);
        if (mteb.matches()) {
            String prefix = mteb.group(1).toLowerCase(Locale.ROOT);
            for (MeasureFamily family : MeasureFamily.values()) {
                if (family.hasCutoffs() && family.mtebName().equals(prefix)) {
                    return of(family, parseCutoff(mteb.group(2), name));
                }
            }
        }
        Matcher printed = PRINTED_FORM.matcher(name);
        if (printed.matches()) {
            MeasureFamily family = familyByTrecName(printed.group(1));
            if (family != null && family.hasCutoffs()) {
                return of(family, parseCutoff(printed.group(2), name));
            }
        }
        return null;
    }
}
