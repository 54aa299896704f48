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

class TwoHotTest {
    private static final Tensor SYMEXP = TwoHot.symexpBins(255), SYMLOG = TwoHot.symlogBins(255);

    /** Targets across scales, both signs, inside the bins. */
    private static Tensor targets(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] t = new float[n];
        for (int i = 0; i < n; i++) t[i] = Symlog.symexp((float) (rng.nextDouble() * 36 - 18));
        return Tensor.of(t, n);
    }

    @Test
    void binsAreTheOfficialOnes() {
        float[] e = SYMEXP.data(), l = SYMLOG.data();
        assertEquals(0f, e[127]);
        assertEquals(0f, l[127]);
        assertEquals(-20f, l[0]);
        assertEquals(20f, l[254]);
        assertEquals(Symlog.symexp(20f), e[254]);
        for (int i = 0; i < 255; i++) {
            assertEquals(0f, e[i] + e[254 - i], "symexp bins mirror exactly at " + i);
            assertEquals(Symlog.symexp(l[i]), e[i], 2e-6 * Math.abs(e[i]), "bin " + i);
            if (i > 0) assertTrue(e[i] > e[i - 1] && l[i] > l[i - 1], "increasing at " + i);
        }
    }

    @Test
    void encodeDecodeRoundTrip() {
        Tensor x = targets(1, 500);
        Tensor w = TwoHot.encode(x, SYMEXP);
        assertArrayEquals(new int[] {500, 255}, w.shape());
        float[] back = TwoHot.decode(w, SYMEXP).data();
        Tensor ws = TwoHot.encode(Symlog.symlog(x), SYMLOG);
        float[] backSymlog = Symlog.symexp(TwoHot.decode(ws, SYMLOG)).data();
        for (int i = 0; i < 500; i++) {
            float xi = x.data()[i];
            assertEquals(xi, back[i], 1e-5 * Math.max(1, Math.abs(xi)), "symexp bins, target " + xi);
            assertEquals(xi, backSymlog[i], 1e-5 * Math.max(1, Math.abs(xi)), "symlog bins, target " + xi);
            int nonZero = 0, first = -1;
            double sum = 0;
            for (int k = 0; k < 255; k++) {
                float v = w.data()[i * 255 + k];
                assertTrue(v >= 0, "weight " + v);
                sum += v;
                if (v != 0) {
                    if (first < 0) first = k;
                    assertTrue(k - first <= 1, "mass on non-adjacent bins " + first + " and " + k);
                    nonZero++;
                }
            }
            assertTrue(nonZero >= 1 && nonZero <= 2, nonZero + " bins");
            assertEquals(1, sum, 1e-6);
        }
    }

    @Test
    void targetsOnOrBeyondTheBinsPutAllMassOnOneBin() {
        float top = SYMEXP.data()[254];
        Tensor x = Tensor.of(new float[] {-1e10f, 1e10f, top, 0f, SYMEXP.data()[3], Float.POSITIVE_INFINITY}, 6);
        Tensor w = TwoHot.encode(x, SYMEXP);
        int[] bin = {0, 254, 254, 127, 3, 254};
        for (int i = 0; i < 6; i++) assertEquals(1f, w.data()[i * 255 + bin[i]], "target " + x.data()[i]);
    }

    @Test
    void encodeIsDifferentiableInTheTarget() {
        // between bins the weights are linear in x: d w_above / dx = 1 / (b[j+1] - b[j])
        Tensor x = Tensor.of(new float[] {0.43f, -1.07f, 2.9f, 11.3f}, 4).requiresGrad(true);
        GradCheck.check(xs -> TwoHot.encode(xs[0], SYMLOG), x);
        GradCheck.check(xs -> TwoHot.encode(Symlog.symlog(xs[0]), SYMLOG), x);
        GradCheck.check(xs -> TwoHot.decode(TwoHot.encode(xs[0], SYMLOG), SYMLOG), x);
        Tensor g = Grad.of(List.of(TwoHot.decode(TwoHot.encode(x, SYMEXP), SYMEXP).sum()), List.of(x), false).get(0);
        for (float v : g.data()) assertEquals(1f, v, 1e-4, "d decode(encode(x)) / dx");
    }

    @Test
    void logProbGradientIsTwoHotMinusSoftmax() {
        Tensor logits = GradCheck.param(3, 3, 255);
        Tensor target = Tensor.of(new float[] {3.7f, -250f, 0.01f}, 3);
        for (TwoHot d : new TwoHot[] {new TwoHot(logits, SYMEXP), TwoHot.inSymlogSpace(logits, SYMLOG)}) {
            Tensor g = Grad.of(List.of(d.logProb(target).sum()), List.of(logits), false).get(0);
            Tensor twoHot = d.symlogSpace() ? TwoHot.encode(Symlog.symlog(target), SYMLOG) : TwoHot.encode(target, SYMEXP);
            assertArrayEquals(twoHot.sub(d.probs()).data(), g.data(), 1e-6f);
        }
        Tensor small = Tensor.of(new float[] {0.4f, -2f}, 2);
        Tensor bins = TwoHot.symlogBins(9);
        GradCheck.check(xs -> new TwoHot(xs[0], bins).logProb(small), GradCheck.param(4, 2, 9));
        GradCheck.check(xs -> TwoHot.inSymlogSpace(xs[0], bins).logProb(small), GradCheck.param(5, 2, 9));
        GradCheck.check(xs -> TwoHot.inSymlogSpace(xs[0], bins).mean(), GradCheck.param(6, 2, 9));
        // symexp bins of 9 reach 4.85e8, too curved for float finite differences: the same path over milder bins
        Tensor mirrored = Tensor.of(new float[] {-9f, -4f, -2f, -0.5f, 0f, 0.5f, 2f, 4f, 9f}, 9);
        GradCheck.check(xs -> new TwoHot(xs[0], mirrored).mean(), GradCheck.param(7, 2, 9));
    }

    @Test
    void uniformLogitsDecodeToExactlyZero() {
        // DreamerV3 zero-initializes the reward and critic output layers: the prediction must start at 0
        Tensor zeros = Tensor.zeros(4, 255);
        for (float v : new TwoHot(zeros, SYMEXP).mean().data()) assertEquals(0f, v);
        for (float v : TwoHot.inSymlogSpace(zeros, SYMLOG).mean().data()) assertEquals(0f, v);
    }

    @Test
    void meanOfATwoHotLikeDistribution() {
        // logits = log(twohot(x)) (with a floor for the empty bins) make softmax the encoding, so the mean is x
        float x = 123.4f;
        for (boolean symlogSpace : new boolean[] {false, true}) {
            Tensor bins = symlogSpace ? SYMLOG : SYMEXP;
            Tensor w = TwoHot.encode(Tensor.of(new float[] {symlogSpace ? Symlog.symlog(x) : x}, 1), bins);
            Tensor logits = w.add(1e-30f).log();
            TwoHot d = symlogSpace ? TwoHot.inSymlogSpace(logits, bins) : new TwoHot(logits, bins);
            assertEquals(x, d.mean().item(), 1e-3, symlogSpace ? "symlog bins" : "symexp bins");
        }
    }

    @Test
    void targetGetsNoGradient() {
        Tensor target = Tensor.of(new float[] {1.5f}, 1).requiresGrad(true);
        Tensor lp = new TwoHot(GradCheck.param(1, 1, 255), SYMEXP).logProb(target);
        assertTrue(lp.requiresGrad());
        Tensor g = Grad.of(List.of(lp.sum()), List.of(target), false).get(0);
        assertEquals(0f, g.item());
        assertFalse(TwoHot.encode(Tensor.of(new float[] {1.5f}, 1), SYMEXP).requiresGrad());
    }

    @Test
    void badInputsNameTheValueOrShape() {
        var even = assertThrows(IllegalArgumentException.class, () -> TwoHot.symexpBins(256));
        assertTrue(even.getMessage().contains("256"), even.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> TwoHot.symlogBins(1));
        assertTrue(one.getMessage().contains("1"), one.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> new TwoHot(Tensor.zeros(4, 254), SYMEXP));
        assertTrue(count.getMessage().contains("[4, 254]") && count.getMessage().contains("[255]"), count.getMessage());
        var scalar = assertThrows(IllegalArgumentException.class, () -> new TwoHot(Tensor.scalar(0f), SYMEXP));
        assertTrue(scalar.getMessage().contains("rank >= 1"), scalar.getMessage());
        var order = assertThrows(IllegalArgumentException.class,
                () -> new TwoHot(Tensor.zeros(1, 3), Tensor.of(new float[] {0f, 2f, 1f}, 3)));
        assertTrue(order.getMessage().contains("bin 2 = 1.0") && order.getMessage().contains("2.0"), order.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> TwoHot.encode(Tensor.zeros(2), Tensor.zeros(1, 3)));
        assertTrue(rank.getMessage().contains("[1, 3]"), rank.getMessage());
        TwoHot d = new TwoHot(Tensor.zeros(4, 255), SYMEXP);
        var target = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(4, 1)));
        assertTrue(target.getMessage().contains("[4, 1]") && target.getMessage().contains("[4]"), target.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.of(new float[] {0, 1, Float.NaN, 2}, 4)));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("index 2"), nan.getMessage());
        var decode = assertThrows(IllegalArgumentException.class, () -> TwoHot.decode(Tensor.zeros(4, 3), SYMEXP));
        assertTrue(decode.getMessage().contains("[4, 3]") && decode.getMessage().contains("255"), decode.getMessage());
    }
}
