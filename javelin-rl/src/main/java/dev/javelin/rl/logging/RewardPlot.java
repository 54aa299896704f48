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
        MetricsTable table = MetricsCsv.read(metricsCsv);
        MetricSeries series = table.series(RETURN_TAG);
        if (series.size() == 0) {
            throw new IllegalArgumentException(metricsCsv + " has no values of '" + RETURN_TAG + "' to plot");
        }
        // goal envs also log a success rate, drawn on a second axis
        byte[] image = render(series, title);
        if (table.tags().contains(SuccessTracker.TAG) && table.series(SuccessTracker.TAG).size() > 0) {
            image = render(series, title, table.series(SuccessTracker.TAG));
        }
        AtomicFiles.write(png, image);
    }

    /** The series as a PNG line chart titled {@code title}. */
    public static byte[] render(MetricSeries series, String title) {
        return render(series, title, null);
    }

    /** The return curve, with a success-rate curve on a right axis when {@code success} is not null. */
    public static byte[] render(MetricSeries series, String title, MetricSeries success) {
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
        if (success != null) {
            XYSeries rate = chart.addSeries(success.tag(), Arrays.stream(success.steps()).asDoubleStream().toArray(), success.values());
            rate.setYAxisGroup(1);
            rate.setMarker(success.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            rate.setLineColor(new Color(44, 160, 44));
            rate.setMarkerColor(new Color(44, 160, 44));
            rate.setLineStyle(new BasicStroke(2f));
            chart.setYAxisGroupTitle(1, "success rate (recent episodes)");
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
            chart.getStyler().setLegendVisible(true);
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the reward plot: " + e.getMessage(), e);
        }
    }
}
