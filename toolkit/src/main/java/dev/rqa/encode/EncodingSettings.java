package dev.rqa.encode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything besides the weights that changes an embedding. Every result records these values,
 * because benchmarks disagree on them (RocketQA's readers cut queries at 32 and passages at 384
 * tokens and remove ASCII spaces; PaddleNLP's T2Ranking benchmark uses 512 and keeps spaces).
 *
 * @param queryMaxLength   maximum query tokens, [CLS] and [SEP] included
 * @param passageMaxLength maximum passage tokens, special tokens included
 * @param queryPrefix      text prepended to every query (bge's retrieval instruction), or empty
 * @param passagePrefix    text prepended to every passage, or empty
 * @param lowercase        lower-case before WordPiece
 * @param removeSpaces     delete ASCII spaces before tokenising, as RocketQA's readers do for Chinese
 * @param titleMode        how passage titles are used
 * @param pooling          {@code cls} or {@code mean}
 * @param normalize        L2-normalise vectors after pooling
 */
public record EncodingSettings(int queryMaxLength, int passageMaxLength, String queryPrefix, String passagePrefix,
                               boolean lowercase, boolean removeSpaces, TitleMode titleMode, String pooling,
                               boolean normalize) {

    public EncodingSettings withMaxLengths(int query, int passage) {
        return new EncodingSettings(query, passage, queryPrefix, passagePrefix, lowercase, removeSpaces, titleMode,
                pooling, normalize);
    }

    public EncodingSettings withQueryPrefix(String prefix) {
        return new EncodingSettings(queryMaxLength, passageMaxLength, prefix, passagePrefix, lowercase, removeSpaces,
                titleMode, pooling, normalize);
    }

    public EncodingSettings withLowercase(boolean value) {
        return new EncodingSettings(queryMaxLength, passageMaxLength, queryPrefix, passagePrefix, value, removeSpaces,
                titleMode, pooling, normalize);
    }

    public EncodingSettings withRemoveSpaces(boolean value) {
        return new EncodingSettings(queryMaxLength, passageMaxLength, queryPrefix, passagePrefix, lowercase, value,
                titleMode, pooling, normalize);
    }

    public EncodingSettings withTitleMode(TitleMode mode) {
        return new EncodingSettings(queryMaxLength, passageMaxLength, queryPrefix, passagePrefix, lowercase,
                removeSpaces, mode, pooling, normalize);
    }

    /** Returns the settings as ordered key-value pairs for reports and cache keys. */
    public Map<String, String> describe() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("query_max_length", Integer.toString(queryMaxLength));
        values.put("passage_max_length", Integer.toString(passageMaxLength));
        values.put("query_prefix", queryPrefix);
        values.put("passage_prefix", passagePrefix);
        values.put("lowercase", Boolean.toString(lowercase));
        values.put("remove_spaces", Boolean.toString(removeSpaces));
        values.put("title_mode", titleMode.name().toLowerCase(java.util.Locale.ROOT));
        values.put("pooling", pooling);
        values.put("normalize", Boolean.toString(normalize));
        return values;
    }
}
