package dev.javelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Against torch.nn.utils.clip_grad_norm_ in OptimizerFixtureTest; here a hand case and the edges. */
class GradClipTest {
    @Test
    void scalesAllGradientsByOneNormAndReturnsTheNormBefore() {
        Tensor a = Tensor.parameter(new float[] {3f}, 1), b = Tensor.parameter(new float[] {0f, 4f}, 2), none = Tensor.parameter(new float[] {9f}, 1);
        a.setGrad(Tensor.of(new float[] {3f}, 1));
        b.setGrad(Tensor.of(new float[] {0f, 4f}, 2));
        assertEquals(5.0, GradClip.clipGradNorm(List.of(a, b, none), 1.0), 1e-6);
        float coef = 1f / (5f + 1e-6f);
        assertArrayEquals(new float[] {3 * coef}, a.grad().data());
        assertArrayEquals(new float[] {0, 4 * coef}, b.grad().data());
        assertFalse(none.hasGrad(), "a parameter without a gradient is ignored");
    }

    @Test
    void leavesGradientsBelowTheLimitUnchanged() {
        Tensor a = Tensor.parameter(new float[] {1f, 1f}, 2);
        a.setGrad(Tensor.of(new float[] {0.3f, -0.4f}, 2));
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 0.5 + 1e-3), 1e-6);
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad().data());
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(List.of(a), 0));
    }

    @Test
    void sumOfSquaresMatchesOneRunningSumToDoublePrecision() {
        java.util.Random r = new java.util.Random(5);
        for (int n : new int[] {0, 1, 7, 8, 9, 65_536 + 11}) {
            float[] x = new float[n];
            double running = 0;
            for (int i = 0; i < n; i++) {
                x[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 3));
                running += (double) x[i] * x[i];
            }
            assertEquals(running, GradClip.sumOfSquares(x), Math.abs(running) * 1e-14, "n " + n);
            if (n > 0) {
                assertEquals((float) Math.sqrt(running), (float) Math.sqrt(GradClip.sumOfSquares(x)), 0f, "n " + n);
            }
        }
    }
}
