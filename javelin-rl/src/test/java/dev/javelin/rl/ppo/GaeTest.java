package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaeTest {
    private static final float[] REWARDS = {1, 2, 3};
    private static final float[] VALUES = {0.5f, -1, 2};

    @Test
    void lambdaOneGivesDiscountedReturnsBootstrappedFromTheLastValue() {
        Gae.Result r = Gae.compute(REWARDS, VALUES, new float[3], new float[] {10}, 1, 0.9, 1.0);
        float g2 = 3 + 0.9f * 10;
        float g1 = 2 + 0.9f * g2;
        float g0 = 1 + 0.9f * g1;
        assertArrayEquals(new float[] {g0, g1, g2}, r.returns(), 1e-5f);
        assertArrayEquals(new float[] {g0 - 0.5f, g1 + 1, g2 - 2}, r.advantages(), 1e-5f);
    }

    @Test
    void lambdaZeroGivesOneStepTemporalDifferences() {
        Gae.Result r = Gae.compute(REWARDS, VALUES, new float[3], new float[] {10}, 1, 0.9, 0.0);
        assertArrayEquals(new float[] {1 + 0.9f * -1 - 0.5f, 2 + 0.9f * 2 + 1, 3 + 0.9f * 10 - 2}, r.advantages(), 1e-5f);
    }

    @Test
    void anEpisodeEndCutsBothTheBootstrapAndTheTrace() {
        // env 0 ends at t = 1; env 1 never does; layout [t * 2 + i]
        float[] rewards = {1, 1, 1, 1, 1, 1};
        float[] values = {0, 0, 0, 0, 5, 5};
        float[] dones = {0, 0, 1, 0, 0, 0};
        Gae.Result r = Gae.compute(rewards, values, dones, new float[] {7, 7}, 2, 0.5, 0.5);
        assertEquals(1 + 0.5f * 7 - 5, r.advantages()[4], 1e-6f);
        assertEquals(1, r.advantages()[2], 1e-6f, "done: no V(s_{t+1}), no later advantage");
        assertEquals(1 + 0.5f * 5 + 0.25f * (1 + 0.5f * 7 - 5), r.advantages()[3], 1e-6f);
        assertEquals(1 + 0.5f * (0 + 0.5f * 1), r.advantages()[0], 1e-6f);
        assertEquals(r.advantages()[5] + 5, r.returns()[5], 1e-6f);
    }

    @Test
    void normalizationUsesTheUnbiasedStd() {
        float[] a = {1, 2, 3, 4};
        Gae.normalize(a);
        double std = Math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3);
        assertArrayEquals(new float[] {(float) (-1.5 / std), (float) (-0.5 / std), (float) (0.5 / std), (float) (1.5 / std)},
                a, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Gae.normalize(new float[1]));
        assertThrows(IllegalArgumentException.class, () -> Gae.compute(REWARDS, VALUES, new float[2], new float[1], 1, 0.9, 1));
    }
}
