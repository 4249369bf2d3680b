package dev.rqa.model.registry;

import dev.rqa.encode.EncodingSettings;
import dev.rqa.encode.TitleMode;
import dev.rqa.index.Similarity;

/**
 * Settings a user changes on top of a model's registry defaults; null fields keep the default.
 *
 * @param queryMaxLength   maximum query tokens, special tokens included
 * @param passageMaxLength maximum passage tokens, special tokens included
 * @param queryPrefix      text prepended to queries
 * @param lowercase        lower-case before WordPiece
 * @param removeSpaces     delete ASCII spaces before tokenising
 * @param titleMode        how passage titles enter the input
 * @param similarity       how query and passage vectors are compared
 */
public record EncodingOverrides(Integer queryMaxLength, Integer passageMaxLength, String queryPrefix,
                                Boolean lowercase, Boolean removeSpaces, TitleMode titleMode,
                                Similarity similarity) {

    public static final EncodingOverrides NONE = new EncodingOverrides(null, null, null, null, null, null, null);

    public EncodingOverrides withMaxLengths(Integer query, Integer passage) {
        return new EncodingOverrides(query, passage, queryPrefix, lowercase, removeSpaces, titleMode, similarity);
    }

    public EncodingOverrides withQueryPrefix(String prefix) {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, prefix, lowercase, removeSpaces, titleMode,
                similarity);
    }

    public EncodingOverrides withLowercase(Boolean value) {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, queryPrefix, value, removeSpaces, titleMode,
                similarity);
    }

    public EncodingOverrides withRemoveSpaces(Boolean value) {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, queryPrefix, lowercase, value, titleMode,
                similarity);
    }

    public EncodingOverrides withTitleMode(TitleMode value) {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, queryPrefix, lowercase, removeSpaces, value,
                similarity);
    }

    public EncodingOverrides withSimilarity(Similarity value) {
        return new EncodingOverrides(queryMaxLength, passageMaxLength, queryPrefix, lowercase, removeSpaces, titleMode,
                value);
    }

    /** Returns the defaults with every non-null override applied. */
    public EncodingSettings applyTo(EncodingSettings defaults) {
        EncodingSettings settings = defaults.withMaxLengths(
                queryMaxLength != null ? queryMaxLength : defaults.queryMaxLength(),
                passageMaxLength != null ? passageMaxLength : defaults.passageMaxLength());
        if (queryPrefix != null) {
            settings = settings.withQueryPrefix(queryPrefix);
        }
        if (lowercase != null) {
            settings = settings.withLowercase(lowercase);
        }
        if (removeSpaces != null) {
            settings = settings.withRemoveSpaces(removeSpaces);
        }
        if (titleMode != null) {
            settings = settings.withTitleMode(titleMode);
        }
        return settings;
    }
}
