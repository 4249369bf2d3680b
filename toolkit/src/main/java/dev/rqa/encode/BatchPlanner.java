package dev.rqa.encode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups sequences into batches of similar length, so that padding stays small.
 *
 * <p>Sequences are sorted by length, longest first (so the first batch shows the peak memory and a
 * too-large budget fails early), and a batch closes when adding the next sequence would exceed
 * {@code maxTokens} padded tokens or {@code maxBatchSize} sequences.
 */
public final class BatchPlanner {

    private final int maxBatchSize;
    private final int maxTokens;

    /**
     * @param maxBatchSize maximum sequences per batch
     * @param maxTokens    maximum padded tokens (sequences x longest length) per batch; a single
     *                     longer sequence still gets a batch of its own
     */
    public BatchPlanner(int maxBatchSize, int maxTokens) {
        if (maxBatchSize < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("batch size and token budget must be >= 1, got "
                    + maxBatchSize + " and " + maxTokens);
        }
        this.maxBatchSize = maxBatchSize;
        this.maxTokens = maxTokens;
    }

    /** Returns batches as lists of indices into {@code lengths}. */
    public List<int[]> plan(int[] lengths) {
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> lengths[i]).reversed()
                .thenComparingInt(i -> i));

        List<int[]> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int currentMax = 0;
        for (int index : order) {
            int length = lengths[index];
            int longest = Math.max(currentMax, length);
            boolean full = current.size() >= maxBatchSize
                    || (long) longest * (current.size() + 1) > maxTokens;
            if (!current.isEmpty() && full) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                longest = length;
            }
            current.add(index);
            currentMax = longest;
        }
        if (!current.isEmpty()) {
            batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    /** Returns the padded token count of a plan, for padding-overhead reports. */
    public static long paddedTokens(List<int[]> batches, int[] lengths) {
        long total = 0;
        for (int[] batch : batches) {
            int longest = 0;
            for (int index : batch) {
                longest = Math.max(longest, lengths[index]);
            }
            total += (long) longest * batch.length;
        }
        return total;
    }
}
