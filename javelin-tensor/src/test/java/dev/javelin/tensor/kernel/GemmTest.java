package dev.javelin.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemmTest {

    /** One randomized GEMM problem with padded strides and offsets; stored matrices filled with noise. */
    record Problem(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                   float[] a, int offA, int lda, float[] b, int offB, int ldb, float[] c, int offC, int ldc) {

        static Problem random(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
            int ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
            int lda = ac + rnd.nextInt(3), ldb = bc + rnd.nextInt(3), ldc = n + rnd.nextInt(3);
            int offA = rnd.nextInt(4), offB = rnd.nextInt(4), offC = rnd.nextInt(4);
            return new Problem(ta, tb, m, n, k, alpha, beta,
                    fill(rnd, offA + Math.max(0, ar * lda) + 2), offA, Math.max(1, lda),
                    fill(rnd, offB + Math.max(0, br * ldb) + 2), offB, Math.max(1, ldb),
                    fill(rnd, offC + m * ldc + 2), offC, Math.max(1, ldc));
        }

        float[] run(boolean scalar) {
            float[] out = c.clone();
            if (scalar) Gemm.scalar(ta, tb, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, out, offC, ldc);
            else Gemm.sgemm(ta, tb, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, out, offC, ldc);
            return out;
        }

        float opA(int i, int p) { return ta ? a[offA + p * lda + i] : a[offA + i * lda + p]; }
        float opB(int p, int j) { return tb ? b[offB + j * ldb + p] : b[offB + p * ldb + j]; }

        /** Compares with a double-precision reference; elements outside C's rows/columns must be untouched. */
        void check(float[] got, String what) {
            boolean[] inC = new boolean[c.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ci = offC + i * ldc + j;
                    inC[ci] = true;
                    double s = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) opA(i, p) * opB(p, j);
                        mag += Math.abs((double) opA(i, p) * opB(p, j));
                    }
                    double ref = alpha * s + (beta == 0f ? 0 : (double) beta * c[ci]);
                    double tol = 2e-6 * (Math.abs(alpha) * mag + Math.abs(beta * c[ci])) + 1e-30;
                    if (!(Math.abs(got[ci] - ref) <= tol)) {
                        fail(what + ": C[" + i + "," + j + "] = " + got[ci] + ", expected " + ref + " (tol " + tol + ")");
                    }
                }
            }
            for (int i = 0; i < c.length; i++) {
                if (!inC[i]) assertEquals(Float.floatToIntBits(c[i]), Float.floatToIntBits(got[i]), what + ": wrote outside C at " + i);
            }
        }

        @Override public String toString() {
            return "sgemm(" + ta + "," + tb + ", m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
                    + " offs=" + offA + "/" + offB + "/" + offC + " ld=" + lda + "/" + ldb + "/" + ldc + ")";
        }
    }

    static float[] fill(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static final int[] SIZES = {1, 2, 3, 5, 8, 9, 16, 17, 31, 33, 64, 67};
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {-0.5f, 0.75f}, {2f, 0f}};

    @Test
    void matchesDoubleReferenceForAllTransposesOddSizesStridesAndScales() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            for (int m : SIZES) {
                for (int n : SIZES) {
                    int k = SIZES[rnd.nextInt(SIZES.length)];
                    float[] ab = ALPHA_BETA[rnd.nextInt(ALPHA_BETA.length)];
                    Problem pr = Problem.random(rnd, ta, tb, m, n, k, ab[0], ab[1]);
                    pr.check(pr.run(false), pr.toString());
                }
            }
        }
    }

    @Test
    void largeShapesCrossEveryBlockBoundary() {
        SplittableRandom rnd = new SplittableRandom(2);
        // k > KC (two K blocks, beta applied once), m > MC, n > NC, edge tiles in both directions, and the
        // few-rows paths: dot products with n not a multiple of 4 and k with a vector tail, gathers for k < V.
        int[][] shapes = {{139, 75, 300}, {3, 1100, 40}, {260, 33, 17}, {64, 64, 64}, {1, 300, 513}, {300, 7, 70},
                {5, 13, 37}, {7, 301, 100}, {1, 6, 3}, {2, 37, 5}, {6, 64, 4}, {256, 4, 256}, {70, 15, 3}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Problem pr = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0.5f, t == 3 ? 0f : -1.5f);
                pr.check(pr.run(false), pr.toString());
            }
        }
    }

    @Test
    void fewRowsTimesATransposedWeightIsOneFmaChainPerElement() {
        // X W^T with few rows of X runs as (W X^T)^T; its bits must still be the packed kernel's: per element one
        // FMA chain over p in ascending order, then alpha and beta as the tile flush applies them
        SplittableRandom rnd = new SplittableRandom(4);
        int[][] shapes = {{32, 256, 256}, {8, 67, 67}, {16, 67, 67}, {33, 300, 100}, {17, 1100, 256}};
        for (int[] s : shapes) {
            for (float[] ab : new float[][] {{1f, 1f}, {0.5f, 0f}, {-2f, 0.25f}}) {
                Problem pr = Problem.random(rnd, false, true, s[0], s[1], s[2], ab[0], ab[1]);
                float[] got = pr.run(false);
                for (int i = 0; i < pr.m; i++) {
                    for (int j = 0; j < pr.n; j++) {
                        float r = 0f;
                        for (int p = 0; p < pr.k; p++) r = Math.fma(pr.opA(i, p), pr.opB(p, j), r);
                        int ci = pr.offC + i * pr.ldc + j;
                        float want = pr.beta == 0f ? r * pr.alpha : r * pr.alpha + pr.c[ci] * pr.beta;
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[ci]), pr + " C[" + i + "," + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void scalarFallbackMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            for (int[] s : new int[][] {{1, 1, 1}, {7, 9, 5}, {33, 17, 65}}) {
                Problem pr = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1.25f, 0.5f);
                pr.check(pr.run(true), "scalar " + pr);
            }
        }
    }

    @Test
    void vectorKernelIsInUseWithTheIncubatorModule() {
        assertTrue(Gemm.VECTORIZED, "surefire runs with --add-modules jdk.incubator.vector");
    }

    @Test
    void threadedResultIsBitIdenticalToOneThread() {
        SplittableRandom rnd = new SplittableRandom(4);
        // Split over rows (m >= n) and over columns (n > m); both above the parallel threshold.
        int[][] shapes = {{331, 190, 90}, {40, 700, 300}};
        int saved = Parallelism.threads();
        try {
            for (int[] s : shapes) {
                assertTrue((long) s[0] * s[1] * s[2] >= VectorGemm.PARALLEL_MIN, "shape must take the threaded path");
                for (int t = 0; t < 4; t++) {
                    Problem pr = Problem.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0.25f);
                    Parallelism.setThreads(1);
                    float[] one = pr.run(false);
                    pr.check(one, pr.toString());
                    for (int threads : new int[] {2, 3, 5}) {
                        Parallelism.setThreads(threads);
                        assertArrayEquals(one, pr.run(false), threads + " threads differ from 1 thread: " + pr);
                    }
                }
            }
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    @Test
    void linearHasTheBitsOfSgemmOnBiasRowsThenRelu() {
        // packed (square, a first layer's small k, past one K block, edge columns, split over rows and over columns
        // by threads), and the thin paths that fall back to sgemm (one output, a few outputs, one row, few rows, k 0)
        SplittableRandom rnd = new SplittableRandom(5);
        int[][] shapes = {{256, 256, 256}, {256, 256, 17}, {64, 40, 300}, {33, 45, 20}, {331, 190, 90}, {40, 700, 300},
                {256, 1, 256}, {256, 12, 256}, {1, 256, 17}, {32, 256, 256}, {5, 7, 0}};
        int saved = Parallelism.threads();
        try {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                float[] x = fill(rnd, m * k), w = fill(rnd, n * k), bias = fill(rnd, n);
                for (int threads : new int[] {1, 2}) {
                    Parallelism.setThreads(threads);
                    for (boolean withBias : new boolean[] {true, false}) {
                        for (boolean relu : new boolean[] {true, false}) {
                            float[] want = new float[m * n];
                            if (withBias) {
                                for (int r = 0; r < m; r++) System.arraycopy(bias, 0, want, r * n, n);
                            }
                            Gemm.sgemm(false, true, m, n, k, 1f, x, 0, k, w, 0, k, withBias ? 1f : 0f, want, 0, n);
                            if (relu) {
                                for (int i = 0; i < want.length; i++) want[i] = Math.max(want[i], 0f);
                            }
                            float[] got = fill(rnd, m * n);  // noise: linear writes C without reading it
                            Gemm.linear(m, n, k, x, w, withBias ? bias : null, relu, got);
                            assertArrayEquals(want, got, "m=" + m + " n=" + n + " k=" + k + " bias " + withBias
                                    + " relu " + relu + " threads " + threads);
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(saved);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.linear(2, 3, 4, new float[8], new float[12], new float[2], false, new float[6]));
        assertTrue(e.getMessage().contains("bias has 2 elements, expected n=3"), e.getMessage());
    }

    @Test
    void betaZeroIgnoresNanInCAndAlphaZeroOnlyScales() {
        float[] a = {1, 2, 3, 4}, b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        float[] d = {1, 2, 3, 4};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 3f, d, 0, 2);
        assertArrayEquals(new float[] {3, 6, 9, 12}, d);
        Gemm.sgemm(false, false, 2, 2, 0, 1f, a, 0, 2, b, 0, 2, 0f, d, 0, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0}, d);
    }

    @Test
    void badArgumentsNameTheValue() {
        float[] x = new float[6];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 3, 4, 1f, x, 0, 4, x, 0, 3, 0f, x, 0, 3));
        assertTrue(e.getMessage().contains("A [2, 4]") && e.getMessage().contains("array has 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 2, 3, 1, 1f, x, 0, 1, x, 0, 1, 0f, x, 0, 2));
        assertTrue(e.getMessage().contains("ldc=2") && e.getMessage().contains("3 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, -1, 3, 1, 1f, x, 0, 1, x, 0, 3, 0f, x, 0, 3));
        assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertFalse(Parallelism.threads() < 1);
    }
}
