package dev.rqa.report;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.Collection;

/** Styling shared by every report plot: white background, legend below the plot area, anti-aliasing. */
final class ChartStyle {

    private ChartStyle() {
    }

    static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(220, 220, 220));
        styler.setAntiAlias(true);
        styler.setChartTitleBoxVisible(false);
    }

    /**
     * Returns the rotation in degrees that keeps category labels from overlapping: 0 when the longest
     * fits in its category's share of the axis, else 30. The fit is an estimate from an axis font of
     * about 7 px per character.
     */
    static int categoryLabelRotation(Collection<String> categories, int chartWidth) {
        if (categories.isEmpty()) {
            return 0;
        }
        int longest = categories.stream().mapToInt(String::length).max().orElse(0) + 2;
        // The plot area is roughly the chart width less the y-axis title and tick labels (about 100 px).
        int slot = (chartWidth - 100) / categories.size();
        return longest * 7 > slot ? 30 : 0;
    }
}
