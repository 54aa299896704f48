package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checker must reject wrong rules, or passing checks would prove nothing. */
class GradCheckTest {
    /** tanh forward with a caller-chosen backward rule. */
    private static Tensor tanhWithRule(Tensor x, Tensor.Backward rule) {
        float[] o = new float[x.size()];
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.tanh(x.data()[i]);
        return Tensor.custom(o, x.shape(), rule, x);
    }

    @Test
    void acceptsTheCorrectRule() {
        GradCheck.check(xs -> tanhWithRule(xs[0], (g, out, need) -> new Tensor[] {g.mul(out.mul(out).neg().add(1f))}),
                GradCheck.param(1, 3, 4));
    }

    @Test
    void rejectsAWrongRule() {
        // 1 - y instead of 1 - y^2
        assertThrows(AssertionError.class, () -> GradCheck.check(
                xs -> tanhWithRule(xs[0], (g, out, need) -> new Tensor[] {g.mul(out.neg().add(1f))}),
                GradCheck.param(1, 3, 4)));
    }

    @Test
    void rejectsAGradientOffByThreePercent() {
        assertThrows(AssertionError.class, () -> GradCheck.check(
                xs -> tanhWithRule(xs[0], (g, out, need) -> new Tensor[] {g.mul(out.mul(out).neg().add(1f)).mul(1.03f)}),
                GradCheck.param(1, 3, 4)));
    }

    @Test
    void rejectsAWrongSecondOrderRule() {
        // First derivative right, but written with a detached output: its own gradient is then wrong.
        GradCheck.Fn penalty = xs -> {
            Tensor y = tanhWithRule(xs[0], (g, out, need) -> new Tensor[] {g.mul(out.detach().mul(out.detach()).neg().add(1f))});
            Tensor gx = Grad.of(java.util.List.of(y.sum()), java.util.List.of(xs[0]), true).get(0);
            // + sum(x) keeps the output differentiable even when the rule cuts the graph
            return gx.mul(gx).sum().add(xs[0].sum());
        };
        GradCheck.check(xs -> {
            Tensor y = xs[0].tanh();
            Tensor gx = Grad.of(java.util.List.of(y.sum()), java.util.List.of(xs[0]), true).get(0);
            return gx.mul(gx).sum().add(xs[0].sum());
        }, GradCheck.param(2, 5));
        assertThrows(AssertionError.class, () -> GradCheck.check(penalty, GradCheck.param(2, 5)));
    }
}
