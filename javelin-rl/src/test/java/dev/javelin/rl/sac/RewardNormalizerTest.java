package dev.javelin.rl.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.memory.Transitions;
import org.junit.jupiter.api.Test;

class RewardNormalizerTest {
    @Test
    void theVarianceIsTheReturnsPopulationVarianceAfterTheTinyPrior() {
        RewardNormalizer n = new RewardNormalizer();
        assertEquals(1, n.variance(), "SB3's RunningMeanStd starts at var 1");
        for (int g = 1; g <= 100; g++) {
            n.observe(g);
        }
        // population variance of 1..100 is (100^2 - 1) / 12; the prior (count 1e-4) moves it by ~1e-4 relative
        assertEquals((100 * 100 - 1) / 12.0, n.variance(), 0.5);
    }

    @Test
    void batchesAreDividedByTheStdAndClipped() {
        RewardNormalizer n = new RewardNormalizer();
        for (double g : new double[] {-2, 2, -2, 2}) {
            n.observe(g);
        }
        double std = Math.sqrt(n.variance() + RewardNormalizer.EPSILON);
        float[] rewards = {1f, -3f, 1000f, -1000f};
        Transitions batch = new Transitions(4, 1, 1, new float[4], new float[4], rewards, new float[4], new float[4]);
        Transitions scaled = n.normalize(batch);
        assertArrayEquals(new float[] {(float) (1 / std), (float) (-3 / std), 10f, -10f}, scaled.rewards());
        assertEquals(1000f, batch.rewards()[2], "the replay's rewards stay as collected");
    }

    @Test
    void statisticsRoundTripExactlyThroughACheckpoint() {
        RewardNormalizer n = new RewardNormalizer();
        for (int i = 0; i < 50; i++) {
            n.observe(Math.sin(i) * 7.3);
        }
        RewardNormalizer back = new RewardNormalizer();
        back.load(n.save(new Checkpoint()));
        assertEquals(n.variance(), back.variance());
        n.observe(1.25);
        back.observe(1.25);
        assertEquals(n.variance(), back.variance());
        String m = assertThrows(IllegalArgumentException.class, () -> new RewardNormalizer().load(new Checkpoint()))
                .getMessage();
        assertTrue(m.contains("normalize_reward"), m);
    }
}
