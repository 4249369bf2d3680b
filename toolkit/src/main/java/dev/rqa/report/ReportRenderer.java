package dev.rqa.report;

import java.util.Base64;
import java.util.Map;

/**
 * Renders a {@link Report} as Markdown and as one self-contained HTML page. Both list, in this
 * order: the title, the regeneration command, the settings, the body, and the environment.
 */
final class ReportRenderer {

    private static final String NO_COMMAND = "No command was recorded: this report was built interactively.";

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
                   max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            h1, h2, h3 { line-height: 1.2; }
            pre { background: #f5f5f5; padding: 0.6em 0.8em; overflow-x: auto; }
            table.rqa-table { margin: 0.6em 0; font-size: 0.92em; }
            table.rqa-table th { background: #f0f0f0; }
            ul.rqa-notes { font-size: 0.88em; color: #444; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: 0.9em; color: #555; }
            """;

    private ReportRenderer() {
    }

    static String markdown(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(report.title()).append("\n\n");

        out.append("Regenerate with:\n\n");
        String command = report.commandLine();
        if (command == null) {
            out.append(NO_COMMAND).append("\n\n");
        } else {
            String fence = fence(command);
            out.append(fence).append("shell\n").append(command).append('\n').append(fence).append("\n\n");
        }

        if (!report.settingsGroups().isEmpty()) {
            out.append("## Settings\n\n");
            for (Map.Entry<String, Map<String, String>> group : report.settingsGroups().entrySet()) {
                out.append(ResultTable.keyValue(group.getKey(), group.getValue()).toMarkdown()).append('\n');
            }
        }

        for (Report.Block block : report.blocks()) {
            if (block instanceof Report.Heading heading) {
                out.append("#".repeat(heading.level())).append(' ').append(heading.text()).append("\n\n");
            } else if (block instanceof Report.Paragraph paragraph) {
                out.append(paragraph.text()).append("\n\n");
            } else if (block instanceof Report.Fragment fragment) {
                out.append(fragment.markdown().isEmpty() ? fragment.html() : fragment.markdown()).append("\n\n");
            } else if (block instanceof Report.Preformatted preformatted) {
                String fence = fence(preformatted.text());
                out.append(fence).append("text\n").append(preformatted.text()).append('\n').append(fence)
                        .append("\n\n");
            } else if (block instanceof Report.TableBlock table) {
                out.append(table.table().toMarkdown()).append('\n');
            } else if (block instanceof Report.Image image) {
                out.append("![").append(TableRenderer.escapeMarkdown(image.caption()).replace("]", "\\]"))
                        .append("](").append(image.fileName()).append(")\n\n");
            }
        }

        out.append("## Environment\n\n");
        out.append(ResultTable.keyValue("", report.environmentInfo().asMap()).toMarkdown());
        return out.toString();
    }

    static String html(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(Html.escape(report.title())).append("</h1>\n");

        out.append("<p>Regenerate with:</p>\n");
        String command = report.commandLine();
        if (command == null) {
            out.append("<p>").append(Html.escape(NO_COMMAND)).append("</p>\n");
        } else {
            out.append("<pre><code>").append(Html.escape(command)).append("</code></pre>\n");
        }

        if (!report.settingsGroups().isEmpty()) {
            out.append("<h2>Settings</h2>\n");
            for (Map.Entry<String, Map<String, String>> group : report.settingsGroups().entrySet()) {
                out.append(ResultTable.keyValue(group.getKey(), group.getValue()).toHtml());
            }
        }

        for (Report.Block block : report.blocks()) {
            if (block instanceof Report.Heading heading) {
                out.append("<h").append(heading.level()).append('>').append(Html.escape(heading.text()))
                        .append("</h").append(heading.level()).append(">\n");
            } else if (block instanceof Report.Fragment fragment) {
                String body = fragment.html().isEmpty() ? "<pre>" + Html.escape(fragment.markdown()) + "</pre>"
                        : fragment.html();
                out.append("<div class=\"rqa-fragment\">\n").append(body).append("\n</div>\n");
            } else if (block instanceof Report.Preformatted preformatted) {
                out.append("<pre>").append(Html.escape(preformatted.text())).append("</pre>\n");
            } else if (block instanceof Report.Paragraph paragraph) {
                out.append("<p>").append(Html.escape(paragraph.text()).replace("\n", "<br>\n")).append("</p>\n");
            } else if (block instanceof Report.TableBlock table) {
                out.append(table.table().toHtml());
            } else if (block instanceof Report.Image image) {
                out.append("<figure>\n<img src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(image.png()))
                        .append("\" alt=\"").append(Html.escape(image.caption()))
                        .append("\" width=\"").append(image.width()).append("\" height=\"").append(image.height())
                        .append("\">\n<figcaption>").append(Html.escape(image.caption()))
                        .append("</figcaption>\n</figure>\n");
            }
        }

        out.append("<h2>Environment</h2>\n");
        out.append(ResultTable.keyValue("", report.environmentInfo().asMap()).toHtml());
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** Returns a code fence longer than any run of backticks in the text, so the text cannot close it. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
