package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.env.Envs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code javelin eval --video} on a MuJoCo task: a float[] Box env from the registry, drawn by MuJoCo's renderer. */
class MujocoVideoTest {
    @TempDir
    Path dir;

    @Test
    void evalWritesAGifOfHopperInWhichTheHopperIsVisible() throws Exception {
        // CI (JAVELIN_REQUIRE_MUJOCO=1) fails here when MuJoCo is missing; a developer's machine skips
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(Envs.available("Hopper-v5"), "MuJoCo not installed");
        }
        String[] trainArgs = {"train", "ppo", "Hopper-v5", "--out", dir.resolve("runs").toString(), "--timesteps", "1024",
                "--quiet", "--set", "experiment.experiment_name=hopper", "--set", "eval_episodes=1", "--set", "rollouts=256"};
        Result train = run(trainArgs);
        assertEquals(0, train.code(), String.join(" ", trainArgs) + ": " + train.err());
        Path gif = dir.resolve("hopper.gif");
        String[] evalArgs = {"eval", dir.resolve("runs/hopper").toString(), "--episodes", "1", "--video", gif.toString()};
        Result eval = run(evalArgs);
        assertEquals(0, eval.code(), String.join(" ", evalArgs) + ": " + eval.err());
        String out = eval.out();
        assertTrue(out.contains("video: " + gif), out);
        assertEquals("GIF89a", new String(Files.readAllBytes(gif), 0, 6));
        BufferedImage first = ImageIO.read(gif.toFile());
        assertEquals(480, first.getWidth());
        int body = 0;
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                int p = first.getRGB(x, y);
                int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
                body += r > g + 15 && r > b + 40 ? 1 : 0;
            }
        }
        // Hopper's tan leg covers a few percent of a 480x480 frame; sky and floor are blue-grey and green-grey
        assertTrue(body > 1000, "hopper pixels in the first frame: " + body);
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }
}
