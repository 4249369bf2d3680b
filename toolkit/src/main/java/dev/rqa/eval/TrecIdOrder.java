package dev.rqa.eval;

/**
 * Orders query and document ids the way trec_eval 9.0.8 does: C {@code strcmp} on the UTF-8 bytes.
 *
 * <p>Comparing UTF-8 bytes as unsigned values gives the same order as comparing Unicode code
 * points. {@link String#compareTo} compares UTF-16 units instead, which puts supplementary
 * characters (emoji, rare CJK ideographs) before U+E000..U+FFFF (for example full-width forms).
 */
public final class TrecIdOrder {

    private TrecIdOrder() {
    }

    /** Compares two ids by Unicode code point, which equals {@code strcmp} on their UTF-8 bytes. */
    public static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointRank(x), codePointRank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * Maps a UTF-16 unit so that surrogates (which start code points above U+FFFF) sort after
     * U+E000..U+FFFF, while keeping the order within each group. Only the first differing unit is
     * ever compared, so a high surrogate stands for its whole code point.
     */
    private static int codePointRank(char unit) {
        if (unit >= 0xE000) {
            return unit - 0x800;
        }
        if (unit >= 0xD800) {
            return unit + 0x2000;
        }
        return unit;
    }
}
