package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.Arrays;

/**
 * In-place initializers for parameters, as torch.nn.init (CleanRL's layer_init uses orthogonal with
 * gain sqrt 2 and zero biases). Each returns the tensor it filled.
 */
public final class Init {
    private Init() {}

    /** Entries uniform in [-bound, bound). */
    public static Tensor uniform(Tensor w, double bound, Rng rng) {
        if (!(bound >= 0) || Double.isInfinite(bound)) throw new IllegalArgumentException("Init.uniform: bound " + bound + " must be finite and >= 0");
        float b = (float) bound;
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) d[i] = -b + 2 * b * rng.nextFloat();
        return w;
    }

    /** Fills {@code w} with zeros in place; returns it. */
    public static Tensor zeros(Tensor w) {
        return constant(w, 0);
    }

    /** Fills {@code w} with {@code value} in place; returns it. */
    public static Tensor constant(Tensor w, double value) {
        Arrays.fill(w.data(), (float) value);
        return w;
    }

    /**
     * A (semi-)orthogonal matrix times gain, as torch.nn.init.orthogonal_ (Saxe et al. 2014): w is viewed
     * as [dim 0, rest]; a Gaussian matrix is orthonormalized along its longer side, so rows (when there
     * are fewer rows than columns) or columns are orthonormal. torch takes Q of a QR with R's diagonal made
     * positive; Gram-Schmidt (here twice, in double, for float-level orthogonality) yields exactly that Q.
     */
    public static Tensor orthogonal(Tensor w, double gain, Rng rng) {
        if (w.rank() < 2) {
            throw new IllegalArgumentException("Init.orthogonal: tensor of shape " + Arrays.toString(w.shape()) + " needs at least 2 dims");
        }
        int rows = w.dim(0), cols = w.size() / rows;
        boolean transposed = rows < cols;
        int n = Math.max(rows, cols), m = Math.min(rows, cols);
        // m orthonormal vectors of length n, vector j at q[j]
        double[][] q = new double[m][n];
        for (double[] v : q) for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        for (int j = 0; j < m; j++) {
            double[] v = q[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[k][i] * v[i];
                    for (int i = 0; i < n; i++) v[i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += v[i] * v[i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) v[i] /= norm;
        }
        float[] d = w.data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) d[r * cols + c] = (float) (gain * (transposed ? q[r][c] : q[c][r]));
        }
        return w;
    }
}
