package dev.rqa.report;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment fingerprint recorded with every report. */
class EnvironmentInfoTest {

    private static final List<String> KEYS = List.of("toolkit_version", "jdk", "os", "cpu_model",
            "available_processors", "engine", "engine_threads", "djl_version", "devices", "gpu_count", "max_heap",
            "timestamp", "hostname");

    @Test
    void captureFieldsPresent() {
        Map<String, String> values = EnvironmentInfo.capture().asMap();

        assertEquals(KEYS, List.copyOf(values.keySet()));
        for (String key : KEYS) {
            assertFalse(values.get(key).isBlank(), key);
        }
    }

    @Test
    void captureReadsEngine() {
        EnvironmentInfo info = EnvironmentInfo.capture();

        assertTrue(info.engine().startsWith("PyTorch "), info.engine());
        assertTrue(info.engineThreads().startsWith("intra-op "), info.engineThreads());
        assertEquals("0.36.0", info.djlVersion());
        assertTrue(info.gpuCount().matches("\\d+"), info.gpuCount());
        assertFalse(info.devices().isBlank());
    }

    @Test
    void captureReadsJvm() {
        EnvironmentInfo info = EnvironmentInfo.capture();

        assertEquals(Runtime.getRuntime().availableProcessors(), info.availableProcessors());
        assertEquals(Runtime.getRuntime().maxMemory(), info.maxHeapBytes());
        assertTrue(info.jdk().contains(System.getProperty("java.version")), info.jdk());
        assertTrue(info.timestamp().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), info.timestamp());
    }

    @Test
    void withoutEngineSaysNotLoaded() {
        EnvironmentInfo info = EnvironmentInfo.captureWithoutEngine();

        assertEquals(EnvironmentInfo.NOT_LOADED, info.engine());
        assertEquals(EnvironmentInfo.NOT_LOADED, info.gpuCount());
        assertEquals("0.36.0", info.djlVersion());
    }

    @Test
    void blankFieldsUnknown() {
        EnvironmentInfo info = new EnvironmentInfo(null, "", " ", null, 1, null, null, null, null, null, 1L << 30,
                null, "");

        for (Map.Entry<String, String> entry : info.asMap().entrySet()) {
            assertFalse(entry.getValue().isBlank(), entry.getKey());
        }
        assertEquals(EnvironmentInfo.UNKNOWN, info.cpuModel());
        assertEquals(EnvironmentInfo.UNKNOWN, info.hostname());
    }

    @Test
    void heapInGibibytes() {
        EnvironmentInfo info = new EnvironmentInfo("v", "j", "o", "c", 1, "e", "t", "d", "cpu()", "0", 6L << 30, "ts",
                "h");

        assertEquals("6.0 GiB", info.asMap().get("max_heap"));
    }

    @Test
    void markdownListsFields() {
        String markdown = EnvironmentInfo.captureWithoutEngine().toMarkdown();

        for (String key : KEYS) {
            assertTrue(markdown.contains("| " + key + " |"), key);
        }
    }

    @Test
    void tableHasOneRowPerField() {
        Table table = EnvironmentInfo.captureWithoutEngine().toTable();

        assertEquals(KEYS.size(), table.rowCount());
        assertEquals(List.of("field", "value"), table.columnNames());
        assertEquals("hostname", table.stringColumn("field").get(KEYS.size() - 1));
    }
}
