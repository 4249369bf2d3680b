package dev.rqa.encode;

import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.data.TextHygiene;

/** Turns queries and passages into encoder inputs according to {@link EncodingSettings}. */
public final class TextPreparation {

    private TextPreparation() {
    }

    public static EncoderInput query(Query query, EncodingSettings settings) {
        String text = clean(query.text(), settings);
        if (text.isBlank()) {
            throw new InvalidInputException("query '" + query.id() + "' has empty text; remove the query or give it"
                    + " text");
        }
        return EncoderInput.of(settings.queryPrefix() + text);
    }

    public static EncoderInput passage(Passage passage, EncodingSettings settings) {
        String text = clean(passage.text(), settings);
        String title = clean(passage.title(), settings);
        if (text.isBlank() && title.isBlank()) {
            throw new InvalidInputException("passage '" + passage.id() + "' has empty text; remove the passage or"
                    + " give it text");
        }
        String prefix = settings.passagePrefix();
        switch (settings.titleMode()) {
            case PAIR:
                return title.isBlank()
                        ? EncoderInput.of(prefix + text)
                        : new EncoderInput(prefix + title, text);
            case CONCAT:
                return EncoderInput.of(prefix + (title.isBlank() ? text : title + " " + text));
            case NONE:
            default:
                if (text.isBlank()) {
                    throw new InvalidInputException("passage '" + passage.id() + "' has empty text and titles are"
                            + " not encoded (title mode none); remove the passage or use --title-mode pair");
                }
                return EncoderInput.of(prefix + text);
        }
    }

    private static String clean(String text, EncodingSettings settings) {
        return settings.removeSpaces() ? TextHygiene.removeAsciiSpaces(text) : text;
    }
}
