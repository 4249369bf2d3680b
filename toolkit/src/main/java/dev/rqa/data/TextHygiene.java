package dev.rqa.data;

/** Text clean-up applied to queries and passages before tokenising, as the reproduced pipelines do. */
public final class TextHygiene {

    private TextHygiene() {
    }

    /**
     * Removes every ASCII space (U+0020) and nothing else, as RocketQA's readers do for Chinese input
     * ({@code sample[i].replace(' ', '')} in {@code rocketqa/reader/reader_de_predict.py} when
     * {@code for_cn} is set). Tabs, line breaks, no-break spaces and the ideographic space U+3000 stay.
     */
    public static String removeAsciiSpaces(String text) {
        return text.indexOf(' ') < 0 ? text : text.replace(" ", "");
    }

    /**
     * Joins a title and a text as {@code title + separator + text}, the single-text input that BEIR-style
     * evaluations (PaddleNLP's T2Ranking benchmark uses a space) feed a passage encoder. A blank title
     * gives the text alone, so untitled passages get no leading separator.
     */
    public static String joinTitle(String title, String text, String separator) {
        if (title == null || title.isBlank()) {
            return text;
        }
        return title + separator + text;
    }

    /** Joins a passage's title and text; see {@link #joinTitle(String, String, String)}. */
    public static String joinTitle(Passage passage, String separator) {
        return joinTitle(passage.title(), passage.text(), separator);
    }
}
