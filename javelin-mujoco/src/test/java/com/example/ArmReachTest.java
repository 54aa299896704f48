package com.example;

import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.mujoco.MuJoCoAssumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The docs' custom task, checked as a user would: seeded resets, rejected actions, muscles that move the hand. */
class ArmReachTest {

    @BeforeEach
    void models() {
        MuJoCoAssumptions.assumeMuJoCo();
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            assumeTrue(Files.isRegularFile(ArmReach.MODEL), "apt-get install libmujoco-samples for " + ArmReach.MODEL);
        }
    }

    @Test
    void aSeedFixesTheTargetAndDifferentSeedsMoveIt() {
        try (ArmReach a = new ArmReach(); ArmReach b = new ArmReach()) {
            Reset<float[]> r1 = a.reset(3);
            assertEquals(a.observationSpace().size(), r1.observation().length);
            assertArrayEquals(r1.observation(), b.reset(3).observation());
            float[] other = b.reset(4).observation();
            int n = other.length;
            assertFalse(other[n - 2] == r1.observation()[n - 2] && other[n - 1] == r1.observation()[n - 1]);
        }
    }

    @Test
    void musclesMoveTheHandAndTheRewardIsMinusTheDistance() {
        try (ArmReach env = new ArmReach()) {
            float[] start = env.reset(0).observation();
            int n = start.length;
            Step<float[]> s = null;
            for (int t = 0; t < 50; t++) {
                s = env.step(new float[] {1, 0, 1, 0, 1, 0});
                if (s.done()) {
                    break;
                }
            }
            float[] obs = s.observation();
            assertTrue(Math.hypot(obs[n - 4] - start[n - 4], obs[n - 3] - start[n - 3]) > 0.05, "the hand moved");
            double distance = (double) s.info().get("distance");
            assertEquals(Math.hypot(obs[n - 4] - obs[n - 2], obs[n - 3] - obs[n - 1]), distance, 1e-6);
            assertEquals(-distance + (double) s.info().get("reward_effort"), s.reward(), 1e-12);
        }
    }

    @Test
    void muscleCommandsOutsideZeroToOneAreRejected() {
        try (ArmReach env = new ArmReach()) {
            env.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {-0.5f, 0, 0, 0, 0, 0}));
            assertTrue(e.getMessage().contains("action"), e.getMessage());
        }
    }
}
