package dev.rqa.report;

import java.util.List;

/** Renders a {@link ResultTable} as aligned text, Markdown or an HTML fragment. */
final class TableRenderer {

    private static final String COLUMN_GAP = "  ";

    private TableRenderer() {
    }

    static String text(ResultTable table) {
        List<String> headers = table.headers();
        List<List<String>> rows = table.formattedRows();
        List<ColumnFormat> formats = table.formats();

        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = displayWidth(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], displayWidth(row.get(c)));
            }
        }

        StringBuilder out = new StringBuilder();
        if (!table.title().isEmpty()) {
            out.append(table.title()).append('\n');
        }
        appendTextLine(out, headers, widths, formats);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : COLUMN_GAP).append("-".repeat(widths[c]));
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            appendTextLine(out, row, widths, formats);
        }
        for (String note : table.notes()) {
            out.append("* ").append(note).append('\n');
        }
        return out.toString();
    }

    static String markdown(ResultTable table) {
        List<ColumnFormat> formats = table.formats();
        StringBuilder out = new StringBuilder();
        if (!table.title().isEmpty()) {
            out.append("**").append(escapeMarkdown(table.title())).append("**\n\n");
        }

        out.append('|');
        for (String header : table.headers()) {
            out.append(' ').append(escapeMarkdown(header)).append(" |");
        }
        out.append("\n|");
        for (ColumnFormat format : formats) {
            out.append(format.isNumeric() ? " ---: |" : " :--- |");
        }
        out.append('\n');
        for (List<String> row : table.formattedRows()) {
            out.append('|');
            for (String cell : row) {
                out.append(' ').append(escapeMarkdown(cell)).append(" |");
            }
            out.append('\n');
        }

        if (!table.notes().isEmpty()) {
            out.append('\n');
            for (String note : table.notes()) {
                out.append("- ").append(escapeMarkdown(note)).append('\n');
            }
        }
        return out.toString();
    }

    static String html(ResultTable table) {
        List<ColumnFormat> formats = table.formats();
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"rqa-result\">\n<table class=\"rqa-table\" style=\"border-collapse:collapse\">\n");
        if (!table.title().isEmpty()) {
            out.append("<caption style=\"text-align:left;font-weight:bold\">").append(Html.escape(table.title()))
                    .append("</caption>\n");
        }

        out.append("<thead><tr>");
        List<String> headers = table.headers();
        for (int c = 0; c < headers.size(); c++) {
            out.append("<th style=\"").append(cellStyle(formats.get(c))).append("\">")
                    .append(Html.escape(headers.get(c))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.formattedRows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean missing = formats.get(c).isNumeric() && ColumnFormat.MISSING.equals(cell);
                out.append("<td").append(missing ? " class=\"missing\"" : "").append(" style=\"")
                        .append(cellStyle(formats.get(c))).append(missing ? ";color:#a33" : "").append("\">")
                        .append(Html.escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");

        if (!table.notes().isEmpty()) {
            out.append("<ul class=\"rqa-notes\">\n");
            for (String note : table.notes()) {
                out.append("<li>").append(Html.escape(note)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</div>\n");
        return out.toString();
    }

    /**
     * Returns the number of terminal columns a string occupies: East Asian wide and full-width
     * characters (CJK ideographs, Hangul, full-width forms) take two.
     */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += isWide(codePoint) ? 2 : 1;
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** Escapes backslashes and pipes and joins lines, so a value stays inside one GitHub-flavoured Markdown table cell. */
    static String escapeMarkdown(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ');
    }

    private static void appendTextLine(StringBuilder out, List<String> cells, int[] widths, List<ColumnFormat> formats) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - displayWidth(cell));
            line.append(c == 0 ? "" : COLUMN_GAP);
            if (formats.get(c).isNumeric()) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(padding);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cellStyle(ColumnFormat format) {
        return "padding:2px 8px;border-bottom:1px solid #ddd;text-align:" + (format.isNumeric() ? "right" : "left");
    }

    private static boolean isWide(int codePoint) {
        return (codePoint >= 0x1100 && codePoint <= 0x115F)
                || (codePoint >= 0x2E80 && codePoint <= 0x303E)
                || (codePoint >= 0x3041 && codePoint <= 0x33FF)
                || (codePoint >= 0x3400 && codePoint <= 0x4DBF)
                || (codePoint >= 0x4E00 && codePoint <= 0x9FFF)
                || (codePoint >= 0xA000 && codePoint <= 0xA4CF)
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3)
                || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F)
                || (codePoint >= 0xFF00 && codePoint <= 0xFF60)
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
                || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
    }
}
