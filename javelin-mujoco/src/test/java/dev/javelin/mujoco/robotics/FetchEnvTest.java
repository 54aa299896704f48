package dev.javelin.mujoco.robotics;

import dev.javelin.env.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchEnvTest {
    /** Centroid (x, y) and count of the red target sphere's pixels (nothing else in the scene is red). */
    private static double[] red(java.awt.image.BufferedImage frame) {
        double sx = 0, sy = 0, n = 0;
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int p = frame.getRGB(x, y);
                int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
                if (r > g + 40 && r > b + 40) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n, n};
    }

    /**
     * render() draws Gymnasium-Robotics' view with the target sphere on the episode's goal (a new goal moves it),
     * and leaves the simulation as it was: the steps after a render equal the steps of an env never drawn.
     */
    @Test
    void renderShowsTheGoalAndChangesNoStep() {
        FetchAssumptions.assumeFetch();
        try (FetchEnv drawn = new FetchEnv(FetchTask.PICK_AND_PLACE, false, FetchAssets.model("pick_and_place.xml"));
             FetchEnv plain = new FetchEnv(FetchTask.PICK_AND_PLACE, false, FetchAssets.model("pick_and_place.xml"))) {
            // seeds whose goals the arm does not hide from this camera (seed 1's is behind the elbow)
            drawn.reset(2);
            plain.reset(2);
            java.awt.image.BufferedImage first = drawn.render();
            assertEquals(480, first.getWidth());
            assertEquals(480, first.getHeight());
            double[] a = red(first);
            assertTrue(a[2] > 30, "target pixels: " + a[2]);
            float[] action = {0.3f, -0.2f, 0.1f, 0.5f};
            for (int t = 0; t < 5; t++) {
                Step<Map<String, Object>> s = drawn.step(action);
                Step<Map<String, Object>> u = plain.step(action);
                drawn.render(64, 64);
                for (String k : java.util.List.of("observation", "achieved_goal", "desired_goal")) {
                    assertArrayEquals((float[]) u.observation().get(k), (float[]) s.observation().get(k), k + " at step " + t);
                }
                assertEquals(u.reward(), s.reward());
            }
            drawn.reset(3);
            double[] b = red(drawn.render());
            assertTrue(Math.hypot(a[0] - b[0], a[1] - b[1]) > 5, "the target did not move with the goal: "
                    + java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b));
        }
    }
    @Test
    void badInputNamesTheValue() {
        FetchAssumptions.assumeFetch();
        try (FetchEnv env = new FetchEnv(FetchTask.REACH, false, FetchAssets.model("reach.xml"))) {
            var early = assertThrows(IllegalStateException.class, () -> env.step(new float[4]));
            assertTrue(early.getMessage().contains("reset"), early.getMessage());
            var negative = assertThrows(IllegalArgumentException.class, () -> env.reset(-4));
            assertTrue(negative.getMessage().contains("-4"), negative.getMessage());
            env.reset(3);
            var outside = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {0f, 2f, 0f, 0f}));
            assertTrue(outside.getMessage().contains("2.0"), outside.getMessage());
            var rows = assertThrows(IllegalArgumentException.class, () -> env.computeReward(new float[6], new float[3], 2));
            assertTrue(rows.getMessage().contains("2 x 3"), rows.getMessage());
        }
    }

    @Test
    void sparseAndDenseRewardsOfComputeReward() {
        FetchAssumptions.assumeFetch();
        float[] achieved = {0f, 0f, 0f, 1f, 1f, 1f};
        float[] desired = {0.03f, 0f, 0f, 1f, 1f, 1.2f};
        try (FetchEnv sparse = new FetchEnv(FetchTask.REACH, false, FetchAssets.model("reach.xml"));
             FetchEnv dense = new FetchEnv(FetchTask.REACH, true, FetchAssets.model("reach.xml"))) {
            // distances 0.03 (within the threshold) and 0.2
            double[] r = sparse.computeReward(achieved, desired, 2);
            assertEquals(-0.0, r[0], "-(d > threshold).astype(float32) is minus zero when achieved");
            assertEquals(-1.0, r[1]);
            double[] d = dense.computeReward(achieved, desired, 2);
            assertEquals(-0.03, d[0], 1e-7);
            assertEquals(-0.2, d[1], 1e-7);
        }
    }

    @Test
    void theGripperFollowsTheActionAndSuccessIsReportedAtTheGoal() {
        FetchAssumptions.assumeFetch();
        try (FetchEnv env = new FetchEnv(FetchTask.REACH, false, FetchAssets.model("reach.xml"))) {
            Map<String, Object> obs = env.reset(0).observation();
            float[] start = ((float[]) obs.get("achieved_goal")).clone();
            float[] goal = (float[]) obs.get("desired_goal");
            assertArrayEquals(start, java.util.Arrays.copyOf((float[]) obs.get("observation"), 3), "Reach's achieved goal is grip_pos");
            Step<Map<String, Object>> s = null;
            for (int t = 0; t < 40; t++) {
                float[] grip = (float[]) (s == null ? obs : s.observation()).get("achieved_goal");
                float[] a = new float[4];
                for (int k = 0; k < 3; k++) {
                    a[k] = Math.max(-1f, Math.min(1f, 10f * (goal[k] - grip[k])));
                }
                s = env.step(a);
            }
            assertEquals(1.0, s.info().get("is_success"), "gripper at " + java.util.Arrays.toString((float[]) s.observation().get("achieved_goal"))
                    + ", goal " + java.util.Arrays.toString(goal));
            assertEquals(0.0, s.reward(), 0.0);
        }
    }
}
