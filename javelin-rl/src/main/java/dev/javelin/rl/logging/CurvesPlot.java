package dev.javelin.rl.logging;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several runs' curves of one metric on one chart (e.g. three seeds), with an optional reference value drawn as a
 * dashed horizontal line: the published figure a results table compares with.
 */
public final class CurvesPlot {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194)};

    private CurvesPlot() {
    }

    /**
     * One labelled curve.
     *
     * @param label  the legend entry, e.g. the run's seed
     * @param series the values against environment steps
     */
    public record Curve(String label, MetricSeries series) {
        /** Rejects an empty series, which would draw nothing. */
        public Curve {
            if (series.size() == 0) {
                throw new IllegalArgumentException("curve '" + label + "' has no values of '" + series.tag() + "'");
            }
        }
    }

    /**
     * The curves as a PNG.
     *
     * @param reference      a value drawn across the whole step range, or empty
     * @param referenceLabel its legend entry, e.g. "RL Zoo, 1M steps: 2410"
     */
    public static byte[] render(List<Curve> curves, String title, String yAxis, OptionalDouble reference, String referenceLabel) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to plot");
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("environment steps")
                .yAxisTitle(yAxis).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAntiAlias(true);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        long last = 0;
        for (int i = 0; i < curves.size(); i++) {
            MetricSeries m = curves.get(i).series();
            XYSeries s = chart.addSeries(curves.get(i).label(), Arrays.stream(m.steps()).asDoubleStream().toArray(), m.values());
            Color color = PALETTE[i % PALETTE.length];
            s.setMarker(m.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setLineStyle(new BasicStroke(2f));
            last = Math.max(last, m.steps()[m.size() - 1]);
        }
        if (reference.isPresent()) {
            double r = reference.getAsDouble();
            XYSeries line = chart.addSeries(referenceLabel, new double[] {0, last}, new double[] {r, r});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.DARK_GRAY);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the plot: " + e.getMessage(), e);
        }
    }
}
