package dev.rqa.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rqa.model.EngineThreads;
import dev.rqa.model.PyTorchEngine;
import dev.rqa.model.TransformerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures the float32 matrix product throughput of the PyTorch engine on this machine, the
 * ceiling against which an encoder's speed is judged.
 *
 * <p>Each product is timed two ways, best of several runs: one product using the engine's
 * intra-op threads, and one product per worker at once on single-threaded workers (as the
 * encoder runs batches), counted together. The peak is the best figure of all, so an encoder's
 * fraction of it is never flattered by a badly parallelised probe.
 */
public final class MatmulProbe {

    /** Side of the square product. */
    static final int SQUARE = 2048;

    /**
     * A product [m, k] x [k, n].
     *
     * @param label what the product is in the model
     */
    public record Product(String label, long m, long k, long n) {

        public double flops() {
            return 2.0 * m * k * n;
        }
    }

    /**
     * Throughput of one product.
     *
     * @param product          the product
     * @param singleGflops     one product on the engine's intra-op threads, GFLOP/s
     * @param concurrentGflops one product per worker at once, single-threaded, GFLOP/s of all together
     */
    public record Measurement(Product product, double singleGflops, double concurrentGflops) {
    }

    /**
     * @param intraOpThreads engine threads used by one product
     * @param workers        single-threaded workers of the concurrent runs
     * @param repeats        timed runs per figure; the best is kept
     */
    public record Result(int intraOpThreads, int workers, int repeats, List<Measurement> measurements) {

        public Result {
            measurements = List.copyOf(measurements);
        }

        /** Returns the best throughput measured, GFLOP/s. */
        public double peakGflops() {
            double peak = 0;
            for (Measurement measurement : measurements) {
                peak = Math.max(peak, Math.max(measurement.singleGflops(), measurement.concurrentGflops()));
            }
            return peak;
        }
    }

    private MatmulProbe() {
    }

    /**
     * Returns a square product and the four products of one encoder layer over {@code rows} tokens:
     * fused Q/K/V projection, attention output, and the two feed-forward products.
     */
    public static List<Product> products(TransformerConfig config, int rows) {
        long h = config.hiddenSize();
        long ffn = config.intermediateSize();
        return List.of(
                new Product("square", SQUARE, SQUARE, SQUARE),
                new Product("fused Q/K/V projection", rows, h, 3 * h),
                new Product("attention output", rows, h, h),
                new Product("feed-forward in", rows, h, ffn),
                new Product("feed-forward out", rows, ffn, h));
    }

    /** Times every product both ways; {@code workers} is also the thread count of the comparison. */
    public static Result run(List<Product> products, int workers, int repeats) {
        if (workers < 1 || repeats < 1) {
            throw new IllegalArgumentException("workers and repeats must be >= 1, got " + workers + " and " + repeats);
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Product product : products) {
            double single = product.flops() / bestSingle(product, repeats) / 1e9;
            double concurrent = workers * product.flops() / bestConcurrent(product, workers, repeats) / 1e9;
            measurements.add(new Measurement(product, single, concurrent));
        }
        return new Result(EngineThreads.intraOpThreads(), workers, repeats, measurements);
    }

    /** Returns the best seconds of one product on the calling thread, after one untimed run. */
    private static double bestSingle(Product product, int repeats) {
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray left = manager.randomNormal(new Shape(product.m(), product.k()));
            NDArray right = manager.randomNormal(new Shape(product.k(), product.n()));
            left.matMul(right).close();
            double best = Double.MAX_VALUE;
            for (int run = 0; run < repeats; run++) {
                long start = System.nanoTime();
                left.matMul(right).close();
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return best;
        }
    }

    /**
     * Returns the best seconds from the first worker's start to the last worker's end, with every
     * worker running one product at once. Workers line up at a barrier before each run.
     */
    private static double bestConcurrent(Product product, int workers, int repeats) {
        ExecutorService pool = EngineThreads.workers(workers);
        CyclicBarrier barrier = new CyclicBarrier(workers);
        List<Future<long[][]>> futures = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            futures.add(pool.submit(() -> timeOnWorker(product, repeats, barrier)));
        }

        long[] starts = new long[repeats];
        long[] ends = new long[repeats];
        Arrays.fill(starts, Long.MAX_VALUE);
        Arrays.fill(ends, Long.MIN_VALUE);
        try {
            for (Future<long[][]> future : futures) {
                long[][] times = future.get(30, TimeUnit.MINUTES);
                for (int run = 0; run < repeats; run++) {
                    starts[run] = Math.min(starts[run], times[0][run]);
                    ends[run] = Math.max(ends[run], times[1][run]);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            barrier.reset();
            throw new IllegalStateException("matrix product probe failed on a worker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            barrier.reset();
            throw new IllegalStateException("interrupted while probing matrix products", e);
        }

        double best = Double.MAX_VALUE;
        for (int run = 0; run < repeats; run++) {
            best = Math.min(best, (ends[run] - starts[run]) / 1e9);
        }
        return best;
    }

    private static long[][] timeOnWorker(Product product, int repeats, CyclicBarrier barrier)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        long[][] times = new long[2][repeats];
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray left = manager.randomNormal(new Shape(product.m(), product.k()));
            NDArray right = manager.randomNormal(new Shape(product.k(), product.n()));
            left.matMul(right).close();
            for (int run = 0; run < repeats; run++) {
                barrier.await(10, TimeUnit.MINUTES);
                times[0][run] = System.nanoTime();
                left.matMul(right).close();
                times[1][run] = System.nanoTime();
            }
        }
        return times;
    }

    /** Returns the probe as a table. */
    public static String format(Result result) {
        StringBuilder text = new StringBuilder();
        Engine engine = PyTorchEngine.get();
        text.append(String.format(Locale.ROOT, "float32 matrix products, DJL %s with PyTorch %s (CPU), best of %d%n",
                Engine.getDjlVersion(), engine.getVersion(), result.repeats()));
        String single = "1 product, " + threads(result.intraOpThreads()) + " (GFLOP/s)";
        String concurrent = result.workers() + " at once, 1 thread each (GFLOP/s)";
        String header = "%-24s %-20s %" + single.length() + "s %" + concurrent.length() + "s%n";
        String row = "%-24s %-20s %" + single.length() + ".1f %" + concurrent.length() + ".1f%n";
        text.append(String.format(Locale.ROOT, header, "product", "m x k x n", single, concurrent));
        for (Measurement measurement : result.measurements()) {
            Product product = measurement.product();
            text.append(String.format(Locale.ROOT, row, product.label(),
                    product.m() + " x " + product.k() + " x " + product.n(), measurement.singleGflops(),
                    measurement.concurrentGflops()));
        }
        text.append(String.format(Locale.ROOT, "peak float32 matrix product throughput: %.1f GFLOP/s%n",
                result.peakGflops()));
        return text.toString();
    }

    private static String threads(int count) {
        return count == 1 ? "1 thread" : count + " threads";
    }
}
