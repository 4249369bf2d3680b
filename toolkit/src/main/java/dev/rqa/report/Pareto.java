package dev.rqa.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The Pareto front of quality-latency points: maximise quality, minimise latency. */
public final class Pareto {

    /** Front order: fastest first, then best quality, then label. */
    private static final Comparator<ParetoPoint> FRONT_ORDER = Comparator.comparingDouble(ParetoPoint::latency)
            .thenComparing(Comparator.comparingDouble(ParetoPoint::quality).reversed())
            .thenComparing(ParetoPoint::label);

    private Pareto() {
    }

    /**
     * Returns whether {@code a} dominates {@code b}: at least as good in both quality and latency,
     * and strictly better in one. Equal points do not dominate each other.
     */
    public static boolean dominates(ParetoPoint a, ParetoPoint b) {
        boolean noWorse = a.quality() >= b.quality() && a.latency() <= b.latency();
        boolean better = a.quality() > b.quality() || a.latency() < b.latency();
        return noWorse && better;
    }

    /**
     * Returns the points no other point dominates, fastest first. Points with equal quality and
     * latency are all kept, since none is better than the other.
     */
    public static List<ParetoPoint> front(Collection<ParetoPoint> points) {
        List<ParetoPoint> front = new ArrayList<>();
        for (ParetoPoint candidate : points) {
            boolean dominated = false;
            for (ParetoPoint other : points) {
                if (dominates(other, candidate)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(FRONT_ORDER);
        return front;
    }
}
