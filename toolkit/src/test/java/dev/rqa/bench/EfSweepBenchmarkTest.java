package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.index.HnswOptions;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.ParetoPoint;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HNSW ef sweep on 12 CMRC dev questions, their paragraphs and 20 others, with the real bge-small-zh-v1.5. */
class EfSweepBenchmarkTest {

    @Test
    void sweepMeasuresEachEf() {
        EfSweepResult result = EfSweepBenchmark.on("cmrc2018?queries=12&other-passages=20")
                .models(List.of("bge-small-zh-v1.5"))
                .ef(List.of(10, 40))
                .hnsw(HnswOptions.defaults().withProgress(false).withThreads(1))
                .overrides(EncodingOverrides.NONE.withMaxLengths(null, 96))
                .run(ModelLoader.create(Device.cpu()).withEmbeddingCache(null));

        assertEquals(2, result.rows().size());
        assertEquals(12, result.queries());
        for (EfSweepResult.Row row : result.rows()) {
            assertEquals(1.0, row.recall(), 1e-12, "about 30 passages: the graph finds the exact top 10");
            assertTrue(row.queriesPerSecond() > 0, "queries/s " + row.queriesPerSecond());
            assertTrue(row.ndcgAt10() > 0, "nDCG@10 " + row.ndcgAt10());
            assertTrue(row.ndcgAt10() <= 1, "nDCG@10 " + row.ndcgAt10());
            assertEquals(12, row.evaluatedQueries());
        }
        assertEquals(result.rows().get(0).ndcgAt10(), result.rows().get(1).ndcgAt10(), 1e-12,
                "the same rankings give the same quality");

        ResultTable table = result.table();
        assertEquals(List.of("bge-small-zh-v1.5", "10", "1.0000"), table.formattedRows().get(0).subList(0, 3));
        List<ParetoPoint> points = result.paretoPoints();
        assertEquals("bge-small-zh-v1.5 ef=40", points.get(1).label());
        BufferedImage plot = result.plot().image();
        assertEquals(800, plot.getWidth());
        assertEquals(800, result.paretoPlot().image().getWidth());
    }

    @Test
    void noModelRejected() {
        assertThrows(InvalidInputException.class, () -> EfSweepBenchmark.on("cmrc2018").models(List.of()));
    }
}
