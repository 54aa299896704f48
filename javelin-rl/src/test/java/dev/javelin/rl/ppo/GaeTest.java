package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.preprocess.Preprocessor;
import java.util.Map;
import java.util.Optional;
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
    void setTargetsEndsEpisodesAtTruncationsAndScalesValuesAndReturns() {
        // 2 steps of 2 envs, layout [t * 2 + i]: env 1 is truncated at t = 0
        RolloutMemory memory = new RolloutMemory(2, 2);
        for (String name : new String[] {"values", "returns", "advantages", "terminated", "truncated"}) {
            memory.create(name, 1);
        }
        float[] values = {0.5f, 1, -1, 2};
        float[] rewards = {1, 2, 3, 4};
        float[] truncated = {0, 1, 0, 0};
        for (int t = 0; t < 2; t++) {
            memory.put("values", new float[] {values[2 * t], values[2 * t + 1]});
            memory.put("terminated", new float[2]);
            memory.put("truncated", new float[] {truncated[2 * t], truncated[2 * t + 1]});
            memory.advance();
        }
        float[] last = {3, 5};
        Gae.Result expected = Gae.compute(rewards, values, truncated, last, 2, 0.9, 0.8);
        float[] advantages = expected.advantages().clone();
        Gae.normalize(advantages);

        Gae.setTargets(memory, rewards, last, 0.9, 0.8, Preprocessor.of("value_preprocessor", Optional.empty(), 1, Map.of()));
        assertArrayEquals(values, memory.data("values"), "the identity keeps the values");
        assertArrayEquals(expected.returns(), memory.data("returns"));
        assertArrayEquals(advantages, memory.data("advantages"));
        assertEquals(2, expected.returns()[1], 1e-6f, "truncated: the return is the reward alone, no bootstrap");

        Preprocessor scaler = Preprocessor.of("value_preprocessor", Optional.of("running_standard_scaler"), 1, Map.of());
        memory.set("values", values);
        Gae.setTargets(memory, rewards, last, 0.9, 0.8, scaler);
        assertArrayEquals(scaler.apply(expected.returns(), false), memory.data("returns"), 1e-6f,
                "returns standardized by statistics that absorbed values and returns");
        assertTrue(Math.abs(memory.data("values")[0] - values[0]) > 0.1, "values standardized too");
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
