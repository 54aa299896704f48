package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

class BernoulliTest {
    @Test
    void sampleFrequencyIsSigmoidOfTheLogit() {
        int n = 20_000;
        float[] logits = {-2f, 0f, 1.5f};
        Tensor l = Tensor.of(logits, 1, 3).expand(n, 3);
        Tensor mean = new Bernoulli(l).sample(new Rng(31)).mean(0);
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-logits[j]));
            assertEquals(p, mean.data()[j], 5 * Math.sqrt(p * (1 - p) / n), "logit " + logits[j]);
        }
    }

    @Test
    void logProbEntropyModeAndMean() {
        Tensor l = Tensor.of(new float[] {-30f, -1f, 0f, 2f, 40f}, 5);
        Bernoulli b = new Bernoulli(l);
        float[] lp1 = b.logProb(Tensor.ones(5)).data(), lp0 = b.logProb(Tensor.zeros(5)).data(), h = b.entropy().data();
        for (int i = 0; i < 5; i++) {
            double x = l.data()[i], p = 1 / (1 + Math.exp(-x));
            assertEquals(-Math.log1p(Math.exp(-x)), lp1[i], 1e-5 * Math.max(1, Math.abs(x)));
            assertEquals(-Math.log1p(Math.exp(x)), lp0[i], 1e-5 * Math.max(1, Math.abs(x)));
            double e = p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log1p(-p));
            assertEquals(e, h[i], 1e-5);
        }
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, b.mode().data());
        assertEquals(0.5f, b.mean().data()[2]);
        // a fractional target is the binary cross-entropy
        assertEquals(0.25 * lp1[1] + 0.75 * lp0[1], b.logProb(Tensor.full(0.25f, 5)).data()[1], 1e-6);
    }

    @Test
    void gradients() {
        Tensor x = Tensor.of(new float[] {1, 0, 0.5f, 1, 0, 1}, 2, 3);
        GradCheck.check(xs -> new Bernoulli(xs[0]).logProb(x), GradCheck.param(1, 2, 3));
        GradCheck.check(xs -> new Bernoulli(xs[0]).entropy(), GradCheck.param(2, 2, 3));
    }

    @Test
    void badInputsNameTheValueOrShape() {
        Bernoulli b = new Bernoulli(Tensor.zeros(2, 3));
        var value = assertThrows(IllegalArgumentException.class, () -> b.logProb(Tensor.full(2f, 2, 3)));
        assertTrue(value.getMessage().contains("2.0") && value.getMessage().contains("[0, 1]"), value.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> b.logProb(Tensor.zeros(3)));
        assertTrue(shape.getMessage().contains("[3]") && shape.getMessage().contains("[2, 3]"), shape.getMessage());
    }
}
