package dev.rqa.encode;

/**
 * Token ids of one text or text pair after special tokens and truncation.
 *
 * @param ids          token ids, with [CLS] and [SEP]
 * @param typeIds      segment ids, 0 for the first text and 1 for the second
 * @param truncated    whether tokens were dropped to fit the maximum length
 */
public record TokenizedText(long[] ids, long[] typeIds, boolean truncated) {

    public int length() {
        return ids.length;
    }
}
