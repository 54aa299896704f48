package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.javelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** advantage_normalization: rollout leaves a mini-batch as drawn, mini_batch standardizes it as SB3 does. */
class MiniBatchAdvantagesTest {
    @Test
    void miniBatchModeStandardizesWithTheUnbiasedStd() {
        // mean 2.5, unbiased std sqrt(5/3) = 1.2909944
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        float[] out = PpoAgent.miniBatchAdvantages(a, PpoConfig.AdvantageNormalization.MINI_BATCH).data();
        double s = Math.sqrt(5.0 / 3.0);
        assertArrayEquals(new float[] {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)}, out, 1e-6f);
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.data(), "the drawn batch is not changed in place");
    }

    @Test
    void rolloutModeAndSingleSamplesAreLeftAsDrawn() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        assertSame(a, PpoAgent.miniBatchAdvantages(a, PpoConfig.AdvantageNormalization.ROLLOUT));
        Tensor one = Tensor.of(new float[] {7}, 1);
        assertSame(one, PpoAgent.miniBatchAdvantages(one, PpoConfig.AdvantageNormalization.MINI_BATCH));
    }
}
