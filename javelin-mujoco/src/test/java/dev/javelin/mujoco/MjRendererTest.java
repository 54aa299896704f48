package dev.javelin.mujoco;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MuJoCo's renderer in an offscreen context, on a model made from a string (no Gymnasium assets needed). */
class MjRendererTest {
    // a red box over a plane, seen by a fixed camera looking straight at it
    static final String XML = """
            <mujoco>
              <visual><global offwidth="200" offheight="160"/></visual>
              <worldbody>
                <light pos="0 0 3"/>
                <camera name="front" pos="0 -3 0.5" xyaxes="1 0 0 0 0 1"/>
                <geom type="plane" size="5 5 0.1" rgba="0.2 0.2 0.2 1"/>
                <body name="box" pos="0 0 0.5">
                  <joint name="slide" type="slide" axis="1 0 0"/>
                  <geom type="box" size="0.3 0.3 0.3" rgba="1 0 0 1"/>
                </body>
              </worldbody>
            </mujoco>
            """;

    @BeforeAll
    static void mujoco() {
        MuJoCoAssumptions.assumeMuJoCoLibrary();
    }

    /** Bounding box {minX, minY, maxX, maxY, count} of strongly red pixels. */
    static int[] redRegion(BufferedImage img) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1, count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
                if (r > 100 && r > 2 * g && r > 2 * b) {
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

    @Test
    void fixedCameraSeesTheBoxWhereItIsAndRowsAreUpright() throws Exception {
        try (MjModel model = MjModel.fromXmlString(XML); MjData data = new MjData(model);
             MjRenderer r = new MjRenderer(model, 200, 160)) {
            r.useFixedCamera(model.requireId(MjObject.CAMERA, "front"));
            data.forward();
            BufferedImage centre = r.render(data);
            assertEquals(200, centre.getWidth());
            assertEquals(160, centre.getHeight());
            ImageIO.write(centre, "png", new File(System.getProperty("java.io.tmpdir"), "javelin-mjrenderer-box.png"));
            int[] box = redRegion(centre);
            // the box is 0.6 wide at distance 3 under a 45-degree field of view: about a quarter of the height
            assertTrue(box[4] > 500, "red pixels: " + box[4]);
            int cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
            assertTrue(Math.abs(cx - 100) < 10 && Math.abs(cy - 80) < 10, "box centre at " + cx + "," + cy);
            // the plane (dark grey) is below the box: not flipped
            int below = centre.getRGB(100, 150), above = centre.getRGB(100, 5);
            assertNotEquals(below, above, "floor and sky look the same");

            data.qpos().set(0, 0.8);
            data.forward();
            int[] moved = redRegion(r.render(data));
            assertTrue((moved[0] + moved[2]) / 2 > cx + 20, "box moved +x but its centre went from " + cx + " to "
                    + (moved[0] + moved[2]) / 2);
        }
    }

    @Test
    void aTrackingFreeCameraFollowsTheBodyAndAnUntrackedOneDoesNot() {
        CameraConfig config = CameraConfig.free().trackBody(1).distance(3.0).azimuth(90).elevation(-10);
        try (MjModel model = MjModel.fromXmlString(XML); MjData data = new MjData(model);
             MjRenderer tracking = new MjRenderer(model, 200, 160); MjRenderer still = new MjRenderer(model, 200, 160)) {
            data.forward();
            tracking.useFreeCamera(data, config, true);
            still.useFreeCamera(data, config, false);
            int trackedBefore = centreX(redRegion(tracking.render(data)));
            int stillBefore = centreX(redRegion(still.render(data)));
            data.qpos().set(0, 0.8);
            data.forward();
            int trackedAfter = centreX(redRegion(tracking.render(data)));
            int stillAfter = centreX(redRegion(still.render(data)));
            assertTrue(Math.abs(trackedAfter - trackedBefore) <= 2, "tracked box moved " + trackedBefore + " -> " + trackedAfter);
            assertTrue(Math.abs(stillAfter - stillBefore) > 20, "untracked box stayed at " + stillBefore + " -> " + stillAfter);
        }
    }

    private static int centreX(int[] region) {
        assertTrue(region[4] > 0, "no box in the frame");
        return (region[0] + region[2]) / 2;
    }

    @Test
    void hundredFramesThenCloseThenASecondRenderer() {
        try (MjModel model = MjModel.fromXmlString(XML); MjData data = new MjData(model)) {
            data.forward();
            BufferedImage last;
            MjRenderer r = new MjRenderer(model, 64, 48);
            r.useFixedCamera(0);
            BufferedImage first = r.render(data);
            for (int i = 0; i < 100; i++) {
                data.qpos().set(0, i * 0.01);
                data.forward();
                last = r.render(data);
                assertEquals(64, last.getWidth());
            }
            r.close();
            r.close();
            assertThrows(IllegalStateException.class, () -> r.render(data));
            try (MjRenderer again = new MjRenderer(model, 64, 48)) {
                again.useFixedCamera(0);
                data.qpos().set(0, 0);
                data.forward();
                BufferedImage same = again.render(data);
                assertTrue(meanAbsDiff(first, same) < 0.5, "same state, new renderer: mean diff " + meanAbsDiff(first, same));
            }
        }
    }

    @Test
    void framesFromAnotherThreadAfterTheFirst() throws Exception {
        try (MjModel model = MjModel.fromXmlString(XML); MjData data = new MjData(model);
             MjRenderer r = new MjRenderer(model, 64, 48)) {
            r.useFixedCamera(0);
            data.forward();
            BufferedImage here = r.render(data);
            BufferedImage[] there = new BufferedImage[1];
            Thread t = Thread.ofPlatform().start(() -> there[0] = r.render(data));
            t.join();
            assertEquals(0.0, meanAbsDiff(here, there[0]));
        }
    }

    @Test
    void badSizesAreRefusedWithTheValues() {
        try (MjModel model = MjModel.fromXmlString(XML)) {
            var e = assertThrows(IllegalArgumentException.class, () -> new MjRenderer(model, 201, 100));
            assertTrue(e.getMessage().contains("201x100") && e.getMessage().contains("200x160"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new MjRenderer(model, 0, 10));
        }
    }

    @Test
    void mujocoGlNamesTheBackendAndAnUnknownOneIsRefused() {
        String before = System.getProperty("javelin.mujoco.gl");
        try (MjModel model = MjModel.fromXmlString(XML); MjData data = new MjData(model)) {
            System.setProperty("javelin.mujoco.gl", "glfw");
            var e = assertThrows(IllegalArgumentException.class, () -> new MjRenderer(model, 64, 48));
            assertTrue(e.getMessage().contains("glfw") && e.getMessage().contains("egl or osmesa"), e.getMessage());

            System.setProperty("javelin.mujoco.gl", "egl");
            try (MjRenderer r = new MjRenderer(model, 64, 48)) {
                assertEquals("egl", r.backend());
            }

            // OSMesa either renders the box or says what was tried and how to install it
            System.setProperty("javelin.mujoco.gl", "osmesa");
            try (MjRenderer r = new MjRenderer(model, 64, 48)) {
                assertEquals("osmesa", r.backend());
                r.useFixedCamera(0);
                data.forward();
                assertTrue(redRegion(r.render(data))[4] > 50, "OSMesa frame has no box");
            } catch (MuJoCoUnavailableException missing) {
                assertTrue(missing.getMessage().contains("osmesa: ") && missing.getMessage().contains("apt-get install")
                        && missing.getMessage().contains("libosmesa6"), missing.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty("javelin.mujoco.gl");
            } else {
                System.setProperty("javelin.mujoco.gl", before);
            }
        }
    }

    /** Mean absolute difference per channel, 0-255. */
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
