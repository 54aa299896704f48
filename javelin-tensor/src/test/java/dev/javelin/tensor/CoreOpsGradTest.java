package dev.javelin.tensor;

import static dev.javelin.tensor.GradCheck.check;
import static dev.javelin.tensor.GradCheck.param;
import static dev.javelin.tensor.GradCheck.paramIn;

import org.junit.jupiter.api.Test;

/** Finite-difference checks of the backward rule of every core op, including broadcasting shapes. */
class CoreOpsGradTest {
    private static final int[][][] BROADCAST_PAIRS = {
            {{3, 4}, {3, 4}},      // same shape
            {{3, 4}, {}},          // scalar
            {{}, {3, 4}},
            {{3, 4}, {4}},         // row
            {{3, 4}, {3, 1}},      // column
            {{1, 4}, {3, 1}},      // outer
            {{2, 1, 3}, {4, 1}},   // general
    };

    @Test
    void add() {
        for (int[][] p : BROADCAST_PAIRS) check(xs -> xs[0].add(xs[1]), param(1, p[0]), param(2, p[1]));
    }

    @Test
    void sub() {
        for (int[][] p : BROADCAST_PAIRS) check(xs -> xs[0].sub(xs[1]), param(1, p[0]), param(2, p[1]));
    }

    @Test
    void mul() {
        for (int[][] p : BROADCAST_PAIRS) check(xs -> xs[0].mul(xs[1]), param(1, p[0]), param(2, p[1]));
    }

    @Test
    void div() {
        for (int[][] p : BROADCAST_PAIRS) check(xs -> xs[0].div(xs[1]), param(1, p[0]), paramIn(2, 0.5f, 2f, p[1]));
    }

    @Test
    void scalarOverloads() {
        check(xs -> xs[0].add(2f).sub(0.5f).mul(3f).div(1.5f), param(1, 2, 3));
    }

    @Test
    void neg() {
        check(xs -> xs[0].neg(), param(1, 2, 3));
    }

    @Test
    void exp() {
        check(xs -> xs[0].exp(), param(1, 2, 3));
    }

    @Test
    void log() {
        check(xs -> xs[0].log(), paramIn(1, 0.3f, 2f, 2, 3));
    }

    @Test
    void sqrt() {
        check(xs -> xs[0].sqrt(), paramIn(1, 0.3f, 2f, 2, 3));
    }

    @Test
    void powScalar() {
        check(xs -> xs[0].pow(2f), param(1, 2, 3));
        check(xs -> xs[0].pow(3f), param(1, 2, 3));
        check(xs -> xs[0].pow(-1.5f), paramIn(1, 0.5f, 2f, 2, 3));
    }

    @Test
    void powTensor() {
        check(xs -> xs[0].pow(xs[1]), paramIn(1, 0.5f, 2f, 2, 3), param(2, 3));
    }

    @Test
    void tanh() {
        check(xs -> xs[0].tanh(), paramIn(1, -2f, 2f, 2, 3));
    }

    @Test
    void sigmoid() {
        check(xs -> xs[0].sigmoid(), paramIn(1, -3f, 3f, 2, 3));
    }

    @Test
    void relu() {
        check(xs -> xs[0].relu(), GradCheck.awayFromZero(1, 0.05f, 3, 4));
    }

    @Test
    void matmul2d() {
        check(xs -> xs[0].matmul(xs[1]), param(1, 3, 4), param(2, 4, 5));
    }

    @Test
    void matmulBatched() {
        check(xs -> xs[0].matmul(xs[1]), param(1, 2, 3, 4), param(2, 2, 4, 5));
    }

    @Test
    void matmulBatchedTimesMatrix() {
        check(xs -> xs[0].matmul(xs[1]), param(1, 2, 3, 4), param(2, 4, 5));
    }

    @Test
    void matmulMatrixTimesBatched() {
        check(xs -> xs[0].matmul(xs[1]), param(1, 3, 4), param(2, 2, 4, 5));
    }

    @Test
    void matmulTransposedFlags() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(xs -> Tensor.mm(xs[0], ta, xs[1], tb), param(1, ta ? new int[] {4, 3} : new int[] {3, 4}),
                        param(2, tb ? new int[] {5, 4} : new int[] {4, 5}));
                check(xs -> Tensor.mm(xs[0], ta, xs[1], tb), param(3, ta ? new int[] {2, 4, 3} : new int[] {2, 3, 4}),
                        param(4, tb ? new int[] {5, 4} : new int[] {4, 5}));
            }
        }
    }

    @Test
    void linear() {
        check(xs -> Tensor.linear(xs[0], xs[1], xs[2]), param(1, 5, 3), param(2, 4, 3), param(3, 4));
        check(xs -> Tensor.linear(xs[0], xs[1], null), param(1, 5, 3), param(2, 4, 3));
        check(xs -> Tensor.linear(xs[0], xs[1], xs[2]), param(1, 3), param(2, 4, 3), param(3, 4));
        check(xs -> Tensor.linear(xs[0], xs[1], xs[2]), param(1, 2, 2, 3), param(2, 4, 3), param(3, 4));
    }

    @Test
    void linearRelu() {
        check(xs -> Tensor.linearRelu(xs[0], xs[1], xs[2]), param(1, 5, 3), param(2, 4, 3), param(3, 4));
        check(xs -> Tensor.linearRelu(xs[0], xs[1], null), param(1, 5, 3), param(2, 4, 3));
        check(xs -> Tensor.linearRelu(xs[0], xs[1], xs[2]), param(1, 2, 2, 3), param(2, 4, 3), param(3, 4));
    }

    @Test
    void sum() {
        check(xs -> xs[0].sum(), param(1, 3, 4));
        for (int axis = -3; axis < 3; axis++) {
            int ax = axis;
            check(xs -> xs[0].sum(ax, false), param(1, 2, 3, 4));
            check(xs -> xs[0].sum(ax, true), param(1, 2, 3, 4));
        }
    }

    @Test
    void mean() {
        check(xs -> xs[0].mean(), param(1, 3, 4));
        check(xs -> xs[0].mean(1, false), param(1, 3, 4));
        check(xs -> xs[0].mean(0, true), param(1, 3, 4));
    }

    @Test
    void reshapeAndView() {
        check(xs -> xs[0].reshape(4, -1).mul(xs[0].view(4, 3)), param(1, 2, 6));
        check(xs -> xs[0].flatten(1), param(1, 2, 3, 2));
    }

    @Test
    void transposeAndPermute() {
        check(xs -> xs[0].transpose(0, 1), param(1, 3, 4));
        check(xs -> xs[0].transpose(-1, 0), param(1, 2, 3, 4));
        check(xs -> xs[0].permute(2, 0, 1), param(1, 2, 3, 4));
    }

    @Test
    void expandAndSumTo() {
        check(xs -> xs[0].expand(2, 3, 4), param(1, 3, 1));
        check(xs -> xs[0].sumTo(3, 1), param(1, 2, 3, 4));
    }

    @Test
    void composedChain() {
        check(xs -> Tensor.linear(Tensor.linear(xs[0], xs[1], xs[2]).tanh(), xs[3], null).sigmoid().mean(),
                param(1, 4, 3), param(2, 5, 3), param(3, 5), param(4, 2, 5));
    }
}
