package dev.javelin.env.render;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.classic.ClassicControlEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "Pendulum-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1"})
    void frameIsNotBlankAndFollowsTheState(String id) {
        Env<float[], Object> env = Envs.cast(Envs.make(id));
        var bare = (ClassicControlEnv<?>) env.unwrapped();
        assertThrows(IllegalStateException.class, env::render);
        env.reset(0);
        double[] s = bare.state();
        BufferedImage before = env.render();
        assertTrue(colors(before) >= 3, id + ": frame has " + colors(before) + " colors");
        s[0] += id.startsWith("CartPole") ? 1.0 : 0.5;
        bare.setState(s);
        BufferedImage after = env.render();
        assertTrue(differingPixels(before, after) > 100, id + ": only " + differingPixels(before, after) + " pixels changed");
        BufferedImage small = env.render(64, 64);
        assertEquals(64, small.getWidth());
        assertTrue(colors(small) >= 2, id + ": 64x64 frame is blank");
    }

    @Test
    void pngAndGifFilesAreReadable(@TempDir Path dir) throws IOException {
        Env<float[], Integer> env = Envs.cast(Envs.make("CartPole-v1"));
        env.reset(0);
        PngWriter.write(env.render(), dir.resolve("frame.png"));
        BufferedImage back = ImageIO.read(dir.resolve("frame.png").toFile());
        assertEquals(600, back.getWidth());
        assertEquals(400, back.getHeight());
        try (GifWriter gif = new GifWriter(dir.resolve("clip.gif"), env.renderFps())) {
            gif.addFrame(env.render());
            env.step(1);
            gif.addFrame(env.render());
            assertEquals(2, gif.frames());
        }
        assertTrue(ImageIO.read(dir.resolve("clip.gif").toFile()) != null);
    }

    private static int colors(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }
}
