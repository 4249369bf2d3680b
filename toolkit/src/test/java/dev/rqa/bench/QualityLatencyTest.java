package dev.rqa.bench;

import dev.rqa.InvalidInputException;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quality against latency from a real, tiny sweep: bge with real weights beside a speed-only nano. */
class QualityLatencyTest {

    private static SweepResult result;

    @BeforeAll
    static void sweep() {
        result = SizeSweep.of("nano").models("bge-small-zh-v1.5").dataset("cmrc2018?other-passages=6&queries=6")
                .passages(8).queries(3).warmup(1).recall(4).maxLength(64).run();
    }

    @Test
    void speedOnlySizeIsLeftOut() {
        QualityLatency trade = result.qualityLatency();

        assertEquals(1, trade.points().size(), trade.points().toString());
        assertEquals("bge-small-zh-v1.5", trade.points().get(0).model());
        assertEquals(List.of("nano cpu"), trade.speedOnly());
        assertEquals(List.of("bge-small-zh-v1.5"), trade.models());
    }

    @Test
    void recallPointPairsRetrievalLatency() {
        QualityLatency.Point point = result.qualityLatency().points().get(0);
        SweepRow bge = result.rows().stream().filter(row -> row.model().name().equals("bge-small-zh-v1.5"))
                .findFirst().orElseThrow();

        assertEquals("recall top 4", point.stage());
        assertEquals(bge.quality().ndcgAt10(), point.ndcgAt10());
        assertEquals(bge.quality().mrrAt10(), point.mrrAt10());
        // The speed-only cross encoder's re-ranking is not part of the recall point's latency.
        assertTrue(point.latency().p50() < bge.latency().total().p50(),
                point.latency().p50() + " ms vs " + bge.latency().total().p50() + " ms");
        assertEquals(bge.index().passagesPerSecond(), point.passagesPerSecond());
    }

    @Test
    void tableMarksTheFront() {
        ResultTable table = result.qualityLatency().table();

        assertEquals(1, table.rowCount());
        assertEquals("yes", table.cell(0, "Pareto: query latency"));
        assertEquals("yes", table.cell(0, "Pareto: index time"));
        assertTrue(table.notes().stream().anyMatch(note -> note.contains("nano cpu")), table.notes().toString());
    }

    @Test
    void plotsRender() {
        QualityLatency trade = result.qualityLatency();

        BufferedImage query = trade.queryPlot(QualityLatency.Measure.MRR_AT_10).image();
        BufferedImage index = trade.indexPlot(QualityLatency.Measure.NDCG_AT_10).image();

        assertTrue(query.getWidth() > 0);
        assertTrue(index.getWidth() > 0);
        assertEquals(1, trade.queryPlot(QualityLatency.Measure.NDCG_AT_10).front().size());
    }

    @Test
    void speedOnlySweepHasNoPlot() {
        SweepResult speedOnly = SizeSweep.of("nano").dataset("cmrc2018?other-passages=6&queries=6")
                .passages(8).queries(2).warmup(0).recall(4).maxLength(64).run();
        QualityLatency trade = speedOnly.qualityLatency();

        assertTrue(trade.isEmpty());
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> trade.queryPlot(QualityLatency.Measure.NDCG_AT_10));
        assertTrue(error.getMessage().contains("bge-small-zh-v1.5"), error.getMessage());
        assertFalse(trade.table().notes().isEmpty());
    }
}
