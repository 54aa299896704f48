package dev.javelin.tensor;

import static dev.javelin.tensor.GradCheck.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GradTest {
    @Test
    void backwardAccumulatesIntoLeavesUntilZeroGrad() {
        Tensor w = Tensor.parameter(new float[] {1, 2, 3}, 3);
        Tensor x = Tensor.of(new float[] {4, 5, 6}, 3);
        w.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 5, 6}, w.grad().data());
        assertTrue(w.hasGrad());
        w.mul(x).sum().backward();
        assertArrayEquals(new float[] {8, 10, 12}, w.grad().data());
        w.zeroGrad();
        assertFalse(w.hasGrad());
        assertArrayEquals(new float[] {0, 0, 0}, w.grad().data());
        w.mul(w).sum().backward();
        assertArrayEquals(new float[] {2, 4, 6}, w.grad().data());
        assertFalse(x.hasGrad(), "a constant gets no gradient");
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor a = Tensor.parameter(new float[] {3}, 1);
        Tensor b = a.mul(2f);
        b.mul(b).add(b).sum().backward(); // d/da (4a^2 + 2a) = 8a + 2
        assertEquals(26f, a.grad().item());
    }

    @Test
    void noGradScopeBuildsNoGraphAndNests() {
        Tensor w = param(1, 2, 2);
        try (var g = Grad.disabled()) {
            assertFalse(Grad.isEnabled());
            try (var inner = Grad.disabled()) {
                assertFalse(w.mul(2f).requiresGrad());
            }
            assertFalse(Grad.isEnabled(), "closing an inner scope keeps the outer one");
            assertFalse(w.tanh().requiresGrad());
        }
        assertTrue(Grad.isEnabled());
        assertTrue(w.tanh().requiresGrad());
    }

    @Test
    void noGradIsPerThread() throws Exception {
        Tensor w = param(1, 2);
        try (var g = Grad.disabled()) {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                assertTrue(ex.submit(() -> w.exp().requiresGrad()).get());
            } finally {
                ex.shutdown();
            }
        }
    }

    @Test
    void linearReluHasTheBitsOfLinearThenReluInValueAndGradients() {
        // [256, 17] and [256, 256] inputs take the packed kernel, which applies bias and ReLU as it stores; [3, 17]
        // the thin-row path, which applies them after the product
        for (int[] s : new int[][] {{256, 17, 256}, {256, 256, 256}, {3, 17, 256}}) {
            Tensor x = param(1, s[0], s[1]), w = param(2, s[2], s[1]), b = param(3, s[2]);
            Tensor r = Tensor.uniform(new Rng(4), -1f, 1f, s[0], s[2]);
            Tensor fused = Tensor.linearRelu(x, w, b);
            List<Tensor> fusedGrads = Grad.of(List.of(fused.mul(r).sum()), List.of(x, w, b), false);
            Tensor apart = Tensor.linear(x, w, b).relu();
            List<Tensor> apartGrads = Grad.of(List.of(apart.mul(r).sum()), List.of(x, w, b), false);
            assertArrayEquals(apart.data(), fused.data());
            for (int i = 0; i < 3; i++) assertArrayEquals(apartGrads.get(i).data(), fusedGrads.get(i).data(), "input " + i);
        }
    }

    @Test
    void reluGradientIsZeroAtAndBelowZero() {
        Tensor x = Tensor.parameter(new float[] {-2f, -0f, 0f, Float.MIN_VALUE, 3f}, 5);
        x.relu().sum().backward();
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, x.grad().data());
        assertArrayEquals(new float[] {0, 0, 0, Float.MIN_VALUE, 3}, x.relu().data());
    }

    @Test
    void minimumAndMaximumSplitTiesAndPropagateNaN() {
        Tensor a = Tensor.parameter(new float[] {1, 2, 3}, 3), b = Tensor.parameter(new float[] {2, 2, 2}, 3);
        a.maximum(b).sum().backward();
        assertArrayEquals(new float[] {0, 0.5f, 1}, a.grad().data());
        assertArrayEquals(new float[] {1, 0.5f, 0}, b.grad().data());
        Tensor nan = Tensor.of(new float[] {Float.NaN, 1}, 2);
        assertTrue(Float.isNaN(nan.minimum(Tensor.scalar(0f)).data()[0]));
        assertTrue(Float.isNaN(Tensor.scalar(0f).maximum(nan).data()[0]));
        assertEquals(1f, nan.maximum(Tensor.zeros(2)).data()[1]);
    }

    @Test
    void detachStopsGradient() {
        Tensor a = Tensor.parameter(new float[] {2}, 1);
        a.mul(a.detach()).sum().backward(); // d/da (a * const) = const
        assertEquals(2f, a.grad().item());
        assertTrue(a.detach().isLeaf());
        assertFalse(a.detach().requiresGrad());
    }

    @Test
    void gradOfReturnsGradientsWithoutTouchingLeafGrads() {
        Tensor x = param(1, 3);
        Tensor y = x.mul(x).sum();
        List<Tensor> g = Grad.of(List.of(y), List.of(x), false);
        for (int i = 0; i < 3; i++) assertEquals(2 * x.data()[i], g.get(0).data()[i], 1e-6);
        assertFalse(x.hasGrad());
        assertFalse(g.get(0).requiresGrad(), "without createGraph no graph is built");
    }

    @Test
    void gradOfUnusedInputIsZeroAndOfIntermediateWorks() {
        Tensor x = param(1, 3), unused = param(2, 2);
        Tensor h = x.mul(3f);
        List<Tensor> g = Grad.of(List.of(h.sum()), List.of(unused, h), false);
        assertArrayEquals(new float[] {0, 0}, g.get(0).data());
        assertArrayEquals(new float[] {1, 1, 1}, g.get(1).data());
    }

    @Test
    void gradOfWithGradOutputs() {
        Tensor x = param(1, 2);
        Tensor y = x.mul(x);
        Tensor v = Tensor.of(new float[] {1, 10}, 2);
        Tensor g = Grad.of(List.of(y), List.of(x), List.of(v), false).get(0);
        assertEquals(2 * x.data()[0], g.data()[0], 1e-6);
        assertEquals(20 * x.data()[1], g.data()[1], 1e-5);
    }

    @Test
    void gradOfRejectsImplicitNonScalarAndConstantInputs() {
        Tensor x = param(1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Grad.of(List.of(x.mul(2f)), List.of(x), false));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grad.of(List.of(x.sum()), List.of(Tensor.zeros(2)), false));
        assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward());
    }

    @Test
    void secondDerivativeOfCube() {
        Tensor x = Tensor.parameter(new float[] {2}, 1);
        Tensor dx = Grad.of(List.of(x.pow(3f).sum()), List.of(x), true).get(0); // 3x^2
        assertTrue(dx.requiresGrad());
        Tensor ddx = Grad.of(List.of(dx.sum()), List.of(x), false).get(0); // 6x
        assertEquals(12f, dx.item(), 1e-5);
        assertEquals(12f, ddx.item(), 1e-5);
    }

    /**
     * AMP's gradient penalty: ||d D(x) / d x||^2 differentiated again with respect to x and the
     * weights, for networks with each activation used by the agents.
     */
    private static void checkGradientPenalty(UnaryOperator<Tensor> activation) {
        GradCheck.check(xs -> {
            Tensor x = xs[0];
            Tensor d = Tensor.linear(activation.apply(Tensor.linear(x, xs[1], xs[2])), xs[3], xs[4]);
            Tensor gx = Grad.of(List.of(d), List.of(x), List.of(Tensor.ones(d.shape())), true).get(0);
            return gx.mul(gx).sum(1, false).mean();
        }, param(1, 3, 4), param(2, 5, 4), param(3, 5), param(4, 1, 5), param(5, 1));
    }

    @Test
    void secondOrderLinearTanh() {
        checkGradientPenalty(Tensor::tanh);
    }

    @Test
    void secondOrderLinearRelu() {
        // Pre-activations must avoid the kink so the finite difference does not cross it.
        GradCheck.check(xs -> {
            Tensor d = Tensor.linear(xs[0].relu(), xs[1], null).mul(xs[0]).sum();
            Tensor gx = Grad.of(List.of(d), List.of(xs[0]), true).get(0);
            return gx.mul(gx).sum();
        }, GradCheck.awayFromZero(1, 0.1f, 2, 3), param(2, 3, 3));
        checkGradientPenalty(t -> t.relu().mul(t));
    }

    @Test
    void secondOrderSigmoidAndMatmul() {
        GradCheck.check(xs -> {
            Tensor d = xs[0].matmul(xs[1]).sigmoid().exp().sum();
            Tensor g = Grad.of(List.of(d), List.of(xs[0], xs[1]), true).get(0);
            return g.pow(2f).sum();
        }, param(1, 2, 3), param(2, 3, 2));
    }

    /** AMP's use: the penalty built with createGraph is part of a loss whose backward() reaches the weights. */
    @Test
    void backwardThroughAGradientPenaltyMatchesGradOf() {
        Tensor w1 = param(1, 5, 3), b1 = param(2, 5), w2 = param(3, 1, 5);
        Tensor x = param(4, 4, 3);
        Tensor d = Tensor.linear(Tensor.linear(x, w1, b1).tanh(), w2, null);
        Tensor gx = Grad.of(List.of(d), List.of(x), List.of(Tensor.ones(d.shape())), true).get(0);
        Tensor loss = d.mean().add(gx.mul(gx).sum(1).mean().mul(5f));
        List<Tensor> expected = Grad.of(List.of(loss), List.of(w1, b1, w2), false);
        loss.backward();
        assertArrayEquals(expected.get(0).data(), w1.grad().data());
        assertArrayEquals(expected.get(1).data(), b1.grad().data());
        assertArrayEquals(expected.get(2).data(), w2.grad().data());
        Tensor withoutPenalty = Grad.of(List.of(d.mean()), List.of(w1), false).get(0);
        double diff = 0;
        for (int i = 0; i < withoutPenalty.size(); i++) diff += Math.abs(withoutPenalty.data()[i] - w1.grad().data()[i]);
        assertTrue(diff > 1e-3, "the penalty term reaches the first layer's weights");
    }

    @Test
    void concurrentBackwardIntoSharedParametersIsExact() throws Exception {
        Tensor w = param(1, 8, 8);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) inputs.add(Tensor.of(new float[8 * 8], 8, 8));
        for (int i = 0; i < inputs.size(); i++) inputs.get(i).data()[i] = 1; // each grad is a distinct one-hot: sums are exact
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            for (int rep = 0; rep < 20; rep++) {
                w.zeroGrad();
                List<Future<?>> fs = new ArrayList<>();
                for (Tensor in : inputs) fs.add(ex.submit(() -> w.mul(in).sum().backward()));
                for (Future<?> f : fs) f.get();
                for (int i = 0; i < 64; i++) assertEquals(i < 8 ? 1f : 0f, w.grad().data()[i]);
            }
        } finally {
            ex.shutdown();
        }
    }
}
