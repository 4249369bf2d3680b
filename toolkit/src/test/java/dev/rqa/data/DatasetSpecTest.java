package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSpecTest {

    @Test
    void registeredNameWithSubset() {
        DatasetSpec spec = DatasetSpec.parse("cmrc2018?queries=100&other-passages=500");

        assertEquals(DatasetSpec.Kind.REGISTERED, spec.kind());
        assertEquals("cmrc2018", spec.name());
        assertEquals(DatasetSubset.firstQueries(100, 500), spec.subset());
    }

    @Test
    void squadListsFiles() {
        DatasetSpec spec = DatasetSpec.parse("squad:a/dev.json, b/trial.json");

        assertEquals(DatasetSpec.Kind.SQUAD, spec.kind());
        assertEquals(List.of(Path.of("a/dev.json"), Path.of("b/trial.json")), spec.paths());
    }

    @Test
    void beirSplitDefaultsToTest() {
        assertEquals("test", DatasetSpec.parse("beir:/data/scifact").split());
        assertEquals("dev", DatasetSpec.parse("beir:/data/scifact#dev").split());
        assertEquals("dev", DatasetSpec.parse("beir:/data/scifact?split=dev").split());
        assertEquals(Path.of("/data/scifact"), DatasetSpec.parse("beir:/data/scifact#dev?queries=5").paths().get(0));
    }

    @Test
    void t2rankingTakesPassageLimit() {
        DatasetSpec spec = DatasetSpec.parse("t2ranking:/data/t2?passages=10000");

        assertEquals(DatasetSpec.Kind.T2RANKING, spec.kind());
        assertEquals(OptionalInt.of(10000), spec.passages());
        assertNull(spec.name());
    }

    @Test
    void passagesOptionOnlyForT2ranking() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetSpec.parse("cmrc2018?passages=10"));

        assertTrue(error.getMessage().contains("passages=N applies only to t2ranking"), error.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetSpec.parse("cmrc2018?query=10"));

        assertTrue(error.getMessage().contains("unknown option 'query'"), error.getMessage());
    }

    @Test
    void nonNumericCountIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetSpec.parse("cmrc2018?queries=ten"));

        assertTrue(error.getMessage().contains("queries=ten"), error.getMessage());
    }

    @Test
    void conflictingSplitsAreRejected() {
        assertThrows(InvalidInputException.class, () -> DatasetSpec.parse("beir:/d#dev?split=test"));
    }

    @Test
    void missingFolderIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> DatasetSpec.parse("beir:"));

        assertTrue(error.getMessage().contains("names no folder"), error.getMessage());
    }

    @Test
    void unknownNameListsKnownNamesAndForms() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetRegistry.standard().load("cmrc2019", TestData.offlineFetcher(null, Path.of("unused"))));

        assertTrue(error.getMessage().contains("unknown dataset 'cmrc2019'"), error.getMessage());
        assertTrue(error.getMessage().contains("Known datasets: cmrc2018"), error.getMessage());
        assertTrue(error.getMessage().contains("squad:FILE[,FILE...]"), error.getMessage());
        assertTrue(error.getMessage().contains("beir:DIR[#SPLIT]"), error.getMessage());
        assertTrue(error.getMessage().contains("t2ranking:DIR[?passages=N]"), error.getMessage());
    }
}
