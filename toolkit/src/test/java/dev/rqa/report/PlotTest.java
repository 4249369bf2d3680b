package dev.rqa.report;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every plot renders headless to a PNG of the requested size that is not blank. */
class PlotTest {

    /** Luminance variance of a plain white image with a thin frame stays far below this. */
    private static final double MIN_VARIANCE = 100.0;

    static BarPlot barPlot() {
        Map<String, Double> gpu = new LinkedHashMap<>();
        gpu.put("base", 890.0);
        gpu.put("nano", null);
        return BarPlot.titled("Passage encoding throughput")
                .axes("model", "throughput (passages/s)")
                .categories(List.of("base", "nano"))
                .series("CPU", List.of(21.4, 160.2))
                .series("GPU", gpu);
    }

    static LinePlot linePlot() {
        return LinePlot.titled("HNSW recall@10 vs throughput (ef sweep)")
                .axes("throughput (queries/s)", "recall@10")
                .logX()
                .series("M=16", new double[] {5000, 3000, 1800, 900}, new double[] {0.90, 0.95, 0.98, 0.995},
                        List.of("ef=16", "ef=32", "ef=64", "ef=128"))
                .series("M=32", new double[] {4000, 2500, 1400, 700}, new double[] {0.93, 0.97, 0.99, 0.998});
    }

    static ParetoPlot paretoPlot() {
        return ParetoPlot.titled("MRR@10 vs latency")
                .axes("latency per query (ms)", "MRR@10 (%)")
                .point("base", 59.14, 41.0)
                .point("medium", 53.92, 21.0)
                .point("nano", 38.07, 6.5)
                .point("slow", 40.0, 30.0);
    }

    static LatencyPlot latencyPlot() {
        return LatencyPlot.titled("Query latency, CPU, batch 1")
                .samples("rocketqa-zh-base", new double[] {10.2, 11.0, 10.8, 14.9, 10.5})
                .samples("rocketqa-zh-nano", new double[] {3.1, 3.3, 3.0, 4.8, 3.2});
    }

    @Test
    void renderingIsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    /** The non-blank check must reject a plain white image of the same size. */
    @Test
    void blankImageFailsCheck() {
        BufferedImage blank = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = blank.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, 800, 500);
        graphics.dispose();

        assertTrue(Images.luminanceVariance(blank) < MIN_VARIANCE);
        assertTrue(Images.distinctColours(blank) <= 8);
    }

    @Test
    void barPlotRenders() {
        checkRendered(barPlot(), 800, 500);
    }

    @Test
    void linePlotRenders() {
        checkRendered(linePlot(), 800, 500);
    }

    @Test
    void paretoPlotRenders() {
        checkRendered(paretoPlot(), 800, 500);
    }

    @Test
    void latencyPlotRenders() {
        checkRendered(latencyPlot(), 800, 500);
    }

    @Test
    void customSize() {
        checkRendered(barPlot().size(640, 360), 640, 360);
    }

    @Test
    void imageMatchesSize() {
        BufferedImage image = paretoPlot().size(1024, 600).image();

        assertEquals(1024, image.getWidth());
        assertEquals(600, image.getHeight());
    }

    @Test
    void savePngAtomic(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("plots/latency.png");

        latencyPlot().savePng(file);

        BufferedImage image = Images.decodePng(Files.readAllBytes(file));
        assertEquals(800, image.getWidth());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void savePngReplaces(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("bar.png");
        Files.writeString(file, "old");

        barPlot().savePng(file);

        assertEquals(500, Images.decodePng(Files.readAllBytes(file)).getHeight());
    }

    @Test
    void paretoFrontOfPlot() {
        List<ParetoPoint> front = paretoPlot().front();

        assertEquals(List.of("nano", "medium", "base"), front.stream().map(ParetoPoint::label).toList());
    }

    @Test
    void latencyTable() {
        ResultTable table = latencyPlot().toResultTable();

        assertEquals("10.80", table.cell(0, "p50"));
        assertEquals("5", table.cell(0, "samples"));
    }

    @Test
    void logAxisRejectsZero() {
        LinePlot plot = LinePlot.titled("sweep").logX().series("a", new double[] {0, 1}, new double[] {1, 2});

        assertThrows(InvalidInputException.class, plot::image);
    }

    @Test
    void emptyPlotRejected() {
        assertThrows(InvalidInputException.class, () -> BarPlot.titled("empty").image());
        assertThrows(InvalidInputException.class, () -> ParetoPlot.titled("empty").image());
    }

    @Test
    void sizeOutOfRangeRejected() {
        assertThrows(InvalidInputException.class, () -> barPlot().size(10, 500));
    }

    @Test
    void mismatchedSeriesRejected() {
        assertThrows(InvalidInputException.class,
                () -> LinePlot.titled("sweep").series("a", new double[] {1, 2}, new double[] {1}));
        assertThrows(InvalidInputException.class,
                () -> BarPlot.titled("bars").categories(List.of("a", "b")).series("s", List.of(1.0)));
    }

    @Test
    void paretoAxesLeaveRoomForLabels() {
        ParetoPlot plot = ParetoPlot.titled("padding").point("fast", 90.0, 10.0).point("slow", 95.0, 50.0);

        var styler = plot.toXChart().getStyler();

        assertTrue(styler.getXAxisMin() < 10.0, "x min " + styler.getXAxisMin());
        assertTrue(styler.getXAxisMin() >= 0.0, "latency axis starts at zero at the lowest: " + styler.getXAxisMin());
        assertTrue(styler.getXAxisMax() > 50.0, "x max " + styler.getXAxisMax());
        assertTrue(styler.getYAxisMax() > 95.0, "y max " + styler.getYAxisMax());
    }

    @Test
    void crowdedCategoriesRotate() {
        List<String> few = List.of("base cpu", "nano cpu");
        List<String> many = List.of("base cpu", "medium cpu", "mini cpu", "micro cpu", "nano cpu",
                "bge-small-zh-v1.5 cpu", "bge-small-zh cpu");

        assertEquals(0, ChartStyle.categoryLabelRotation(few, 800));
        assertEquals(30, ChartStyle.categoryLabelRotation(many, 800));
    }

    @Test
    void explicitRotationWins() {
        BarPlot plot = BarPlot.titled("rotation").series("s", Map.of("a", 1.0)).labelRotation(90);

        assertEquals(90, plot.toXChart().getStyler().getXAxisLabelRotation());
    }

    private static void checkRendered(Plot<?> plot, int width, int height) {
        BufferedImage image = Images.decodePng(plot.png());

        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        double variance = Images.luminanceVariance(image);
        assertTrue(variance > MIN_VARIANCE, "luminance variance " + variance);
        int colours = Images.distinctColours(image);
        assertTrue(colours > 8, "distinct colours " + colours);
    }
}
