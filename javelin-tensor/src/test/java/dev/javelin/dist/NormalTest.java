package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

class NormalTest {
    @Test
    void samplesHaveTheRequestedMeanAndVariance() {
        int n = 20_000;
        Tensor mean = Tensor.of(new float[] {1.5f, -2f}, 2);
        Tensor std = Tensor.of(new float[] {0.5f, 3f}, 2).reshape(1, 2).expand(n, 2);
        Normal d = new Normal(mean, std);
        assertArrayEquals(new int[] {n, 2}, d.shape());
        for (Tensor s : new Tensor[] {d.sample(new Rng(11)), d.rsample(new Rng(12))}) {
            Tensor m = s.mean(0), v = s.var(0, true, false);
            // 5 standard errors: std / sqrt(n) for the mean, sqrt(2 / n) relative for the variance
            assertEquals(1.5, m.data()[0], 5 * 0.5 / Math.sqrt(n));
            assertEquals(-2, m.data()[1], 5 * 3 / Math.sqrt(n));
            assertEquals(0.25, v.data()[0], 0.25 * 5 * Math.sqrt(2.0 / n));
            assertEquals(9, v.data()[1], 9 * 5 * Math.sqrt(2.0 / n));
        }
    }

    @Test
    void logProbIsTheGaussianDensity() {
        Normal d = new Normal(Tensor.of(new float[] {0.3f}, 1), Tensor.of(new float[] {0.7f}, 1));
        double x = -0.4, z = (x - 0.3) / 0.7;
        double expected = -0.5 * z * z - Math.log(0.7) - 0.5 * Math.log(2 * Math.PI);
        assertEquals(expected, d.logProb(Tensor.of(new float[] {(float) x}, 1)).item(), 1e-6);
        assertEquals(0.5 + 0.5 * Math.log(2 * Math.PI) + Math.log(0.7), d.entropy().item(), 1e-6);
    }

    @Test
    void gradientsOfRsampleLogProbAndEntropy() {
        // a fresh generator per evaluation: the same noise each time, so only mean and std move
        GradCheck.check(xs -> new Normal(xs[0], xs[1]).rsample(new Rng(3)),
                GradCheck.param(1, 4, 3), GradCheck.paramIn(2, 0.3f, 1.5f, 3));
        GradCheck.check(xs -> new Normal(xs[0], xs[1]).logProb(xs[2]),
                GradCheck.param(4, 4, 3), GradCheck.paramIn(5, 0.3f, 1.5f, 4, 3), GradCheck.param(6, 4, 3));
        GradCheck.check(xs -> new Normal(xs[0], xs[1]).entropy(), GradCheck.param(7, 2), GradCheck.paramIn(8, 0.3f, 1.5f, 2));
    }

    @Test
    void sampleCarriesNoGraphAndModeIsTheMean() {
        Tensor mean = GradCheck.param(1, 3);
        Normal d = new Normal(mean, GradCheck.paramIn(2, 0.5f, 1f, 3));
        assertFalse(d.sample(new Rng(1)).requiresGrad());
        assertTrue(d.rsample(new Rng(1)).requiresGrad());
        assertArrayEquals(d.sample(new Rng(5)).data(), d.rsample(new Rng(5)).data());
        assertSame(mean, d.mode());
    }

    @Test
    void badInputsNameTheValueOrShape() {
        var negative = assertThrows(IllegalArgumentException.class,
                () -> new Normal(Tensor.zeros(3), Tensor.of(new float[] {1f, -0.5f, 1f}, 3)));
        assertTrue(negative.getMessage().contains("-0.5") && negative.getMessage().contains("positive"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.zeros(1), Tensor.of(new float[] {0f}, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.zeros(1), Tensor.of(new float[] {Float.NaN}, 1)));
        var broadcast = assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.zeros(2, 3), Tensor.ones(4)));
        assertTrue(broadcast.getMessage().contains("[2, 3]") && broadcast.getMessage().contains("[4]"), broadcast.getMessage());
        Normal d = new Normal(Tensor.zeros(2, 3), Tensor.ones(3));
        var x = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(3)));
        assertTrue(x.getMessage().contains("[3]") && x.getMessage().contains("[2, 3]"), x.getMessage());
    }
}
