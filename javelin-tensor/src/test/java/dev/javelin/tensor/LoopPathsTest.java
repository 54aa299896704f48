package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Elementwise ops run tensors shorter than {@link Tensor#SMALL} through a separate scalar loop; the
 * other tests mostly use small tensors. Here long tensors must give, value and gradient, exactly what
 * the same op gives one element at a time.
 */
class LoopPathsTest {
    private static final int N = 3 * Tensor.SMALL + 5;

    private static Tensor input(long seed) {
        Tensor t = Tensor.uniform(new Rng(seed), 0.1f, 2f, N);
        for (int i = 0; i < N; i += 2) t.data()[i] = -t.data()[i] - 0.5f; // both signs for relu and friends
        return t;
    }

    private static void sameBits(String what, float expected, float actual) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), what + ": " + expected + " vs " + actual);
    }

    @Test
    void unaryOpsAndTheirGradients() {
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::neg, Tensor::exp, Tensor::tanh, Tensor::sigmoid, Tensor::relu,
                Tensor::silu, t -> t.abs().log(), t -> t.abs().sqrt());
        Tensor x = input(1);
        for (int k = 0; k < ops.size(); k++) {
            UnaryOperator<Tensor> op = ops.get(k);
            Tensor p = x.copy().requiresGrad(true);
            Tensor y = op.apply(p);
            y.backward(Tensor.full(1.5f, N));
            for (int i = 0; i < N; i++) {
                Tensor e = Tensor.of(new float[] {x.data()[i]}, 1).requiresGrad(true);
                Tensor ye = op.apply(e);
                ye.backward(Tensor.full(1.5f, 1));
                sameBits("op " + k + " value " + i, ye.item(), y.data()[i]);
                sameBits("op " + k + " grad " + i, e.grad().item(), p.grad().data()[i]);
            }
        }
    }

    @Test
    void binaryOpsSameShapeAndScalar() {
        List<BinaryOperator<Tensor>> ops = List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div, Tensor::minimum, Tensor::maximum);
        Tensor a = input(2), b = input(3), s = Tensor.scalar(0.75f);
        for (int k = 0; k < ops.size(); k++) {
            Tensor ab = ops.get(k).apply(a, b), as = ops.get(k).apply(a, s), sa = ops.get(k).apply(s, a);
            for (int i = 0; i < N; i++) {
                Tensor ai = Tensor.scalar(a.data()[i]), bi = Tensor.scalar(b.data()[i]);
                sameBits("op " + k + " a.b " + i, ops.get(k).apply(ai, bi).item(), ab.data()[i]);
                sameBits("op " + k + " a.s " + i, ops.get(k).apply(ai, s).item(), as.data()[i]);
                sameBits("op " + k + " s.a " + i, ops.get(k).apply(s, ai).item(), sa.data()[i]);
            }
        }
    }

    @Test
    void vectorPathKeepsNanAndSignedZeroInMinMaxAndRowBroadcasts() {
        float[] special = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1e-42f, -3f};
        float[] a = new float[N], b = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = special[i % special.length];
            b[i] = special[(i / special.length) % special.length];
        }
        Tensor ta = Tensor.of(a, N), tb = Tensor.of(b, N);
        List<BinaryOperator<Tensor>> ops = List.of(Tensor::minimum, Tensor::maximum, Tensor::add, Tensor::div);
        for (int k = 0; k < ops.size(); k++) {
            Tensor out = ops.get(k).apply(ta, tb);
            for (int i = 0; i < N; i++) {
                sameBits("op " + k + " at " + i + " (" + a[i] + ", " + b[i] + ")",
                        ops.get(k).apply(Tensor.scalar(a[i]), Tensor.scalar(b[i])).item(), out.data()[i]);
            }
        }
        // [rows, N] op [N]: one run per row, each on the vector path
        Tensor m = Tensor.of(java.util.Arrays.copyOf(a, 3 * N), 3, N), row = Tensor.of(b, N);
        Tensor sum = m.sub(row);
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < N; i++) {
                sameBits("row " + r + " at " + i, m.data()[r * N + i] - b[i], sum.data()[r * N + i]);
            }
        }
    }

    @Test
    void vectorExpSigmoidSiluMatchTheScalarBitsOverTheWholeRange() {
        float[] x = new float[4 * N];
        for (int i = 0; i < x.length; i++) x[i] = -100f + 200f * i / x.length; // past both clamps of exp
        float[] edges = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.72283f, 88.7229f, -87.33654f,
                -87.3366f, 0f, -0f, 1e-30f};
        System.arraycopy(edges, 0, x, 17, edges.length);
        Tensor t = Tensor.of(x, x.length);
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::exp, Tensor::sigmoid, Tensor::silu);
        for (int k = 0; k < ops.size(); k++) {
            Tensor p = t.copy().requiresGrad(true);
            Tensor y = ops.get(k).apply(p);
            y.backward(Tensor.full(0.5f, x.length));
            for (int i = 0; i < x.length; i++) {
                Tensor e = Tensor.of(new float[] {x[i]}, 1).requiresGrad(true);
                Tensor ye = ops.get(k).apply(e);
                ye.backward(Tensor.full(0.5f, 1));
                sameBits("op " + k + " value at " + x[i], ye.item(), y.data()[i]);
                sameBits("op " + k + " grad at " + x[i], e.grad().item(), p.grad().data()[i]);
            }
        }
    }
}
