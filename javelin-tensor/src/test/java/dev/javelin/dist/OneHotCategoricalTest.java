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

import java.util.List;

import org.junit.jupiter.api.Test;

class OneHotCategoricalTest {
    @Test
    void unimixKeepsEveryClassAboveItsShare() {
        OneHotCategorical d = new OneHotCategorical(Tensor.of(new float[] {100f, 0f, 0f, -100f}, 1, 4), 0.01);
        float[] p = d.probs().data();
        assertEquals(0.99 + 0.0025, p[0], 1e-6);
        for (int k = 1; k < 4; k++) assertEquals(0.0025, p[k], 1e-6, "class " + k);
        assertEquals(Math.log(0.0025), d.logits().data()[3], 1e-4);
        assertEquals(4, d.classes());
        assertEquals(0.01, d.unimix());
    }

    @Test
    void samplesAreOneHotWithTheMixedFrequencies() {
        int n = 10_000;
        Tensor logits = Tensor.of(new float[] {2f, 0f, -1f, -30f}, 1, 1, 4).expand(n, 2, 4);
        OneHotCategorical d = new OneHotCategorical(logits, 0.05);
        Tensor s = d.sample(new Rng(41));
        assertArrayEquals(new int[] {n, 2, 4}, s.shape());
        for (float v : s.sum(-1, false).data()) assertEquals(1f, v);
        for (float v : s.data()) assertTrue(v == 0f || v == 1f, "entry " + v);
        float[] freq = s.mean(0).data(), p = d.probs().data();
        for (int k = 0; k < 8; k++) {
            assertEquals(p[k], freq[k], 5 * Math.sqrt(p[k] * (1 - p[k]) / n), "class " + k % 4 + " of latent " + k / 4);
        }
        // the 1e-13 class of the raw softmax is drawn at its unimix share 0.05 / 4
        assertEquals(0.0125, p[3], 1e-6);
    }

    @Test
    void rsampleHasTheSampleValueAndTheGradientOfTheProbabilities() {
        Tensor logits = GradCheck.param(1, 3, 2, 5);
        OneHotCategorical d = new OneHotCategorical(logits, 0.01);
        Tensor hard = d.rsample(new Rng(7));
        assertArrayEquals(d.sample(new Rng(7)).data(), hard.data());
        Tensor w = Tensor.uniform(new Rng(2), -1f, 1f, 3, 2, 5);
        Tensor viaSample = Grad.of(List.of(hard.mul(w).sum()), List.of(logits), false).get(0);
        Tensor viaProbs = Grad.of(List.of(d.probs().mul(w).sum()), List.of(logits), false).get(0);
        assertArrayEquals(viaProbs.data(), viaSample.data());
        assertTrue(viaProbs.abs().sum().item() > 0);
        Tensor mode = d.mode();
        assertArrayEquals(Tensor.oneHot(logits.argmax(-1), 5).data(), mode.data());
        assertArrayEquals(viaProbs.data(), Grad.of(List.of(mode.mul(w).sum()), List.of(logits), false).get(0).data());
        assertFalse(d.sample(new Rng(1)).requiresGrad());
    }

    @Test
    void logProbEntropyAndKlOfTheMixedProbabilities() {
        Tensor logits = Tensor.uniform(new Rng(3), -3f, 3f, 2, 4);
        OneHotCategorical d = new OneHotCategorical(logits, 0.1);
        Tensor event = Tensor.oneHot(Tensor.of(new float[] {2, 0}, 2), 4);
        float[] lp = d.logProb(event).data(), h = d.entropy().data(), p = d.probs().data();
        for (int r = 0; r < 2; r++) {
            double e = 0;
            for (int k = 0; k < 4; k++) e -= p[r * 4 + k] * Math.log(p[r * 4 + k]);
            assertEquals(e, h[r], 1e-5);
        }
        assertEquals(Math.log(p[2]), lp[0], 1e-5);
        assertEquals(Math.log(p[4]), lp[1], 1e-5);
        for (float v : d.kl(d).data()) assertEquals(0f, v, 1e-6);
        // unimix bounds the KL against any q: KL(p || q) <= -log min q = log(K / unimix)
        OneHotCategorical peaked = new OneHotCategorical(Tensor.of(new float[] {0f, 0f, 0f, 80f, 80f, 0f, 0f, 0f}, 2, 4), 0.1);
        for (float v : d.kl(peaked).data()) assertTrue(v > 0 && v <= Math.log(4 / 0.1), "KL " + v);
        // without unimix it is the plain categorical
        Categorical c = new Categorical(logits);
        OneHotCategorical plain = new OneHotCategorical(logits, 0);
        assertArrayEquals(c.entropy().data(), plain.entropy().data(), 1e-6f);
        assertArrayEquals(c.logProb(Tensor.of(new float[] {2, 0}, 2)).data(), plain.logProb(event).data(), 1e-6f);
    }

    @Test
    void gradients() {
        Tensor event = Tensor.oneHot(Tensor.of(new float[] {1, 3, 0, 2, 2, 1}, 2, 3), 4);
        GradCheck.check(xs -> new OneHotCategorical(xs[0], 0.01).probs(), GradCheck.param(1, 2, 3, 4));
        GradCheck.check(xs -> new OneHotCategorical(xs[0], 0.01).logProb(event), GradCheck.param(2, 2, 3, 4));
        GradCheck.check(xs -> new OneHotCategorical(xs[0], 0.01).entropy(), GradCheck.param(3, 2, 3, 4));
        GradCheck.check(xs -> new OneHotCategorical(xs[0], 0.01).kl(new OneHotCategorical(xs[1], 0.01)),
                GradCheck.param(4, 2, 3, 4), GradCheck.param(5, 2, 3, 4));
    }

    @Test
    void badInputsNameTheValueOrShape() {
        var scalar = assertThrows(IllegalArgumentException.class, () -> new OneHotCategorical(Tensor.scalar(0f), 0.01));
        assertTrue(scalar.getMessage().contains("rank >= 1"), scalar.getMessage());
        for (double u : new double[] {-0.1, 1.0, Double.NaN}) {
            var mix = assertThrows(IllegalArgumentException.class, () -> new OneHotCategorical(Tensor.zeros(2, 3), u));
            assertTrue(mix.getMessage().contains(String.valueOf(u)) && mix.getMessage().contains("[0, 1)"), mix.getMessage());
        }
        OneHotCategorical d = new OneHotCategorical(Tensor.zeros(2, 3), 0.01);
        var event = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(2)));
        assertTrue(event.getMessage().contains("[2]") && event.getMessage().contains("[2, 3]"), event.getMessage());
        var kl = assertThrows(IllegalArgumentException.class, () -> d.kl(new OneHotCategorical(Tensor.zeros(2, 4), 0.01)));
        assertTrue(kl.getMessage().contains("[2, 4]"), kl.getMessage());
    }
}
