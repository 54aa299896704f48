package dev.javelin.rl.logging;

import dev.javelin.rl.run.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The reward curve of a run, {@code reward.png}: mean episode return against environment steps. */
public final class RewardPlot {
    /** skrl's tag for the mean return of the recently finished episodes. */
    public static final String RETURN_TAG = "Reward / Total reward (mean)";

    private RewardPlot() {
    }

    /** Plots {@link #RETURN_TAG} of a metrics.csv into {@code png}. */
    public static void write(Path metricsCsv, String title, Path png) {
        MetricSeries series = MetricsCsv.read(metricsCsv).series(RETURN_TAG);
        if (series.size() == 0) {
            throw new IllegalArgumentException(metricsCsv + " has no values of '" + RETURN_TAG + "' to plot");
        }
        AtomicFiles.write(png, render(series, title));
    }

    /** The series as a PNG line chart titled {@code title}. */
    public static byte[] render(MetricSeries series, String title) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("environment steps").yAxisTitle("episode return (mean of recent episodes)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        double[] x = Arrays.stream(series.steps()).asDoubleStream().toArray();
        XYSeries s = chart.addSeries(series.tag(), x, series.values());
        s.setMarker(series.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineColor(new Color(31, 119, 180));
        s.setMarkerColor(new Color(31, 119, 180));
        s.setLineStyle(new BasicStroke(2f));
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the reward plot: " + e.getMessage(), e);
        }
    }
}
