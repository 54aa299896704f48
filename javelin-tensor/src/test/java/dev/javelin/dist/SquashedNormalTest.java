package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

class SquashedNormalTest {
    private static final double MEAN = 0.3, STD = 0.8;

    /** E[f(tanh(u))], u ~ N(MEAN, STD^2), by the midpoint rule over +-8 std. */
    private static double expectation(java.util.function.DoubleUnaryOperator f) {
        int n = 20_000;
        double lo = MEAN - 8 * STD, h = 16 * STD / n, s = 0;
        for (int i = 0; i < n; i++) {
            double u = lo + (i + 0.5) * h, z = (u - MEAN) / STD;
            s += f.applyAsDouble(Math.tanh(u)) * Math.exp(-0.5 * z * z) / (STD * Math.sqrt(2 * Math.PI)) * h;
        }
        return s;
    }

    private static SquashedNormal column(int n) {
        return new SquashedNormal(Tensor.full((float) MEAN, n, 1), Tensor.full((float) STD, n, 1));
    }

    @Test
    void densityOfTheActionIntegratesToOne() {
        int n = 4001;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (-1 + (i + 0.5) * 2.0 / n);
        float[] lp = column(n).logProb(Tensor.of(a, n, 1)).data();
        double total = 0;
        for (float v : lp) total += Math.exp(v) * 2.0 / n;
        assertEquals(1.0, total, 2e-3);
    }

    @Test
    void sampleMomentsMatchTheSquashedGaussian() {
        int n = 20_000;
        for (SquashedNormal.Sample s : new SquashedNormal.Sample[] {column(n).sample(new Rng(21)), column(n).rsample(new Rng(22))}) {
            assertArrayEquals(new int[] {n, 1}, s.action().shape());
            assertArrayEquals(new int[] {n}, s.logProb().shape());
            double m = s.action().mean().item(), v = s.action().var(true).item();
            double em = expectation(x -> x), ev = expectation(x -> x * x) - em * em;
            assertEquals(em, m, 5 * Math.sqrt(ev / n));
            assertEquals(ev, v, ev * 5 * Math.sqrt(2.0 / n));
            for (float x : s.action().data()) assertTrue(x > -1 && x < 1 || Math.abs(x) == 1f, "action " + x);
        }
    }

    @Test
    void rsampleLogProbAgreesWithLogProbOfTheAction() {
        Tensor mean = Tensor.uniform(new Rng(1), -1f, 1f, 5, 3), std = Tensor.uniform(new Rng(2), 0.2f, 1f, 5, 3);
        SquashedNormal d = new SquashedNormal(mean, std);
        SquashedNormal.Sample s = d.rsample(new Rng(3));
        assertArrayEquals(s.logProb().data(), d.logProb(s.action()).data(), 2e-3f);
        // log pi(a) = sum log N(u) - log(1 - tanh(u)^2), checked in double
        Tensor u = mean.add(std.mul(Tensor.randn(new Rng(3), 5, 3)));
        for (int r = 0; r < 5; r++) {
            double e = 0;
            for (int j = 0; j < 3; j++) {
                int i = r * 3 + j;
                double x = u.data()[i], z = (x - mean.data()[i]) / std.data()[i], t = Math.tanh(x);
                e += -0.5 * z * z - Math.log(std.data()[i]) - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - t * t);
            }
            assertEquals(e, s.logProb().data()[r], 1e-4, "row " + r);
        }
    }

    @Test
    void saturatedActionsKeepFiniteLogProbabilities() {
        SquashedNormal d = new SquashedNormal(Tensor.full(12f, 4, 2), Tensor.full(0.1f, 4, 2));
        SquashedNormal.Sample s = d.rsample(new Rng(4));
        for (float a : s.action().data()) assertEquals(1f, a);
        for (float lp : s.logProb().data()) assertTrue(Float.isFinite(lp), "log prob " + lp);
        for (float lp : d.logProb(s.action()).data()) assertTrue(Float.isFinite(lp), "log prob of a = 1: " + lp);
    }

    @Test
    void gradientsOfRsampleAndLogProb() {
        GradCheck.check(xs -> new SquashedNormal(xs[0], xs[1]).rsample(new Rng(5)).action(),
                GradCheck.param(1, 4, 2), GradCheck.paramIn(2, 0.3f, 1f, 4, 2));
        GradCheck.check(xs -> new SquashedNormal(xs[0], xs[1]).rsample(new Rng(5)).logProb(),
                GradCheck.param(3, 4, 2), GradCheck.paramIn(4, 0.3f, 1f, 4, 2));
        GradCheck.check(xs -> new SquashedNormal(xs[0], xs[1]).logProb(xs[2]),
                GradCheck.param(5, 4, 2), GradCheck.paramIn(6, 0.3f, 1f, 4, 2), GradCheck.paramIn(7, -0.9f, 0.9f, 4, 2));
    }

    @Test
    void modeIsTanhOfTheMeanAndSampleCarriesNoGraph() {
        Tensor mean = GradCheck.param(1, 2, 3);
        SquashedNormal d = new SquashedNormal(mean, Tensor.ones(3));
        assertArrayEquals(mean.tanh().data(), d.mode().data());
        SquashedNormal.Sample s = d.sample(new Rng(1));
        assertFalse(s.action().requiresGrad() || s.logProb().requiresGrad());
        assertArrayEquals(new int[] {2, 3}, d.base().shape());
    }

    @Test
    void badInputsNameTheValueOrShape() {
        var scalar = assertThrows(IllegalArgumentException.class, () -> new SquashedNormal(Tensor.scalar(0f), Tensor.scalar(1f)));
        assertTrue(scalar.getMessage().contains("rank >= 1"), scalar.getMessage());
        var std = assertThrows(IllegalArgumentException.class, () -> new SquashedNormal(Tensor.zeros(2), Tensor.full(-1f, 2)));
        assertTrue(std.getMessage().contains("-1.0"), std.getMessage());
        SquashedNormal d = new SquashedNormal(Tensor.zeros(2, 3), Tensor.ones(2, 3));
        var outside = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.full(1.5f, 2, 3)));
        assertTrue(outside.getMessage().contains("1.5") && outside.getMessage().contains("[-1, 1]"), outside.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(2, 2)));
        assertTrue(shape.getMessage().contains("[2, 2]") && shape.getMessage().contains("[2, 3]"), shape.getMessage());
    }
}
