package dev.javelin.mujoco.robotics;

import dev.javelin.env.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchEnvTest {
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
