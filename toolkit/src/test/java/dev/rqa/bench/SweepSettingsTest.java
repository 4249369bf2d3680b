package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepSettingsTest {

    @Test
    void defaultsFollowPublishedTiming() {
        SweepSettings settings = SweepSettings.defaults(SweepSettings.SIZES);
        assertEquals(1398, settings.passages());
        assertEquals(30, settings.recall());
        assertEquals(384, settings.maxLength());
        assertEquals(List.of("cpu"), settings.devices());
    }

    @Test
    void unknownSizeListsSizes() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SizeSweep.of("large").settings());
        assertTrue(error.getMessage().contains("'large'"), error.getMessage());
        assertTrue(error.getMessage().contains("nano"), error.getMessage());
    }

    @Test
    void recallBeyondPassagesIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SizeSweep.of("nano").passages(10).recall(30).settings());
        assertTrue(error.getMessage().contains("--recall 30 exceeds --passages 10"), error.getMessage());
    }

    @Test
    void emptySweepIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> SizeSweep.of().settings());
        assertTrue(error.getMessage().contains("nothing to measure"), error.getMessage());
    }

    @Test
    void crossEncoderCannotBeSweptAsModel() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SizeSweep.of().models("rocketqa-nano-cross-encoder").run());
        assertTrue(error.getMessage().contains("--models takes dual encoders"), error.getMessage());
    }

    @Test
    void maxLengthBeyondPositionsIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SizeSweep.of().models("bge-small-zh-v1.5").maxLength(600).run());
        assertTrue(error.getMessage().contains("exceeds the 512 positions of bge-small-zh-v1.5"), error.getMessage());
    }

    @Test
    void commandLineQuotesDatasetSpec() {
        SweepSettings settings = SizeSweep.of("micro", "nano").devices("cpu", "gpu")
                .dataset("cmrc2018?queries=10&other-passages=10").passages(12).recall(5).settings();
        String line = settings.commandLine();
        assertTrue(line.startsWith("rqa sweep --sizes micro,nano --devices cpu,gpu"), line);
        assertTrue(line.contains("--dataset 'cmrc2018?queries=10&other-passages=10'"), line);
        assertTrue(line.contains("--passages 12"), line);
    }
}
