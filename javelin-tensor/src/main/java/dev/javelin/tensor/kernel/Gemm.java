package dev.javelin.tensor.kernel;

/**
 * Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C, row-major, op = identity or transpose.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. lda/ldb/ldc are row strides of the stored matrices.
 * As in BLAS, C is not read when beta is 0 (NaN there does not propagate).
 *
 * <p>Uses the Vector API kernel ({@link VectorGemm}) when {@code jdk.incubator.vector} is present, else a
 * scalar loop. The result depends on the shapes only, never on {@link Parallelism#threads()}.
 */
public final class Gemm {
    private Gemm() {}

    /** True when the Vector API kernel is in use; false when the incubator module is absent. */
    public static final boolean VECTORIZED = vectorAvailable();

    private static boolean vectorAvailable() {
        try {
            return VectorGemm.V >= 4;
        } catch (LinkageError e) {
            // Loading VectorGemm fails once with NoClassDefFoundError without --add-modules jdk.incubator.vector.
            return false;
        }
    }

    /**
     * C = alpha op(A) op(B) + beta C on row-major arrays with offsets and leading dimensions, op transposing when
     * asked; splits large products over {@link Parallelism#threads()} with results independent of the thread count.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int offA, int lda, float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) return;
        checkMatrix("sgemm", "A", a, offA, lda, transA ? k : m, transA ? m : k);
        checkMatrix("sgemm", "B", b, offB, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("sgemm", "C", c, offC, ldc, m, n);
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, offC, ldc);
            return;
        }
        if (VECTORIZED) {
            VectorGemm.sgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        } else {
            scalar(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        }
    }

    /**
     * A linear layer, C = act(X W^T + bias) with X [m, k], W [n, k] (PyTorch's [out, in] layout), bias [n] or null
     * and act max(., 0) when {@code relu}, else the identity; C [m, n] is written, never read. The bits are those of
     * {@link #sgemm} into C preset to the bias rows (beta 1; without a bias, beta 0) followed by max(C, 0): where the
     * packed kernel runs, the bias and ReLU are applied as it stores each tile, so C is written once.
     */
    public static void linear(int m, int n, int k, float[] x, float[] w, float[] bias, boolean relu, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("linear: sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        if (bias != null && bias.length != n) {
            throw new IllegalArgumentException("linear: bias has " + bias.length + " elements, expected n=" + n);
        }
        if (m == 0 || n == 0) return;
        checkMatrix("linear", "X", x, 0, k, m, k);
        checkMatrix("linear", "W", w, 0, k, n, k);
        checkMatrix("linear", "C", c, 0, n, m, n);
        if (VECTORIZED && k > 0 && VectorGemm.packs(false, true, m, n, k)) {
            VectorGemm.linear(m, n, k, x, w, bias, relu, c);
            return;
        }
        if (bias != null) {
            for (int r = 0; r < m; r++) System.arraycopy(bias, 0, c, r * n, n);
        }
        sgemm(false, true, m, n, k, 1f, x, 0, k, w, 0, k, bias != null ? 1f : 0f, c, 0, n);
        if (relu) {
            for (int i = 0; i < m * n; i++) c[i] = Math.max(c[i], 0f);
        }
    }

    private static void checkMatrix(String op, String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException(op + ": ld" + name.toLowerCase() + "=" + ld + " is smaller than the "
                    + cols + " columns of stored " + name + " [" + rows + ", " + cols + "]");
        }
        long last = (long) off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || last >= x.length) {
            throw new IllegalArgumentException(op + ": " + name + " [" + rows + ", " + cols + "] at offset " + off
                    + " with stride " + ld + " needs " + (last + 1) + " elements, array has " + x.length);
        }
    }

    static void scale(int m, int n, float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = offC + i * ldc;
            for (int j = 0; j < n; j++) c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
        }
    }

    /** The fallback without the Vector API: row of C accumulated over p, so B is read row by row. */
    static void scalar(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int offA, int lda, float[] b, int offB, int ldb,
                       float beta, float[] c, int offC, int ldc) {
        float[] acc = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) acc[j] += aip * b[offB + j * ldb + p];
                } else {
                    int bp = offB + p * ldb;
                    for (int j = 0; j < n; j++) acc[j] += aip * b[bp + j];
                }
            }
            int ci = offC + i * ldc;
            for (int j = 0; j < n; j++) c[ci + j] = beta == 0f ? alpha * acc[j] : alpha * acc[j] + beta * c[ci + j];
        }
    }
}
