package dev.javelin.mujoco;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.render.PngWriter;
import dev.javelin.env.wrappers.PixelObservation;
import dev.javelin.env.render.Pixels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MuJoCo's renderer in a headless EGL context: the body is drawn where the camera looks, frames follow the state. */
class MjRendererTest {

    @BeforeEach
    void mujoco() {
        MuJoCoAssumptions.assumeMuJoCo();
    }

    /** Share of pixels in a region that are the bodies' orange-brown (red well above green and blue). */
    static double bodyShare(BufferedImage img, int x0, int y0, int x1, int y1) {
        long body = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = img.getRGB(x, y);
                int r = c >> 16 & 0xff, g = c >> 8 & 0xff, b = c & 0xff;
                body += r > g + 40 && r > b + 40 ? 1 : 0;
            }
        }
        return body / (double) ((x1 - x0) * (y1 - y0));
    }

    /** Mean absolute difference per channel, 0-255. */
    static double meanAbsDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    static BufferedImage gymnasiumFrame(String name) throws java.io.IOException {
        try (var in = MjRendererTest.class.getResourceAsStream("/frames/" + name + ".png")) {
            return javax.imageio.ImageIO.read(in);
        }
    }

    /**
     * Gymnasium's own frames (tools/record_mujoco_frames.py: the same libmujoco and Mesa through its renderer) at
     * reset(seed=0) and after 10 steps: Javelin's frame of the same state from the same camera is the same image.
     */
    @Test
    void framesMatchGymnasiumsRendererForTheSameStates() throws Exception {
        for (String id : new String[] {"Hopper-v5", "HalfCheetah-v5", "Ant-v5"}) {
            try (Env<float[], float[]> env = Envs.cast(Envs.make(id))) {
                env.reset(0);
                BufferedImage reset = env.render(240, 240);
                PngWriter.write(reset, java.nio.file.Path.of("target", id + "-reset.png"));
                double d0 = meanAbsDifference(gymnasiumFrame(id + "-reset"), reset);
                float[] action = new float[env.actionSpace() instanceof dev.javelin.env.Box b ? b.size() : 0];
                Arrays.fill(action, 0.5f);
                for (int t = 0; t < 10; t++) {
                    env.step(action);
                }
                BufferedImage moved = env.render(240, 240);
                double d10 = meanAbsDifference(gymnasiumFrame(id + "-step10"), moved);
                assertTrue(d0 < 1.0 && d10 < 1.0, id + ": mean abs pixel difference to Gymnasium's frame " + d0 + " at reset, "
                        + d10 + " after 10 steps");
                assertTrue(meanAbsDifference(reset, moved) > 1.0, id + ": the frame follows the state");
            }
        }
    }

    @Test
    void theHopperIsVisibleInTheMiddleOfItsTrackingCamera() throws Exception {
        try (Env<float[], float[]> env = Envs.cast(Envs.make("Hopper-v5"))) {
            env.reset(0);
            BufferedImage frame = env.render();
            assertEquals(480, frame.getWidth());
            assertEquals(480, frame.getHeight());
            double centre = bodyShare(frame, 200, 120, 280, 420);
            double sides = bodyShare(frame, 0, 0, 150, 480) + bodyShare(frame, 330, 0, 480, 480);
            assertTrue(centre > 0.03, "hopper pixels in the centre column: " + centre);
            assertTrue(sides < centre / 10, "hopper pixels away from it: " + sides);
        }
    }

    @Test
    void halfCheetahRendersAndRenderersCanBeRemadeAfterClose() {
        for (int round = 0; round < 2; round++) {
            try (Env<float[], float[]> env = Envs.cast(Envs.make("HalfCheetah-v5"))) {
                env.reset(1);
                BufferedImage last = null;
                for (int t = 0; t < 100; t++) {
                    env.step(new float[] {0.5f, -0.5f, 0.5f, -0.5f, 0.5f, -0.5f});
                    last = env.render(96, 64);
                }
                assertEquals(96, last.getWidth());
                assertTrue(bodyShare(last, 0, 0, 96, 64) > 0.002, "the cheetah is in the frame: " + bodyShare(last, 0, 0, 96, 64));
            }
        }
    }

    @Test
    void pixelObservationsOfAMujocoTaskFollowTheState() {
        try (Env<float[], float[]> env = Envs.cast(Envs.make("Hopper-v5"));
             var pixels = new PixelObservation<>(env, 64, 64, Pixels.Layout.CHW)) {
            float[] first = pixels.reset(0).observation();
            assertEquals(3 * 64 * 64, first.length);
            float[] later = first;
            for (int t = 0; t < 15; t++) {
                later = pixels.step(new float[] {1, 1, -1}).observation();
            }
            assertFalse(Arrays.equals(first, later));
        }
    }

    @Test
    void aRendererLargerThanTheOffscreenBufferIsRefusedWithTheSizes() {
        try (Env<float[], float[]> env = Envs.cast(Envs.make("Hopper-v5"))) {
            env.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> env.render(1000, 480));
            assertTrue(e.getMessage().contains("1000x480") && e.getMessage().contains("480x480"), e.getMessage());
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
