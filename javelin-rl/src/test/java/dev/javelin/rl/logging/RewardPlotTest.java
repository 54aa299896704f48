package dev.javelin.rl.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardPlotTest {
    @TempDir
    Path dir;

    @Test
    void plotsTheReturnCurveOfAMetricsFile() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsCsv metrics = new MetricsCsv(csv)) {
            for (int i = 1; i <= 50; i++) {
                double ret = 500 / (1 + Math.exp(-(i - 25) / 5.0));
                metrics.write(i * 2000L, i, Map.of(RewardPlot.RETURN_TAG, ret, "Loss / Value loss", 1.0 / i));
            }
        }
        Path png = dir.resolve("reward.png");
        RewardPlot.write(csv, "PPO on CartPole-v1", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        // a drawn curve: many distinct colours (antialiased line, text), not a blank canvas
        long blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0x1F77B4) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 500, "curve pixels: " + blue);
        assertTrue(Files.size(png) > 10_000, "png bytes: " + Files.size(png));
    }

    @Test
    void aGoalEnvsSuccessRateIsDrawnInGreenBesideTheReturns() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsCsv metrics = new MetricsCsv(csv)) {
            for (int i = 1; i <= 50; i++) {
                metrics.write(i * 200L, i, Map.of(RewardPlot.RETURN_TAG, -50.0 + i, SuccessTracker.TAG, i / 50.0));
            }
        }
        Path png = dir.resolve("reward.png");
        RewardPlot.write(csv, "SAC on FetchReach-v4", png);
        BufferedImage image = ImageIO.read(png.toFile());
        long green = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == 0x2CA02C) {
                    green++;
                }
            }
        }
        assertTrue(green > 500, "success-rate curve pixels: " + green);
    }

    @Test
    void noReturnsIsAnErrorNamingTheTag() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsCsv metrics = new MetricsCsv(csv)) {
            metrics.write(1, 1, Map.of("Loss / Value loss", 1.0));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RewardPlot.write(csv, "t", dir.resolve("reward.png")));
        assertTrue(e.getMessage().contains(RewardPlot.RETURN_TAG), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("reward.png")));
    }
}
