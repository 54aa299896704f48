package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

class CategoricalTest {
    private static final float[] P = {0.1f, 0.2f, 0.3f, 0.4f};

    /** n rows of the logits log P. */
    private static Tensor rows(int n) {
        float[] d = new float[n * P.length];
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.log(P[i % P.length]);
        return Tensor.of(d, n, P.length);
    }

    @Test
    void sampleFrequenciesMatchTheProbabilities() {
        int n = 40_000;
        Tensor s = new Categorical(rows(n)).sample(new Rng(1));
        assertArrayEquals(new int[] {n}, s.shape());
        int[] counts = new int[P.length];
        for (float v : s.data()) counts[(int) v]++;
        for (int k = 0; k < P.length; k++) {
            // 5 standard errors of a frequency: sqrt(p (1 - p) / n) <= 0.0025
            assertEquals(P[k], counts[k] / (double) n, 0.0125, "frequency of class " + k);
        }
    }

    @Test
    void probsTakenFirstWithoutAGraphStillCarryGradientsLater() {
        Tensor logits = Tensor.uniform(new Rng(4), -1f, 1f, 3, 4).requiresGrad(true);
        Categorical c = new Categorical(logits);
        try (var g = Grad.disabled()) {
            assertFalse(c.probs().requiresGrad(), "read without a graph: an untracked copy");
        }
        Tensor p = c.probs();
        assertTrue(p.requiresGrad(), "read with the graph the logits were made in: recorded");
        assertArrayEquals(logits.softmax(-1).data(), p.data(), 0f);
        c.entropy().sum().backward();
        assertTrue(logits.hasGrad());
    }

    @Test
    void sameSeedSameSamples() {
        Categorical c = new Categorical(rows(100));
        assertArrayEquals(c.sample(new Rng(9)).data(), c.sample(new Rng(9)).data());
    }

    @Test
    void maskedClassIsNeverSampledAndKeepsEntropyFinite() {
        float inf = Float.NEGATIVE_INFINITY;
        Tensor logits = Tensor.of(new float[] {0f, inf, 0f, inf, 1f, inf}, 2, 3);
        Categorical c = new Categorical(logits);
        Tensor s = new Categorical(logits.narrow(0, 0, 1).expand(10_000, 3)).sample(new Rng(2));
        for (int i = 0; i < s.size(); i++) assertTrue(s.data()[i] != 1f, "masked class sampled at " + i);
        float[] h = c.entropy().data();
        assertEquals(Math.log(2), h[0], 1e-6);
        assertEquals(0.0, h[1], 1e-6);
        for (float kl : c.kl(c).data()) assertEquals(0.0, kl, 1e-7);
        assertArrayEquals(new float[] {0f, 1f}, c.mode().data());
    }

    @Test
    void logProbModeAndProbsOfBatchedLogits() {
        Tensor logits = Tensor.uniform(new Rng(3), -2f, 2f, 2, 3, 5);
        Categorical c = new Categorical(logits);
        Tensor actions = Tensor.of(new float[] {0, 4, 2, 1, 3, 4}, 2, 3);
        float[] lp = c.logProb(actions).data(), l = logits.data(), mode = c.mode().data();
        for (int r = 0; r < 6; r++) {
            double lse = 0, best = Double.NEGATIVE_INFINITY;
            int arg = -1;
            for (int k = 0; k < 5; k++) {
                lse += Math.exp(l[r * 5 + k]);
                if (l[r * 5 + k] > best) {
                    best = l[r * 5 + k];
                    arg = k;
                }
            }
            assertEquals(l[r * 5 + (int) actions.data()[r]] - Math.log(lse), lp[r], 1e-5, "log p of row " + r);
            assertEquals(arg, mode[r], "mode of row " + r);
        }
        assertArrayEquals(new int[] {2, 3}, c.entropy().shape());
        assertArrayEquals(new int[] {2, 3, 5}, c.probs().shape());
        assertEquals(5, c.classes());
    }

    @Test
    void klIsZeroOnItselfAndPositiveElsewhere() {
        Categorical p = new Categorical(Tensor.uniform(new Rng(4), -2f, 2f, 6, 4));
        Categorical q = new Categorical(Tensor.uniform(new Rng(5), -2f, 2f, 6, 4));
        for (float v : p.kl(p).data()) assertEquals(0.0, v, 1e-6);
        for (float v : p.kl(q).data()) assertTrue(v > 0, "KL " + v);
    }

    @Test
    void gradientsOfLogProbEntropyAndKl() {
        Tensor actions = Tensor.of(new float[] {3, 0, 1, 1, 2, 0}, 2, 3);
        GradCheck.check(xs -> new Categorical(xs[0]).logProb(actions), GradCheck.param(6, 2, 3, 4));
        GradCheck.check(xs -> new Categorical(xs[0]).entropy(), GradCheck.param(7, 2, 3, 4));
        GradCheck.check(xs -> new Categorical(xs[0]).kl(new Categorical(xs[1])), GradCheck.param(8, 3, 4), GradCheck.param(9, 3, 4));
    }

    @Test
    void samplesAndModeCarryNoGraph() {
        Categorical c = new Categorical(GradCheck.param(10, 3, 4));
        assertFalse(c.sample(new Rng(1)).requiresGrad());
        assertFalse(c.mode().requiresGrad());
    }

    @Test
    void badInputsNameTheShapeOrValue() {
        var scalar = assertThrows(IllegalArgumentException.class, () -> new Categorical(Tensor.scalar(1f)));
        assertTrue(scalar.getMessage().contains("rank >= 1"), scalar.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> new Categorical(Tensor.zeros(3, 0)));
        assertTrue(empty.getMessage().contains("[3, 0]"), empty.getMessage());
        Categorical c = new Categorical(Tensor.zeros(4, 3));
        var range = assertThrows(IllegalArgumentException.class, () -> c.logProb(Tensor.of(new float[] {0, 1, 3, 2}, 4)));
        assertTrue(range.getMessage().contains("3.0") && range.getMessage().contains("[0, 3)"), range.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> c.logProb(Tensor.of(new float[] {0, -1, 2, 2}, 4)));
        assertTrue(negative.getMessage().contains("-1.0"), negative.getMessage());
        var fraction = assertThrows(IllegalArgumentException.class, () -> c.logProb(Tensor.of(new float[] {0, 1.5f, 2, 2}, 4)));
        assertTrue(fraction.getMessage().contains("1.5"), fraction.getMessage());
        // [4, 1] against batch [4] would broadcast to [4, 4] in torch: a classic silent bug, rejected here
        var shape = assertThrows(IllegalArgumentException.class, () -> c.logProb(Tensor.zeros(4, 1)));
        assertTrue(shape.getMessage().contains("[4, 1]") && shape.getMessage().contains("[4]"), shape.getMessage());
        var kl = assertThrows(IllegalArgumentException.class, () -> c.kl(new Categorical(Tensor.zeros(4, 5))));
        assertTrue(kl.getMessage().contains("[4, 5]") && kl.getMessage().contains("[4, 3]"), kl.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> new Categorical(Tensor.of(new float[] {0f, Float.NaN}, 1, 2)).sample(new Rng(1)));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }
}
