package dev.javelin.tensor;

import static dev.javelin.tensor.GradCheck.awayFromZero;
import static dev.javelin.tensor.GradCheck.check;
import static dev.javelin.tensor.GradCheck.param;
import static dev.javelin.tensor.GradCheck.paramIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Finite-difference checks for the ops beyond the core. */
class MoreOpsGradTest {
    @Test
    void abs() {
        check(xs -> xs[0].abs(), awayFromZero(1, 0.05f, 3, 4));
    }

    @Test
    void log1pAndExpm1() {
        check(xs -> xs[0].log1p(), paramIn(1, -0.5f, 2f, 3, 4));
        check(xs -> xs[0].expm1(), param(1, 3, 4));
    }

    @Test
    void elu() {
        check(xs -> xs[0].elu(), awayFromZero(1, 0.05f, 3, 4));
        check(xs -> xs[0].elu(0.5f), awayFromZero(2, 0.05f, 3, 4));
    }

    @Test
    void silu() {
        check(xs -> xs[0].silu(), paramIn(1, -3f, 3f, 3, 4));
    }

    @Test
    void softplus() {
        check(xs -> xs[0].softplus(), paramIn(1, -3f, 3f, 3, 4));
        check(xs -> xs[0].softplus(2f, 1f), paramIn(1, -3f, 3f, 3, 4));
        // Beyond the threshold softplus is the identity.
        check(xs -> xs[0].softplus(), paramIn(1, 21f, 25f, 3));
    }

    @Test
    void clamp() {
        Tensor x = param(1, 4, 5);
        for (int i = 0; i < x.size(); i++) if (Math.abs(Math.abs(x.data()[i]) - 0.5f) < 0.05f) x.data()[i] = 0.9f;
        check(xs -> xs[0].clamp(-0.5f, 0.5f), x);
    }

    @Test
    void minimumAndMaximum() {
        check(xs -> xs[0].minimum(xs[1]), param(1, 3, 4), param(2, 3, 4));
        check(xs -> xs[0].maximum(xs[1]), param(1, 3, 4), param(2, 4));
        check(xs -> xs[0].maximum(xs[1]), param(1, 3, 1), param(2, 3, 4));
    }

    @Test
    void where() {
        Tensor mask = Tensor.of(new float[] {1, 0, 0, 1}, 4);
        check(xs -> Tensor.where(mask, xs[0], xs[1]), param(1, 3, 4), param(2, 3, 4));
        check(xs -> Tensor.where(mask, xs[0], xs[1]), param(1, 3, 4), param(2, 3, 1));
    }

    @Test
    void straightThroughHasTheHardValueAndTheSoftGradient() {
        Tensor hard = Tensor.of(new float[] {0, 1, 0}, 3);
        Tensor soft = param(1, 3);
        Tensor st = Tensor.straightThrough(hard, soft);
        assertArrayEquals(hard.data(), st.data());
        Tensor w = Tensor.of(new float[] {2, 3, 4}, 3);
        assertArrayEquals(w.data(), Grad.of(List.of(st), List.of(soft), List.of(w), false).get(0).data());
    }

    @Test
    void maxAndMinOverAxis() {
        check(xs -> xs[0].max(1, false), param(1, 3, 4));
        check(xs -> xs[0].max(0, true), param(1, 3, 4));
        check(xs -> xs[0].min(-1, false), param(1, 2, 3, 4));
        check(xs -> xs[0].max(), param(1, 3, 4));
        check(xs -> xs[0].min(), param(1, 3, 4));
    }

    @Test
    void logsumexp() {
        check(xs -> xs[0].logsumexp(1, false), param(1, 3, 4));
        check(xs -> xs[0].logsumexp(0, true), param(1, 3, 4));
        check(xs -> xs[0].logsumexp(), param(1, 3, 4));
    }

    @Test
    void varAndStd() {
        check(xs -> xs[0].var(1, true, false), param(1, 3, 4));
        check(xs -> xs[0].var(0, false, true), param(1, 3, 4));
        check(xs -> xs[0].std(-1, true, false), param(1, 3, 4));
        check(xs -> xs[0].std(true), param(1, 3, 4));
    }

    @Test
    void softmaxAndLogSoftmax() {
        check(xs -> xs[0].softmax(-1), param(1, 3, 4));
        check(xs -> xs[0].softmax(1), param(1, 2, 3, 4));
        check(xs -> xs[0].logSoftmax(-1), param(1, 3, 4));
        check(xs -> xs[0].logSoftmax(0), param(1, 3, 4));
    }

    @Test
    void narrowSplitAndSqueeze() {
        check(xs -> xs[0].narrow(1, 1, 2), param(1, 3, 4));
        check(xs -> xs[0].split(-1, 1, 3).get(1).mul(xs[0].split(-1, 3, 1).get(0)), param(1, 3, 4));
        check(xs -> xs[0].unsqueeze(1).squeeze(1).unsqueeze(-1), param(1, 3, 4));
    }

    @Test
    void indexSelectAndGather() {
        check(xs -> xs[0].indexSelect(0, new int[] {2, 0, 2}), param(1, 3, 4));
        check(xs -> xs[0].indexSelect(1, Tensor.of(new float[] {3, 1}, 2)), param(1, 3, 4));
        Tensor idx = Tensor.of(new float[] {0, 3, 3, 2, 1, 1}, 3, 2);
        check(xs -> xs[0].gather(1, idx), param(1, 3, 4));
        check(xs -> xs[0].gather(0, Tensor.of(new float[] {2, 0, 1, 1}, 1, 4)), param(1, 3, 4));
    }

    @Test
    void concatAndStack() {
        check(xs -> Tensor.concat(1, xs[0], xs[1]), param(1, 3, 2), param(2, 3, 4));
        check(xs -> Tensor.concat(0, List.of(xs[0], xs[1], xs[0])), param(1, 2, 4), param(2, 3, 4));
        check(xs -> Tensor.stack(1, xs[0], xs[1]), param(1, 3, 4), param(2, 3, 4));
    }

    @Test
    void layerNorm() {
        check(xs -> Tensor.layerNorm(xs[0], new int[] {4}, xs[1], xs[2], 1e-5f), param(1, 3, 4), param(2, 4), param(3, 4));
        check(xs -> Tensor.layerNorm(xs[0], new int[] {2, 3}, null, null, 1e-3f), param(1, 2, 2, 3));
    }

    @Test
    void conv2d() {
        check(xs -> Tensor.conv2d(xs[0], xs[1], xs[2], 1, 0), param(1, 2, 2, 4, 4), param(2, 3, 2, 3, 3), param(3, 3));
        check(xs -> Tensor.conv2d(xs[0], xs[1], null, 2, 1), param(1, 1, 2, 5, 4), param(2, 2, 2, 3, 2));
    }

    @Test
    void convTranspose2d() {
        check(xs -> Tensor.convTranspose2d(xs[0], xs[1], xs[2], 2, 1, 0), param(1, 2, 2, 3, 3), param(2, 2, 3, 4, 4), param(3, 3));
        check(xs -> Tensor.convTranspose2d(xs[0], xs[1], null, 2, 0, 1), param(1, 1, 2, 2, 3), param(2, 2, 1, 3, 3));
    }

    /** Conv rules are written with each other (conv, transposed conv, weight gradient): check them twice. */
    @Test
    void secondOrderConvolutions() {
        GradCheck.Fn conv = xs -> Tensor.conv2d(xs[0], xs[1], null, 2, 1).tanh();
        GradCheck.Fn convT = xs -> Tensor.convTranspose2d(xs[0], xs[1], null, 2, 1, 1).tanh();
        int[][] weights = {{3, 2, 3, 3}, {2, 3, 3, 3}};
        for (int i = 0; i < 2; i++) {
            GradCheck.Fn op = i == 0 ? conv : convT;
            GradCheck.check(xs -> {
                Tensor y = op.apply(xs);
                List<Tensor> g = Grad.of(List.of(y), List.of(xs[0], xs[1]), List.of(Tensor.uniform(new Rng(7), -1, 1, y.shape())), true);
                return g.get(0).mul(g.get(0)).sum().add(g.get(1).mul(g.get(1)).sum());
            }, param(1, 2, 2, 4, 3), param(2, weights[i]));
        }
    }

    @Test
    void secondOrderSoftplusChain() {
        GradCheck.check(xs -> {
            Tensor d = Tensor.linear(Tensor.linear(xs[0], xs[1], xs[2]).softplus(), xs[3], null);
            Tensor gx = Grad.of(List.of(d), List.of(xs[0]), List.of(Tensor.ones(d.shape())), true).get(0);
            return gx.mul(gx).sum();
        }, param(1, 3, 4), param(2, 5, 4), param(3, 5), param(4, 1, 5));
    }

    @Test
    void secondOrderOfTheRestOfTheOps() {
        // Each op's backward rule must itself be differentiable (they are built from Tensor ops).
        List<GradCheck.Fn> ops = List.of(
                xs -> xs[0].elu(),
                xs -> xs[0].silu(),
                xs -> xs[0].softmax(-1),
                xs -> xs[0].logSoftmax(-1),
                xs -> xs[0].logsumexp(-1, false),
                xs -> xs[0].std(-1, true, false),
                xs -> Tensor.layerNorm(xs[0], new int[] {4}, null, null, 1e-5f),
                xs -> xs[0].max(-1, false).mul(xs[0].sum()),
                xs -> xs[0].gather(1, Tensor.of(new float[] {0, 3, 2}, 3, 1)).exp(),
                xs -> Tensor.concat(0, xs[0], xs[0].exp()).narrow(0, 2, 3).exp(),
                xs -> Tensor.conv2d(xs[0].reshape(1, 1, 3, 4), xs[0].narrow(0, 0, 2).narrow(1, 0, 2).reshape(1, 1, 2, 2), null, 1, 0).tanh());
        for (GradCheck.Fn op : ops) {
            GradCheck.check(xs -> {
                Tensor gx = Grad.of(List.of(op.apply(xs)), List.of(xs[0]), List.of(Tensor.uniform(new Rng(9), -1, 1, op.apply(xs).shape())), true).get(0);
                return gx.mul(gx).sum();
            }, awayFromZero(5, 0.05f, 3, 4));
        }
    }
}
