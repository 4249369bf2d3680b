package dev.rqa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rqa bench}: speed benchmarks that print figures and ratios against a reference measured in the same run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Speed benchmarks; each prints its figures and the ratio to a reference run in the same process.",
        subcommands = {
            BenchEncodeCommand.class,
            BenchHnswCommand.class,
            BenchMatmulCommand.class,
        })
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
