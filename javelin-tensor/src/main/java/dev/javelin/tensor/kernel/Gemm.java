package dev.javelin.tensor.kernel;

/**
 * Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C, row-major, op = identity or transpose.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. lda/ldb/ldc are row strides of the stored matrices.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int offA, int lda, float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = offC + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0 ? 0 : beta * c[ci + j];
            }
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                if (aip == 0) continue;
                float s = alpha * aip;
                for (int j = 0; j < n; j++) {
                    float bpj = transB ? b[offB + j * ldb + p] : b[offB + p * ldb + j];
                    c[ci + j] += s * bpj;
                }
            }
        }
    }
}
