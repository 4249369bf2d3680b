package dev.rqa.report;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Fingerprint of the machine and software that produced a result, recorded with every report so
 * that speed and quality figures can be traced to their environment.
 *
 * <p>A probe that fails is logged and its field set to {@link #UNKNOWN}, so an unreadable field
 * never makes the capture fail.
 *
 * @param toolkitVersion      rqa version from the jar manifest, or "development" when run from classes
 * @param jdk                 JVM vendor and version
 * @param os                  operating system name, version and architecture
 * @param cpuModel            processor model from {@code /proc/cpuinfo}
 * @param availableProcessors logical processors the JVM may use
 * @param engine              deep learning engine and its version, for example "PyTorch 2.7.1"
 * @param engineThreads       PyTorch intra-op and inter-op thread counts
 * @param djlVersion          DJL version
 * @param devices             devices the engine can use, for example "gpu(0), gpu(1)" or "cpu()"
 * @param gpuCount            GPUs the engine can use, as text because it may be unknown
 * @param maxHeapBytes        maximum JVM heap in bytes
 * @param timestamp           capture time, ISO-8601 UTC to the second
 * @param hostname            host name
 */
public record EnvironmentInfo(String toolkitVersion, String jdk, String os, String cpuModel, int availableProcessors,
                              String engine, String engineThreads, String djlVersion, String devices,
                              String gpuCount, long maxHeapBytes, String timestamp, String hostname) {

    public static final String UNKNOWN = "unknown";

    /** Value of the engine fields when the capture was asked not to load the engine. */
    public static final String NOT_LOADED = "not loaded";

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentInfo.class);
    private static final String ENGINE_NAME = "PyTorch";

    /** Replaces null or blank text fields with {@link #UNKNOWN}, so every field prints as something. */
    public EnvironmentInfo {
        toolkitVersion = orUnknown(toolkitVersion);
        jdk = orUnknown(jdk);
        os = orUnknown(os);
        cpuModel = orUnknown(cpuModel);
        engine = orUnknown(engine);
        engineThreads = orUnknown(engineThreads);
        djlVersion = orUnknown(djlVersion);
        devices = orUnknown(devices);
        gpuCount = orUnknown(gpuCount);
        timestamp = orUnknown(timestamp);
        hostname = orUnknown(hostname);
    }

    /**
     * Captures the environment, loading DJL's PyTorch engine to read its version, threads and
     * devices. Loading libtorch takes a few seconds the first time in a JVM and nothing after.
     */
    public static EnvironmentInfo capture() {
        return capture(true);
    }

    /** Captures the environment without loading the deep learning engine, for reports that never used it. */
    public static EnvironmentInfo captureWithoutEngine() {
        return capture(false);
    }

    private static EnvironmentInfo capture(boolean loadEngine) {
        Runtime runtime = Runtime.getRuntime();
        String engine = NOT_LOADED;
        String threads = NOT_LOADED;
        String devices = NOT_LOADED;
        String gpus = NOT_LOADED;

        if (loadEngine) {
            Engine pytorch = read("PyTorch engine", () -> Engine.getEngine(ENGINE_NAME), null);
            if (pytorch == null) {
                engine = UNKNOWN;
                threads = UNKNOWN;
                devices = UNKNOWN;
                gpus = UNKNOWN;
            } else {
                engine = ENGINE_NAME + " " + read("engine version", pytorch::getVersion, UNKNOWN);
                threads = pytorchThreads(runtime.availableProcessors());
                devices = read("engine devices", () -> describe(pytorch.getDevices()), UNKNOWN);
                gpus = read("GPU count", () -> Integer.toString(pytorch.getGpuCount()), UNKNOWN);
            }
        }

        return new EnvironmentInfo(
                readToolkitVersion(),
                System.getProperty("java.vendor", UNKNOWN) + " " + System.getProperty("java.version", UNKNOWN),
                System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", UNKNOWN) + " "
                        + System.getProperty("os.arch", UNKNOWN),
                readCpuModel(),
                runtime.availableProcessors(),
                engine,
                threads,
                read("DJL version", Engine::getDjlVersion, UNKNOWN),
                devices,
                gpus,
                runtime.maxMemory(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                readHostname());
    }

    /** Returns the fields in display order under snake_case keys, with the heap in GiB. */
    public Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("toolkit_version", toolkitVersion);
        values.put("jdk", jdk);
        values.put("os", os);
        values.put("cpu_model", cpuModel);
        values.put("available_processors", Integer.toString(availableProcessors));
        values.put("engine", engine);
        values.put("engine_threads", engineThreads);
        values.put("djl_version", djlVersion);
        values.put("devices", devices);
        values.put("gpu_count", gpuCount);
        values.put("max_heap", maxHeapBytes == Long.MAX_VALUE ? "no limit"
                : String.format(Locale.ROOT, "%.1f GiB", maxHeapBytes / (double) (1L << 30)));
        values.put("timestamp", timestamp);
        values.put("hostname", hostname);
        return Collections.unmodifiableMap(values);
    }

    /** Returns a two-column Markdown table (field, value). */
    public String toMarkdown() {
        return ResultTable.keyValue("Environment", asMap()).toMarkdown();
    }

    /** Returns a two-column Tablesaw table (field, value). */
    public Table toTable() {
        Table table = Table.create("Environment");
        StringColumn fields = StringColumn.create("field");
        StringColumn values = StringColumn.create("value");
        asMap().forEach((field, value) -> {
            fields.append(field);
            values.append(value);
        });
        return table.addColumns(fields, values);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value.strip();
    }

    private static String readToolkitVersion() {
        String version = EnvironmentInfo.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /**
     * Returns the intra-op and inter-op thread counts that libtorch reports. When they cannot be
     * read, falls back to DJL's {@code ai.djl.pytorch.num_threads} property, then to the processor
     * count, and names the fallback the value came from.
     */
    private static String pytorchThreads(int processors) {
        String reported = read("PyTorch thread counts", () -> "intra-op " + JniUtils.getNumThreads() + ", inter-op "
                + JniUtils.getNumInteropThreads(), null);
        if (reported != null) {
            return reported;
        }
        String property = System.getProperty("ai.djl.pytorch.num_threads");
        if (property != null) {
            return "intra-op " + property + " (from ai.djl.pytorch.num_threads)";
        }
        return "intra-op " + processors + " (assumed: processor count)";
    }

    private static String describe(Device[] devices) {
        return Arrays.stream(devices).map(Device::toString).collect(Collectors.joining(", "));
    }

    /** Returns the processor model: x86 lists "model name", ARM kernels often "Hardware" or "Processor". */
    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return UNKNOWN;
        }
        List<String> lines = read("CPU model", () -> {
            try {
                return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, List.of());
        for (String key : List.of("model name", "Hardware", "Processor", "cpu model")) {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    String value = line.substring(colon + 1).strip();
                    if (!value.isEmpty()) {
                        return value.replaceAll("\\s+", " ");
                    }
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * Returns the host name from the kernel where Linux exposes it, because
     * {@code InetAddress.getLocalHost()} can block for seconds on a host without DNS.
     */
    private static String readHostname() {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            String name = read("host name", () -> {
                try {
                    return Files.readString(kernel, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "");
            if (!name.isEmpty()) {
                return name;
            }
        }
        String environment = System.getenv("HOSTNAME");
        if (environment == null) {
            environment = System.getenv("COMPUTERNAME");
        }
        if (environment != null && !environment.isBlank()) {
            return environment.strip();
        }
        return read("host name", () -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, UNKNOWN);
    }

    /**
     * Runs one probe, returning {@code fallback} when it fails. Linkage errors are caught too,
     * because a missing or broken native library surfaces as {@link UnsatisfiedLinkError}.
     */
    private static <T> T read(String field, Supplier<T> probe, T fallback) {
        try {
            T value = probe.get();
            return value == null ? fallback : value;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Could not read the {} for the environment fingerprint: {}", field, e.toString());
            return fallback;
        }
    }
}
