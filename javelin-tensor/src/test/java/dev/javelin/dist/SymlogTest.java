package dev.javelin.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

class SymlogTest {
    private static final float[] X = {0f, 1e-6f, -0.3f, 1f, -1.7182817f, 20f, -350f, 1e4f, -2e6f, 4.8e8f};

    @Test
    void valuesAndRoundTrip() {
        assertEquals(0f, Symlog.symlog(0f));
        assertEquals(1f, Symlog.symlog((float) (Math.E - 1)), 1e-7);
        assertEquals(-1f, Symlog.symlog(-1.7182817f), 1e-7);
        assertEquals(-(float) Math.expm1(20), Symlog.symexp(-20f));
        for (float x : X) {
            double expected = Math.signum(x) * Math.log1p(Math.abs(x));
            assertEquals(expected, Symlog.symlog(x), 1e-7 * Math.max(1, Math.abs(expected)), "symlog(" + x + ")");
            assertEquals(x, Symlog.symexp(Symlog.symlog(x)), 1e-6 * Math.max(1e-3, Math.abs(x)), "symexp(symlog(" + x + "))");
        }
    }

    @Test
    void tensorOpsMatchTheScalarOnes() {
        Tensor x = Tensor.of(X.clone(), 2, 5);
        float[] sl = Symlog.symlog(x).data(), se = Symlog.symexp(Symlog.symlog(x)).data();
        for (int i = 0; i < X.length; i++) {
            assertEquals(Symlog.symlog(X[i]), sl[i]);
            assertEquals(Symlog.symexp(Symlog.symlog(X[i])), se[i]);
        }
    }

    @Test
    void gradientsIncludingZero() {
        Tensor zero = Tensor.zeros(1).requiresGrad(true);
        assertEquals(1f, Grad.of(List.of(Symlog.symlog(zero).sum()), List.of(zero), false).get(0).item());
        assertEquals(1f, Grad.of(List.of(Symlog.symexp(zero).sum()), List.of(zero), false).get(0).item());
        Tensor x = Tensor.of(new float[] {0f, -0.4f, 0.7f, 3f, -6f, 12f}, 6).requiresGrad(true);
        GradCheck.check(xs -> Symlog.symlog(xs[0]), x);
        GradCheck.check(xs -> Symlog.symexp(xs[0].div(3f)), x);
        // second order, away from the kink of |x| at 0
        Tensor y = Tensor.of(new float[] {-0.4f, 0.7f, 3f, -6f}, 4).requiresGrad(true);
        GradCheck.check(xs -> Grad.of(List.of(Symlog.symlog(xs[0]).sum()), List.of(xs[0]), true).get(0), y);
        GradCheck.check(xs -> Grad.of(List.of(Symlog.symexp(xs[0]).sum()), List.of(xs[0]), true).get(0), y);
    }
}
