package dev.rqa.notebook;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook parameters read from RQA_* variables. */
class NotebookParametersTest {

    private static final EnvironmentInfo ENVIRONMENT = new EnvironmentInfo("0.1.0", "Debian 17.0.15",
            "Linux 6.1 amd64", "AMD EPYC", 2, "PyTorch 2.7.1", "intra-op 2, inter-op 2", "0.36.0", "cpu()", "0",
            6L << 30, "2025-01-01T00:00:00Z", "test-host");

    @Test
    void defaultsForFullRun() {
        NotebookParameters parameters = NotebookParameters.from(Map.of());

        assertEquals("cmrc2018", parameters.dataset());
        assertEquals("cmrc2018", parameters.datasetSpec());
        assertEquals(List.of(), parameters.models());
        assertEquals(List.of("base", "medium", "mini", "micro", "nano"), parameters.sizes());
        assertEquals(List.of("cpu", "gpu"), parameters.devices());
        assertEquals(OptionalInt.empty(), parameters.sample());
        assertTrue(parameters.t2ranking().isEmpty());
        assertTrue(parameters.out().isEmpty());
        assertEquals("", parameters.assignments());
    }

    @Test
    void valuesReadAndTrimmed() {
        NotebookParameters parameters = NotebookParameters.from(Map.of(
                "RQA_MODELS", " bge-small-zh-v1.5 , bge-small-zh ", "RQA_SIZES", "micro,nano", "RQA_DEVICES", "CPU",
                "RQA_T2RANKING", "/data/t2", "RQA_OUT", "/tmp/out", "RQA_PASSAGES", "40", "UNRELATED", "x"));

        assertEquals(List.of("bge-small-zh-v1.5", "bge-small-zh"), parameters.models());
        assertEquals(List.of("micro", "nano"), parameters.sizes());
        assertEquals(List.of("cpu"), parameters.devices());
        assertEquals(Path.of("/data/t2"), parameters.t2ranking().orElseThrow());
        assertEquals(Path.of("/tmp/out"), parameters.out().orElseThrow());
        assertEquals(40, parameters.passages().getAsInt());
    }

    @Test
    void blankVariableTakesDefault() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_SAMPLE", " ", "RQA_DATASET", ""));

        assertEquals("cmrc2018", parameters.datasetSpec());
        assertEquals("", parameters.assignments());
    }

    @Test
    void sampleAddsQueryOption() {
        assertEquals("cmrc2018?queries=30", NotebookParameters.from(Map.of("RQA_SAMPLE", "30")).datasetSpec());
        assertEquals("cmrc2018?other-passages=10&queries=30", NotebookParameters.from(Map.of(
                "RQA_SAMPLE", "30", "RQA_DATASET", "cmrc2018?other-passages=10")).datasetSpec());
    }

    @Test
    void sampleConflictsWithQueryOption() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_SAMPLE", "30",
                "RQA_DATASET", "cmrc2018?queries=10"));

        InvalidInputException error = assertThrows(InvalidInputException.class, parameters::datasetSpec);
        assertTrue(error.getMessage().contains("RQA_SAMPLE=30"), error.getMessage());
    }

    @Test
    void invalidValuesNameVariable() {
        assertTrue(message(Map.of("RQA_SAMPLE", "thirty")).contains("RQA_SAMPLE=thirty"));
        assertTrue(message(Map.of("RQA_SAMPLE", "0")).contains("RQA_SAMPLE=0"));
        assertTrue(message(Map.of("RQA_SIZES", "base,large")).contains("'large'"));
        assertTrue(message(Map.of("RQA_DEVICES", "tpu")).contains("RQA_DEVICES"));
        assertTrue(message(Map.of("RQA_MODELS", "a,,b")).contains("empty item"));
    }

    @Test
    void assignmentsQuoteForShell() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_DATASET", "cmrc2018?queries=30&other-passages=60",
                "RQA_SIZES", "micro,nano", "RQA_OUT", "/tmp/out"));

        assertEquals("RQA_DATASET='cmrc2018?queries=30&other-passages=60' RQA_SIZES=micro,nano",
                parameters.assignments());
        assertEquals("RQA_DATASET='cmrc2018?queries=30&other-passages=60' RQA_SIZES=micro,nano"
                + " environment/run-notebooks.sh notebooks/01-dual-encoder.ipynb",
                parameters.notebookCommand("01-dual-encoder"));
    }

    @Test
    void describeListsEnvironmentAndParameters() {
        ResultTable table = NotebookParameters.from(Map.of("RQA_SAMPLE", "30")).describe(ENVIRONMENT);

        List<List<String>> rows = table.formattedRows();
        assertEquals(List.of("toolkit_version", "0.1.0"), rows.get(0));
        assertTrue(rows.contains(List.of("RQA_SAMPLE", "30")), rows.toString());
        assertTrue(rows.contains(List.of("RQA_DATASET", "cmrc2018 (default)")), rows.toString());
        assertTrue(rows.contains(List.of("dataset spec", "cmrc2018?queries=30")), rows.toString());
    }

    private static String message(Map<String, String> variables) {
        return assertThrows(InvalidInputException.class, () -> NotebookParameters.from(variables)).getMessage();
    }

    @Test
    void sweepReadsItsVariables() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_SIZES", "micro,nano", "RQA_DEVICES", "cpu",
                "RQA_PASSAGES", "40", "RQA_QUERIES", "10", "RQA_RECALL", "5", "RQA_SAMPLE", "30"));

        var settings = parameters.sizeSweep().settings();

        assertEquals(List.of("micro", "nano"), settings.sizes());
        assertEquals(List.of("bge-small-zh-v1.5", "bge-small-zh"), settings.models());
        assertEquals(List.of("cpu"), settings.devices());
        assertEquals("cmrc2018?queries=30", settings.dataset());
        assertEquals(40, settings.passages());
        assertEquals(10, settings.queries());
        assertEquals(5, settings.recall());
    }

    @Test
    void sweepModelsSkipRocketqaSizes() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_MODELS",
                "rocketqa-zh-base,bge-small-zh,rocketqa-zh-nano"));

        assertEquals(List.of("bge-small-zh"), parameters.sweepModels());
    }

    @Test
    void invalidRecallNamesVariable() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> NotebookParameters.from(Map.of("RQA_RECALL", "0")));

        assertTrue(error.getMessage().contains("RQA_RECALL=0"), error.getMessage());
    }

    @Test
    void qualitySweepSkipsSizesWithoutWeights() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_SIZES", "micro,nano"));

        var settings = parameters.qualitySweep(ModelLoader.create(Device.cpu())).settings();

        assertEquals(List.of(), settings.sizes());
        assertEquals(List.of("bge-small-zh-v1.5", "bge-small-zh"), settings.models());
    }

    @Test
    void qualitySweepWithoutRealWeightsRejected() {
        NotebookParameters parameters = NotebookParameters.from(Map.of("RQA_SIZES", "nano", "RQA_MODELS",
                "rocketqa-zh-nano"));

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> parameters.qualitySweep(ModelLoader.create(Device.cpu())));

        assertTrue(error.getMessage().contains("[nano]"), error.getMessage());
        assertTrue(error.getMessage().contains("rqa models --download"), error.getMessage());
    }
}
