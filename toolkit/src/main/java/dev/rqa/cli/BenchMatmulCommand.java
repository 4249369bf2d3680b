package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import dev.rqa.bench.LoadAverage;
import dev.rqa.bench.MatmulProbe;
import dev.rqa.model.EngineThreads;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.registry.ModelRegistry;
import dev.rqa.model.registry.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code rqa bench matmul}: prints the float32 matrix product throughput of the PyTorch engine,
 * for a square product and the products of one layer of a registry model.
 */
@Command(name = "matmul",
        mixinStandardHelpOptions = true,
        description = {
            "Measures float32 matrix product throughput through the toolkit's engine.",
            "Each product runs once on the engine's intra-op threads and once per worker at the same time on "
                    + "single-threaded workers; the best of several runs is printed.",
        })
public final class BenchMatmulCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchMatmulCommand.class);

    /** DJL's PyTorch engine reads this property once, when it starts. */
    private static final String DJL_THREADS = "ai.djl.pytorch.num_threads";

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "bge-small-zh-v1.5",
            description = "Registry model whose layer shapes are probed (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--rows", defaultValue = "4096",
            description = "Token rows of the model-shaped products (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--threads", description = "Engine threads and workers (default: available processors).")
    private Integer threads;

    @Option(names = "--repeat", defaultValue = "5",
            description = "Timed runs of each product; the best is printed (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Override
    public Integer call() {
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threadCount);
        }
        if (rows < 1) {
            throw new InvalidInputException("--rows must be at least 1, got " + rows);
        }
        if (repeat < 1) {
            throw new InvalidInputException("--repeat must be at least 1, got " + repeat);
        }
        ModelSpec modelSpec = ModelRegistry.builtIn().get(model);
        TransformerConfig config = modelSpec.architecture();
        if (config == null) {
            throw new InvalidInputException("model '" + model + "' is a pair of encoders; name one of its encoders, "
                    + "such as " + modelSpec.passageModel());
        }
        useEngineThreads(threadCount);

        PrintWriter out = spec.commandLine().getOut();
        MatmulProbe.Result result = MatmulProbe.run(MatmulProbe.products(config, rows), threadCount, repeat);
        out.printf("layer products of %s%n", model);
        out.print(MatmulProbe.format(result));
        out.printf("load average at end: %s%n", LoadAverage.describe());
        out.flush();
        return 0;
    }

    /**
     * Asks the engine for {@code threads} intra-op threads unless the user set the DJL property. The
     * request takes effect only if the engine has not started yet, and a different count is logged.
     */
    static void useEngineThreads(int threads) {
        if (System.getProperty(DJL_THREADS) == null) {
            System.setProperty(DJL_THREADS, Integer.toString(threads));
        }
        int actual = EngineThreads.intraOpThreads();
        if (actual != threads) {
            LOG.warn("the PyTorch engine runs one operation on {} threads (it started before this command, or {}"
                    + " is set); single products are timed with that count", actual, DJL_THREADS);
        }
    }
}
