package dev.rqa.cli;

import dev.rqa.eval.Reproduction;
import dev.rqa.eval.ReproductionResult;
import dev.rqa.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rqa tables}: the DualEncoder, CrossEncoder and T2Ranking tables for every model available locally. */
@Command(name = "tables",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduces the published RocketQA-zh tables with the models available locally.",
            "The DualEncoder and CrossEncoder tables (MRR@10, Recall@1, Recall@50)",
            "for every model available locally, beside the published values with the difference per cell, and the",
            "MTEB-style T2Ranking first-10000 table when --t2ranking is given. Missing models are listed as missing."})
public final class TablesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "cmrc2018", paramLabel = "DATASET",
            description = "Dataset of the DualEncoder and CrossEncoder tables (default: ${DEFAULT-VALUE}). The"
                    + " published values are from DuReader-retrieval dev; give it as beir:DIR if you have it.")
    private String dataset;

    @Option(names = "--t2ranking", paramLabel = "DIR",
            description = "Directory with T2Ranking's collection.tsv, queries.dev.tsv and qrels.dev.tsv.")
    private Path t2ranking;

    @Option(names = "--recall-model", paramLabel = "MODEL",
            description = "Dual encoder whose top 50 every cross encoder re-ranks (default: rocketqa-zh-base when"
                    + " available, else bge-small-zh-v1.5).")
    private String recallModel;

    @Option(names = "--out", defaultValue = "runs/tables", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private ModelOptions modelOptions;

    @Override
    public Integer call() {
        Reproduction reproduction = Reproduction.on(dataset).overrides(modelOptions.overrides());
        if (t2ranking != null) {
            reproduction = reproduction.t2ranking(t2ranking);
        }
        if (recallModel != null) {
            reproduction = reproduction.recallModel(recallModel);
        }
        ReproductionResult result = reproduction.run(modelOptions.loader());
        Report.Output output = result.writeTo(out, CommandLines.quote("rqa",
                spec.commandLine().getParseResult().originalArgs()));

        PrintWriter writer = spec.commandLine().getOut();
        writer.println(result.dualEncoder().toText());
        writer.println(result.crossEncoder().toText());
        writer.println(result.t2ranking().toText());
        writer.printf("tables written to %s and %s%n", output.markdown(), output.html());
        return 0;
    }
}
