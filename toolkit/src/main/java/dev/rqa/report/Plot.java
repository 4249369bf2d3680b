package dev.rqa.report;

import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Base of the report plots: a title, axis labels, a size, and rendering to an image or a PNG file.
 *
 * <p>Plots render with {@code -Djava.awt.headless=true}. Labels should be English, because a
 * machine without a CJK font draws Chinese characters as empty boxes.
 *
 * @param <P> the concrete plot, so that the shared setters chain
 */
public abstract class Plot<P extends Plot<P>> {

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    private static final int MIN_SIZE = 100;
    private static final int MAX_SIZE = 10_000;

    private final String title;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private String xLabel;
    private String yLabel;

    protected Plot(String title, String xLabel, String yLabel) {
        this.title = title == null ? "" : title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Sets the image size in pixels (default 800 x 500). */
    public P size(int widthPixels, int heightPixels) {
        if (widthPixels < MIN_SIZE || widthPixels > MAX_SIZE || heightPixels < MIN_SIZE || heightPixels > MAX_SIZE) {
            throw new InvalidInputException("plot size " + widthPixels + " x " + heightPixels + " is out of range:"
                    + " width and height must be between " + MIN_SIZE + " and " + MAX_SIZE + " pixels");
        }
        this.width = widthPixels;
        this.height = heightPixels;
        return self();
    }

    /** Sets the axis labels; give the unit in brackets, for example "latency per query (ms)". */
    public P axes(String xAxisLabel, String yAxisLabel) {
        this.xLabel = xAxisLabel;
        this.yLabel = yAxisLabel;
        return self();
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    /** Builds a new XChart chart from the current settings, for styling beyond what this class offers. */
    public abstract Chart<?, ?> toXChart();

    /** Renders the plot. */
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(toXChart());
    }

    /** Renders the plot as PNG bytes. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode plot '" + title + "' as PNG", e);
        }
        return out.toByteArray();
    }

    /** Writes the plot as a PNG file, atomically (temporary file, then rename), and returns the path. */
    public Path savePng(Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(png()));
        return file;
    }

    @SuppressWarnings("unchecked")
    private P self() {
        return (P) this;
    }
}
