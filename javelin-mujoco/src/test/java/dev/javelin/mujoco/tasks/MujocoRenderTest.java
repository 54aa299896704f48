package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.render.Pixels;
import dev.javelin.env.wrappers.PixelObservation;
import dev.javelin.mujoco.MuJoCoAssumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MuJoCo tasks rendered by MuJoCo's own renderer, as Gymnasium renders them. */
class MujocoRenderTest {
    @BeforeAll
    static void mujoco() {
        MuJoCoAssumptions.assumeMuJoCo();
    }

    @SuppressWarnings("unchecked")
    static Env<float[], float[]> make(String id) {
        return (Env<float[], float[]>) Envs.make(id);
    }

    /**
     * Bounding box {minX, minY, maxX, maxY, count} of the robot's pixels: Gymnasium's hopper and cheetah are tan
     * (red > green > blue), the sky is blue-grey and the checker floor green-grey, so red clearly above both marks the body.
     */
    static int[] bodyRegion(BufferedImage img) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1, count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
                if (r > g + 15 && r > b + 40) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                    count++;
                }
            }
        }
        return new int[] {minX, minY, maxX, maxY, count};
    }

    static void assertBodyNearCentre(String id, BufferedImage frame, double minShare, double maxShare) {
        int[] body = bodyRegion(frame);
        double share = body[4] / (double) (frame.getWidth() * frame.getHeight());
        assertTrue(share > minShare && share < maxShare, id + ": body covers " + share + " of the frame, expected "
                + minShare + ".." + maxShare);
        int cx = (body[0] + body[2]) / 2, cy = (body[1] + body[3]) / 2;
        int w = frame.getWidth(), h = frame.getHeight();
        assertTrue(Math.abs(cx - w / 2) < w / 6 && Math.abs(cy - h / 2) < h / 4,
                id + ": body centred at " + cx + "," + cy + " in a " + w + "x" + h + " frame");
    }

    @Test
    void hopperIsVisibleAtResetAndTwoStatesDiffer() throws IOException {
        try (Env<float[], float[]> env = make("Hopper-v5")) {
            env.reset(0);
            BufferedImage first = env.render();
            assertEquals(480, first.getWidth());
            assertEquals(480, first.getHeight());
            ImageIO.write(first, "png", new File(System.getProperty("java.io.tmpdir"), "javelin-hopper-v5.png"));
            // a thin upright leg: a few percent of the frame
            assertBodyNearCentre("Hopper-v5", first, 0.005, 0.2);
            float[] bend = {1f, -1f, 1f};
            for (int i = 0; i < 15; i++) {
                env.step(bend);
            }
            BufferedImage later = env.render();
            double diff = meanAbsDiff(first, later);
            assertTrue(diff > 0.5, "Hopper-v5: frames before and after 15 steps differ by " + diff + " per channel");
        }
    }

    @Test
    void halfCheetahIsVisibleAtReset() throws IOException {
        try (Env<float[], float[]> env = make("HalfCheetah-v5")) {
            env.reset(0);
            BufferedImage first = env.render();
            ImageIO.write(first, "png", new File(System.getProperty("java.io.tmpdir"), "javelin-halfcheetah-v5.png"));
            assertBodyNearCentre("HalfCheetah-v5", first, 0.01, 0.4);
            for (int i = 0; i < 15; i++) {
                env.step(new float[] {1f, -1f, 1f, -1f, 1f, -1f});
            }
            double diff = meanAbsDiff(first, env.render());
            assertTrue(diff > 0.5, "HalfCheetah-v5: frames before and after 15 steps differ by " + diff + " per channel");
        }
    }

    /** Gymnasium's own frames (tools/record_mujoco_frames.py) of the same states: the same pipeline, near-identical pixels. */
    @Test
    void framesMatchGymnasiumsRenderOfTheSameState() throws IOException {
        assertMatchesGymnasium("Hopper-v5", 0);
        assertMatchesGymnasium("Hopper-v5", 20);
        assertMatchesGymnasium("HalfCheetah-v5", 0);
    }

    private static void assertMatchesGymnasium(String id, int steps) throws IOException {
        BufferedImage expected;
        try (InputStream in = MujocoRenderTest.class.getResourceAsStream("/frames/" + id + "-seed0-step" + steps + ".png")) {
            assertNotNull(in, "fixture frames/" + id + "-seed0-step" + steps + ".png");
            expected = ImageIO.read(in);
        }
        try (Env<float[], float[]> env = make(id)) {
            env.reset(0);
            float[] zero = new float[((Box) env.actionSpace()).size()];
            for (int i = 0; i < steps; i++) {
                env.step(zero);
            }
            BufferedImage got = env.render(expected.getWidth(), expected.getHeight());
            double diff = meanAbsDiff(expected, got);
            // same libmujoco and Mesa: differences are at most rasterization noise
            assertTrue(diff < 1.0, id + " after " + steps + " steps: mean absolute difference to Gymnasium's frame "
                    + diff + " per channel (0-255), expected < 1");
        }
    }

    @Test
    void pixelObservationOfHopperAt64x64ChangesAsItMoves() {
        try (var env = new PixelObservation<>(make("Hopper-v5"), 64, 64, Pixels.Layout.HWC)) {
            assertArrayEquals(new int[] {64, 64, 3}, ((Box) env.observationSpace()).shape());
            float[] first = env.reset(0).observation();
            assertEquals(64 * 64 * 3, first.length);
            float[] obs = first;
            for (int i = 0; i < 15; i++) {
                obs = env.step(new float[] {1f, -1f, 1f}).observation();
            }
            double diff = 0;
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (int i = 0; i < obs.length; i++) {
                diff += Math.abs(obs[i] - first[i]);
                min = Math.min(min, obs[i]);
                max = Math.max(max, obs[i]);
            }
            diff /= obs.length;
            assertTrue(min >= 0f && max <= 1f && max - min > 0.3f, "pixel range " + min + ".." + max);
            assertTrue(diff > 0.002, "64x64 observations before and after 15 steps differ by " + diff);
        }
    }

    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs((p >> s & 0xff) - (q >> s & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
