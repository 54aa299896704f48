package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code javelin plot}: two seeds' curves and a reference line in one PNG; bad input named. */
class PlotCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        for (String seed : new String[] {"1", "2"}) {
            Result train = run("train", "ppo", "CartPole-v1", "--timesteps", "3000", "--seed", seed, "--threads", "1", "--quiet",
                    "--out", dir.resolve("runs").toString(), "--set", "experiment.experiment_name=seed" + seed,
                    "--set", "experiment.write_interval=500");
            assertEquals(0, train.code(), train.err());
        }
    }

    @Test
    void drawsEveryRunAndTheReference() throws Exception {
        Path png = dir.resolve("curves.png");
        Result r = run("plot", dir.resolve("runs/seed1").toString(), dir.resolve("runs/seed2").toString(), "--out", png.toString(),
                "--reference", "500", "--reference-label", "published: 500");
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(900, image.getWidth());
    }

    @Test
    void namesAMissingMetricAndAWrongFileType() {
        Result r = run("plot", dir.resolve("runs/seed1").toString(), "--out", dir.resolve("x.png").toString(), "--metric", "No such tag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'No such tag'") && r.err().contains("Reward / Total reward (mean)"), r.err());
        r = run("plot", dir.resolve("runs/seed1").toString(), "--out", dir.resolve("x.jpg").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("x.jpg"), r.err());
    }
}
