package dev.rqa.cli;

import java.util.List;
import java.util.regex.Pattern;

/** Renders a command line that a POSIX shell runs as given, for "regenerate with" notes in reports. */
final class CommandLines {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandLines() {
    }

    static String quote(String program, List<String> arguments) {
        StringBuilder line = new StringBuilder(program);
        for (String argument : arguments) {
            line.append(' ');
            if (SAFE.matcher(argument).matches()) {
                line.append(argument);
            } else {
                line.append('\'').append(argument.replace("'", "'\\''")).append('\'');
            }
        }
        return line.toString();
    }
}
