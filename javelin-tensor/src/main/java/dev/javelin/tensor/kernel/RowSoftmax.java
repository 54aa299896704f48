package dev.javelin.tensor.kernel;

/**
 * Softmax over contiguous rows of {@code n} floats: max-shifted, the shifted values of all rows through one
 * vectorized exp (the same bits as the scalar {@link Elementwise#exp(float)}), each row's sum in double. Row by
 * row a [B, 2] policy or a [N, 255] two-hot head would make one scalar exp call per element.
 */
public final class RowSoftmax {
    private RowSoftmax() {}

    /** p = softmax of each row of x (p may be x itself), and lse[r] = the log-sum-exp of row r. */
    public static void probs(float[] x, int rows, int n, float[] p, float[] lse) {
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) max = Math.max(max, x[base + k]);
            lse[r] = max;
            for (int k = 0; k < n; k++) p[base + k] = x[base + k] - max;
        }
        Elementwise.exp(p, p, rows * n);
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            double s = 0;
            for (int k = 0; k < n; k++) s += p[base + k];
            float inv = (float) (1 / s);
            for (int k = 0; k < n; k++) p[base + k] *= inv;
            lse[r] = (float) (lse[r] + Math.log(s));
        }
    }
}
