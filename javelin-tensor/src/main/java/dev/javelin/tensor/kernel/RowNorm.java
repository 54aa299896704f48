package dev.javelin.tensor.kernel;

/**
 * Layer normalization over contiguous rows of {@code d} floats (torch.nn.functional.layer_norm over the last
 * dimensions): statistics per row with double sums, the output in one pass, and the closed-form gradient.
 */
public final class RowNorm {
    private RowNorm() {}

    /**
     * y = xhat * w + b with xhat = (x - mean) / sqrt(var + eps) per row (biased variance); xhat and 1/std per row are
     * written for the backward pass ({@link #inputGrad}, {@link #affineGrad}). {@code w} and {@code b} may be null (no scale, no shift).
     */
    public static void forward(float[] x, int rows, int d, float[] w, float[] b, float eps, float[] xhat, float[] rstd,
                               float[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double sum = 0;
            for (int j = 0; j < d; j++) sum += x[o + j];
            float mean = (float) (sum / d);
            double sq = 0;
            for (int j = 0; j < d; j++) {
                float c = x[o + j] - mean;
                sq += (double) c * c;
            }
            float rs = (float) (1 / Math.sqrt((float) (sq / d) + eps));
            rstd[r] = rs;
            for (int j = 0; j < d; j++) {
                float h = (x[o + j] - mean) * rs;
                xhat[o + j] = h;
                y[o + j] = (w != null ? h * w[j] : h) + (b != null ? b[j] : 0f);
            }
        }
    }

    /** dx = rstd (gx - mean(gx) - xhat mean(gx xhat)) per row, with gx = g w (g without a scale). */
    public static void inputGrad(float[] g, float[] xhat, float[] rstd, float[] w, int rows, int d, float[] dx) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double s1 = 0, s2 = 0;
            for (int j = 0; j < d; j++) {
                float gx = w != null ? g[o + j] * w[j] : g[o + j];
                s1 += gx;
                s2 += (double) gx * xhat[o + j];
            }
            float m1 = (float) (s1 / d), m2 = (float) (s2 / d), rs = rstd[r];
            for (int j = 0; j < d; j++) {
                float gx = w != null ? g[o + j] * w[j] : g[o + j];
                dx[o + j] = rs * (gx - m1 - xhat[o + j] * m2);
            }
        }
    }

    /** dw = sum over rows of g xhat, db = sum over rows of g, into zeroed arrays (either may be null). */
    public static void affineGrad(float[] g, float[] xhat, int rows, int d, float[] dw, float[] db) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            for (int j = 0; j < d; j++) {
                if (dw != null) dw[j] += g[o + j] * xhat[o + j];
                if (db != null) db[j] += g[o + j];
            }
        }
    }
}
