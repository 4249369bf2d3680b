package dev.rqa.eval;

import ai.djl.Device;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.ResultTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table reproduction on 8 CMRC dev questions with their paragraphs and 8 others, passages cut at
 * 96 tokens: the real bge-small-zh-v1.5, missing RocketQA weights, and the seeded test cross encoder
 * given as a local checkpoint.
 */
class ReproductionTest {

    private static final String DATASET = "cmrc2018?queries=8&other-passages=8";
    private static final EncodingOverrides SHORT = EncodingOverrides.NONE.withMaxLengths(null, 96);

    private static ModelLoader loader;
    private static String checkpoint;

    @BeforeAll
    static void setUp() throws URISyntaxException {
        loader = ModelLoader.create(Device.cpu()).withEmbeddingCache(null);
        checkpoint = Path.of(ReproductionTest.class.getResource("/checkpoints/cross-encoder").toURI()).toString();
    }

    @Test
    void dualEncodersWithHnsw() {
        ReproductionResult result = Reproduction.on(DATASET).overrides(SHORT)
                .dualEncoders(List.of("bge-small-zh-v1.5", "rocketqa-zh-nano"))
                .indexes(List.of(IndexKind.EXACT, IndexKind.HNSW))
                .runDualEncoders(loader);

        assertEquals(List.of("bge-small-zh-v1.5"), result.dualEncoder().measuredModels());
        ResultTable dual = result.dualEncoder().table();
        int nano = row(dual, "rocketqa-zh-nano");
        assertEquals("missing", dual.cell(nano, "MRR@10 measured"));
        assertTrue(dual.cell(nano, "note").contains("rqa models --download rocketqa-zh-nano"), dual.cell(nano, "note"));

        ResultTable measurements = result.measurements();
        assertEquals(2, measurements.rowCount());
        assertEquals(List.of("bge-small-zh-v1.5", "exact"), measurements.formattedRows().get(0).subList(0, 2));
        assertEquals(List.of("bge-small-zh-v1.5", "hnsw"), measurements.formattedRows().get(1).subList(0, 2));
        assertEquals("", measurements.cell(0, "HNSW recall@10 vs exact"));
        assertEquals("1.0000", measurements.cell(1, "HNSW recall@10 vs exact"), "16 passages: HNSW is exact");
        assertEquals(8, (int) measurements.number(0, "queries"));
        double exactMrr = measurements.number(0, "MRR@10");
        double expected = result.experiments().get("bge-small-zh-v1.5").metric("exact", "recip_rank_cut.10");
        assertEquals(expected, exactMrr, 1e-12);

        assertTrue(result.crossEncoder().measuredModels().isEmpty());
        assertTrue(result.crossEncoder().table().notes().stream().anyMatch(note -> note.contains("was not run")));
        assertTrue(result.t2ranking().cell(0, "note").contains("RQA_T2RANKING"), result.t2ranking().cell(0, "note"));
    }

    @Test
    void localCrossEncoderReranksFixedList() {
        ReproductionResult result = Reproduction.on(DATASET).overrides(SHORT).recallModel("bge-small-zh-v1.5")
                .crossEncoders(List.of(checkpoint, "rocketqa-nano-cross-encoder"))
                .runCrossEncoders(loader);

        assertEquals(List.of("bge-small-zh-v1.5 (no re-ranking)", checkpoint), result.crossEncoder().measuredModels());
        assertEquals(List.of(checkpoint), result.measuredCrossEncoders());
        ResultTable cross = result.crossEncoder().table();
        int local = row(cross, checkpoint);
        assertTrue(cross.cell(local, "note").contains("not in the published table"), cross.cell(local, "note"));
        assertEquals(cross.number(row(cross, "bge-small-zh-v1.5 (no re-ranking)"), "Recall@50 measured"),
                cross.number(local, "Recall@50 measured"), 1e-12, "re-ranking the top 50 keeps Recall@50");
        int nano = row(cross, "rocketqa-nano-cross-encoder");
        assertTrue(cross.cell(nano, "note").contains("rqa models --download rocketqa-nano-cross-encoder"));

        List<String> runs = result.measurements().formattedRows().stream().map(cells -> cells.get(1)).toList();
        assertEquals(List.of("exact", "exact+" + checkpoint), runs);
    }

    @Test
    void noCrossEncoderKeepsBaselineOnly() {
        ReproductionResult result = Reproduction.on(DATASET).overrides(SHORT).recallModel("bge-small-zh-v1.5")
                .crossEncoders(List.of("rocketqa-base-cross-encoder"))
                .runCrossEncoders(loader);

        assertEquals(List.of("bge-small-zh-v1.5 (no re-ranking)"), result.crossEncoder().measuredModels());
        assertTrue(result.measuredCrossEncoders().isEmpty());
        ResultTable cross = result.crossEncoder().table();
        assertEquals("missing", cross.cell(row(cross, "rocketqa-base-cross-encoder"), "MRR@10 measured"));
        assertTrue(cross.notes().stream().anyMatch(note -> note.contains("No cross encoder is available locally")));
    }

    @Test
    void availabilityNamesLocationAndRemedy() {
        Reproduction reproduction = Reproduction.on(DATASET)
                .crossEncoders(List.of("rocketqa-mini-cross-encoder", checkpoint, "no-such-model"));

        ResultTable table = reproduction.crossEncoderAvailability(loader);

        assertEquals(List.of("no", "yes", "no"), table.formattedRows().stream().map(cells -> cells.get(1)).toList());
        assertTrue(table.cell(0, "location").contains("rocketqa-mini-cross-encoder/"), table.cell(0, "location"));
        assertTrue(table.cell(0, "how to get it").startsWith("rqa models --download rocketqa-mini-cross-encoder"));
        assertEquals(checkpoint, table.cell(1, "location"));
        assertTrue(table.cell(2, "how to get it").contains("rqa models"), table.cell(2, "how to get it"));

        ResultTable dual = Reproduction.on(DATASET).dualEncoderAvailability(loader);
        List<String> models = dual.formattedRows().stream().map(cells -> cells.get(0)).toList();
        assertEquals(List.of("rocketqa-zh-base", "rocketqa-zh-medium", "rocketqa-zh-mini", "rocketqa-zh-micro",
                "rocketqa-zh-nano", "bge-small-zh-v1.5", "bge-small-zh"), models);
        assertTrue(dual.cell(5, "location").startsWith("bundled"), dual.cell(5, "location"));
    }

    private static int row(ResultTable table, String model) {
        List<List<String>> rows = table.formattedRows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(model)) {
                return i;
            }
        }
        throw new AssertionError("no row for " + model + " in " + table.title());
    }
}
