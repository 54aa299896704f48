package dev.javelin.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Finite-difference gradient checker for float32 ops.
 *
 * <p>The op's output is projected on fixed random weights w, so every output element counts:
 * S(x) = sum(w * f(x)), accumulated in double. The analytic gradient is the vector-Jacobian product
 * Grad.of(f(x), x, gradOutputs = w). The numeric one is the central difference of S, dividing by the
 * step actually taken in float. Each element must satisfy |analytic - numeric| <= atol + rtol * scale,
 * scale = max(|analytic|, |numeric|, 1), which float rounding (~1e-4 at eps 1e-3) passes and a wrong
 * rule (percent-level error or worse) does not; GradCheckTest proves the latter.
 */
public final class GradCheck {
    @FunctionalInterface
    public interface Fn {
        Tensor apply(Tensor... xs);
    }

    public static final double EPS = 1e-3, ATOL = 1e-3, RTOL = 1e-2;

    private GradCheck() {}

    /** Checks d f / d x for every input that requires grad. */
    public static void check(Fn f, Tensor... inputs) {
        check(EPS, ATOL, RTOL, f, inputs);
    }

    public static void check(double eps, double atol, double rtol, Fn f, Tensor... inputs) {
        Tensor out = f.apply(inputs);
        if (!out.requiresGrad()) throw new AssertionError("output does not require grad: nothing to check");
        Tensor w = Tensor.uniform(new Rng(12345), -1f, 1f, out.shape());
        List<Tensor> checked = new ArrayList<>();
        for (Tensor t : inputs) if (t.requiresGrad()) checked.add(t);
        List<Tensor> analytic = Grad.of(List.of(out), checked, List.of(w), false);
        StringBuilder failures = new StringBuilder();
        int bad = 0;
        for (int c = 0; c < checked.size(); c++) {
            Tensor x = checked.get(c);
            Tensor a = analytic.get(c);
            if (!java.util.Arrays.equals(a.shape(), x.shape())) {
                throw new AssertionError("gradient shape " + java.util.Arrays.toString(a.shape()) + " != input shape "
                        + java.util.Arrays.toString(x.shape()));
            }
            for (int i = 0; i < x.size(); i++) {
                double num = numeric(f, inputs, x, i, eps, w);
                double ana = a.data()[i];
                double scale = Math.max(1, Math.max(Math.abs(ana), Math.abs(num)));
                if (!(Math.abs(ana - num) <= atol + rtol * scale)) {
                    if (bad++ < 8) {
                        failures.append(String.format("  input %d element %d: analytic %.6g numeric %.6g%n", c, i, ana, num));
                    }
                }
            }
        }
        if (bad > 0) throw new AssertionError(bad + " gradient entries differ from finite differences:\n" + failures);
    }

    private static double numeric(Fn f, Tensor[] inputs, Tensor x, int i, double eps, Tensor w) {
        float x0 = x.data()[i];
        float up = (float) (x0 + eps), down = (float) (x0 - eps);
        double sUp = project(f, inputs, x, i, up, w);
        double sDown = project(f, inputs, x, i, down, w);
        return (sUp - sDown) / ((double) up - (double) down);
    }

    /** S with input x's element i replaced, evaluated on fresh leaves so no state leaks between runs. */
    private static double project(Fn f, Tensor[] inputs, Tensor x, int i, float value, Tensor w) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            Tensor t = inputs[k];
            Tensor fresh = Tensor.of(t.data().clone(), t.shape()).requiresGrad(t.requiresGrad());
            if (t == x) fresh.data()[i] = value;
            xs[k] = fresh;
        }
        float[] y = f.apply(xs).data();
        double s = 0;
        for (int k = 0; k < y.length; k++) s += (double) y[k] * w.data()[k];
        return s;
    }

    /** Uniform in [-1, 1), requiring grad. */
    public static Tensor param(long seed, int... shape) {
        return Tensor.uniform(new Rng(seed), -1f, 1f, shape).requiresGrad(true);
    }

    /** Uniform in [lo, hi), requiring grad. */
    public static Tensor paramIn(long seed, float lo, float hi, int... shape) {
        return Tensor.uniform(new Rng(seed), lo, hi, shape).requiresGrad(true);
    }

    /** Uniform in [-1, 1) but at least {@code gap} away from 0: for ops with a kink there. */
    public static Tensor awayFromZero(long seed, float gap, int... shape) {
        Tensor t = param(seed, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = Math.copySign(gap + (1 - gap) * Math.abs(d[i]), d[i]);
        return t;
    }
}
