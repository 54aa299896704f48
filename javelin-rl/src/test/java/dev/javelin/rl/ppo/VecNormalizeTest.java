package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Box;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RL Zoo's normalize (VecNormalize): the statistics absorb each observation as the env returns it, once; acting and
 * the stored rollout states use them as they stand; acting itself absorbs nothing.
 */
class VecNormalizeTest {
    private static PpoConfig config(String... sets) {
        return Configs.override(new PpoConfig(), List.of(sets));
    }

    @Test
    void observationsAreAbsorbedWhenObservedAndStoredStandardized() {
        PpoConfig c = config("normalize=true", "rollouts=4", "mini_batches=2");
        try (PpoAgent agent = new PpoAgent(c, 2, new Box(-1, 1, 1), new Rng(1), 1, true)) {
            // one observation at a time, as from one env: VecNormalize's biased batch variance, clip_obs 10
            RunningStandardScaler reference = new RunningStandardScaler(2, RunningStandardScaler.DEFAULT_EPSILON, 10);
            float[][] arrivals = {{1, 10}, {3, -2}, {0.5f, 4}};
            for (float[] o : arrivals) {
                agent.observe(o, 1);
                reference.absorb(o, 1);
                agent.act(o, 1); // acting absorbs nothing
            }
            float[] x = {2, 3};
            float[] expected = reference.apply(Tensor.of(x.clone(), 1, 2), false).data();
            assertArrayEquals(expected, agent.stored(x, 1), 1e-6f);
            assertTrue(Math.abs(expected[0] - 2) > 0.1, "the stored state is standardized, not raw");
            float[] far = {1000, -1000};
            assertArrayEquals(new float[] {10, -10}, agent.stored(far, 1), "VecNormalize's clip_obs");
        }
    }

    @Test
    void absorbingOneRowAtATimeIsTheBiasedRunningMeanStd() {
        // SB3's RunningMeanStd from mean 0, var 1, count c0 absorbing 3 then 5 one at a time, here with skrl's c0 = 1
        RunningStandardScaler s = new RunningStandardScaler(1);
        s.absorb(new float[] {3}, 1);
        s.absorb(new float[] {5}, 1);
        // after 3: mean 1.5, var (1 + 0 + 9 * 1 * 1 / 2) / 2 = 2.75; after 5: total 3, delta 3.5,
        // mean 1.5 + 3.5 / 3 = 2.6666667, var (2.75 * 2 + 0 + 12.25 * 2 / 3) / 3 = 4.5555556
        org.junit.jupiter.api.Assertions.assertEquals(8.0 / 3, s.mean(0), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(41.0 / 9, s.variance(0), 1e-12);
    }

    @Test
    void withoutItStatesAreStoredRawAndObservingIsANoOp() {
        PpoConfig c = config("normalize=true", "rollouts=4", "mini_batches=2");
        try (PpoAgent agent = new PpoAgent(c, 2, new Box(-1, 1, 1), new Rng(1), 1)) {
            float[] x = {2, 3};
            agent.observe(new float[] {100, 100}, 1);
            assertSame(x, agent.stored(x, 1));
        }
    }

    @Test
    void needsNormalizeWithoutAStatePreprocessor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PpoAgent(config("normalize=false"), 2, new Box(-1, 1, 1), new Rng(1), 1, true));
        assertTrue(e.getMessage().contains("normalize = false"), e.getMessage());
    }
}
