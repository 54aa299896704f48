package dev.javelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code javelin plot}: two seeds' curves and a reference line in one PNG; bad input named. */
class PlotCommandTest {
    @TempDir
    static Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @BeforeAll
    static void train() {
        for (String seed : new String[] {"1", "2"}) {
            String[] train = run("train", "ppo", "CartPole-v1", "--timesteps", "3000", "--seed", seed, "--threads", "1", "--quiet",
                    "--out", dir.resolve("runs").toString(), "--set", "experiment.experiment_name=seed" + seed,
                    "--set", "experiment.write_interval=500");
            assertEquals("0", train[0], train[2]);
        }
    }

    @Test
    void drawsEveryRunAndTheReference() throws Exception {
        Path png = dir.resolve("curves.png");
        String[] r = run("plot", dir.resolve("runs/seed1").toString(), dir.resolve("runs/seed2").toString(), "--out", png.toString(),
                "--reference", "500", "--reference-label", "published: 500");
        assertEquals("0", r[0], r[2]);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(900, image.getWidth());
    }

    @Test
    void namesAMissingMetricAndAWrongFileType() {
        String[] r = run("plot", dir.resolve("runs/seed1").toString(), "--out", dir.resolve("x.png").toString(), "--metric", "No such tag");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'No such tag'") && r[2].contains("Reward / Total reward (mean)"), r[2]);
        r = run("plot", dir.resolve("runs/seed1").toString(), "--out", dir.resolve("x.jpg").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("x.jpg"), r[2]);
    }
}
