package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

/** FusedTwoHot against the composed TwoHot: values and gradients, for the mean and the log-probability. */
class FusedTwoHotTest {
    private static final Tensor BINS = TwoHot.symexpBins(255);

    private static Tensor logits(long seed, int rows, float scale) {
        return Tensor.randn(new Rng(seed), rows, 255).mul(scale).detach().requiresGrad(true);
    }

    /** Targets across scales and both signs, plus the edge cases: on a bin, 0, beyond both ends. */
    private static Tensor targets(long seed, int rows) {
        Rng rng = new Rng(seed);
        float[] t = new float[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = Symlog.symexp((float) (rng.nextDouble() * 36 - 18));
        }
        t[0] = 0f;
        t[1] = BINS.data()[130];
        t[2] = 1e10f;
        t[3] = -1e10f;
        t[4] = 1f;
        return Tensor.of(t, rows);
    }

    private static void assertClose(Tensor expected, Tensor actual, double rtol, String what) {
        float[] e = expected.data();
        float[] a = actual.data();
        assertEquals(e.length, a.length, what + " size");
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 + rtol * Math.abs(e[i]), what + " at " + i);
        }
    }

    @Test
    void logProbAndItsGradientMatchTwoHot() {
        int rows = 64;
        Tensor target = targets(2, rows);
        Tensor weights = Tensor.randn(new Rng(3), rows);
        Tensor a = logits(1, rows, 2f);
        Tensor b = a.detach().requiresGrad(true);
        Tensor composed = new TwoHot(a, BINS).logProb(target);
        Tensor fused = new FusedTwoHot(b, BINS).logProb(target);
        assertClose(composed, fused, 1e-5, "logProb");
        composed.mul(weights).sum().backward();
        fused.mul(weights).sum().backward();
        assertClose(a.grad(), b.grad(), 1e-4, "d logProb / d logits");
    }

    /**
     * Against the mean and its gradient computed in double precision: the tail bins reach 4.85e8, so a float sum
     * over all bins (as the composed softmax backward does) is itself off by parts in 1e4.
     */
    @Test
    void meanAndItsGradientMatchDoublePrecision() {
        int rows = 32;
        float[] w = Tensor.randn(new Rng(5), rows).data();
        // small logits as a freshly trained head has: the tail bins carry almost uniform probabilities
        Tensor a = logits(4, rows, 0.01f);
        Tensor fused = new FusedTwoHot(a, BINS).mean();
        fused.mul(Tensor.of(w, rows)).sum().backward();
        float[] x = a.data();
        float[] b = BINS.data();
        float[] grad = a.grad().data();
        for (int r = 0; r < rows; r++) {
            double[] p = new double[255];
            double s = 0;
            for (int k = 0; k < 255; k++) {
                p[k] = Math.exp(x[r * 255 + k]);
                s += p[k];
            }
            double mean = 0;
            for (int k = 0; k < 255; k++) {
                p[k] /= s;
                mean += p[k] * b[k];
            }
            assertEquals(mean, fused.data()[r], 1e-6 * 4.85e8 / 255, "mean of row " + r);
            for (int k = 0; k < 255; k++) {
                // a float mean over these bins is exact to ~1 (4.85e8 x float epsilon), which enters as p_k x 1
            double expected = w[r] * p[k] * (b[k] - mean);
                assertEquals(expected, grad[r * 255 + k], 1e-5 * Math.abs(expected) + 2 * Math.abs(w[r] * p[k]),
                        "d mean / d logit " + k + " of row " + r);
            }
        }
        Tensor c = a.detach();
        assertClose(new TwoHot(c, BINS).mean(), new FusedTwoHot(c, BINS).mean(), 1e-4, "mean against TwoHot");
    }

    @Test
    void uniformProbabilitiesDecodeToExactlyZeroAndOneBinToItself() {
        assertEquals(0f, new FusedTwoHot(Tensor.zeros(3, 255), BINS).mean().data()[1]);
        float[] peaked = new float[255];
        peaked[140] = 200f;
        assertEquals(BINS.data()[140], new FusedTwoHot(Tensor.of(peaked, 255), BINS).mean().item(), 1e-6 * BINS.data()[140]);
    }

    @Test
    void meanAndLogProbShareOneSoftmaxAndBadInputIsRejected() {
        Tensor a = logits(6, 8, 1f);
        FusedTwoHot d = new FusedTwoHot(a, BINS);
        Tensor target = targets(7, 8);
        Tensor first = d.logProb(target);
        d.mean();
        assertClose(new TwoHot(a.detach(), BINS).logProb(target), d.logProb(target), 1e-5, "logProb after mean");
        assertClose(first, d.logProb(target), 0, "logProb before and after mean");

        assertThrows(IllegalArgumentException.class, () -> new FusedTwoHot(Tensor.zeros(2, 5), BINS));
        assertThrows(IllegalArgumentException.class, () -> new FusedTwoHot(Tensor.zeros(2, 3), Tensor.of(new float[] {0, 0, 1}, 3)));
        assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.full(Float.NaN, 8)));
    }
}
