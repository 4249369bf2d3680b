package dev.rqa.encode;

/**
 * Cost of one encoding call, for reports and throughput figures.
 *
 * @param texts         texts encoded by the model (cache hits excluded)
 * @param tokens        real tokens, special tokens included
 * @param paddedTokens  tokens after padding each batch to its longest sequence
 * @param truncated     texts cut to the maximum length
 * @param batches       forward passes
 * @param seconds       wall-clock time of tokenisation and forward passes
 */
public record EncodeStats(long texts, long tokens, long paddedTokens, long truncated, long batches,
                          double seconds) {

    public static final EncodeStats EMPTY = new EncodeStats(0, 0, 0, 0, 0, 0);

    public EncodeStats plus(EncodeStats other) {
        return new EncodeStats(texts + other.texts, tokens + other.tokens, paddedTokens + other.paddedTokens,
                truncated + other.truncated, batches + other.batches, seconds + other.seconds);
    }

    public double textsPerSecond() {
        return seconds > 0 ? texts / seconds : Double.NaN;
    }

    /** Returns a one-line summary for reports. */
    public String describe() {
        if (texts == 0) {
            return "nothing encoded (all vectors from the cache)";
        }
        return String.format("%,d texts, %,d tokens (%,d after padding), %,d truncated, %d batches, %.1f s,"
                + " %.1f texts/s", texts, tokens, paddedTokens, truncated, batches, seconds, textsPerSecond());
    }

    /** Returns padded / real tokens; 1.0 means no padding at all. */
    public double paddingOverhead() {
        return tokens > 0 ? (double) paddedTokens / tokens : Double.NaN;
    }
}
