package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rqa} command line. */
@Command(name = "rqa",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Chinese dense retrieval toolkit: encoders, recall, re-ranking and evaluation.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BenchCommand.class,
            DatasetsCommand.class,
            EncodeCommand.class,
            EvaluateCommand.class,
            ModelsCommand.class,
            NotebooksCommand.class,
            ScoreCommand.class,
            TablesCommand.class,
            PublishedCommand.class,
            ReportCommand.class,
            SweepCommand.class,
        })
public final class RqaCli implements Runnable {

    /** Exit status for bad input (unknown name, malformed file); picocli uses 2 for usage errors too. */
    public static final int EXIT_INVALID_INPUT = 2;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Builds the command line with the error handling shared by every subcommand. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RqaCli());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof InvalidInputException) {
                line.getErr().println("error: " + exception.getMessage());
                return EXIT_INVALID_INPUT;
            }
            throw exception;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
