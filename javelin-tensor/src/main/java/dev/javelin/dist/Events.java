package dev.javelin.dist;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.Arrays;

/** Shape checks and categorical draws shared by the distributions over an event axis. */
final class Events {
    private Events() {}

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** The number of classes K of logits [..., K]; rank 0 or K = 0 is rejected. */
    static int classes(String who, Tensor logits) {
        if (logits.rank() == 0) {
            throw new IllegalArgumentException(who + ": logits must have shape [..., K] (rank >= 1), got a scalar of shape []");
        }
        int k = logits.dim(-1);
        if (k == 0) throw new IllegalArgumentException(who + ": logits of shape " + str(logits.shape()) + " have no classes (K = 0)");
        return k;
    }

    /** The shape without its last axis. */
    static int[] batchShape(Tensor t) {
        return Arrays.copyOf(t.shape(), t.rank() - 1);
    }

    static void requireShape(String who, String what, Tensor t, int[] expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(who + ": " + what + " of shape " + str(t.shape()) + " must have shape " + str(expected));
        }
    }

    /** Numpy broadcasting of two shapes, or an exception naming both. */
    static int[] broadcast(String who, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(who + ": shapes " + str(a) + " and " + str(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Each entry must be an integer class index in [0, k). */
    static void requireIndices(String who, Tensor actions, int k) {
        float[] d = actions.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] < k && d[i] == Math.rint(d[i]))) {
                throw new IllegalArgumentException(who + ": action " + d[i] + " at flat index " + i + " is not a class index in [0, " + k + ")");
            }
        }
    }

    /**
     * One class per row of probs [rows, k] by inverting the cumulative distribution at a uniform draw.
     * Rounding can leave the total a hair below the draw: then the last class with non-zero probability
     * is taken, so a class of probability 0 is never returned.
     */
    static float[] draw(float[] probs, int k, Rng rng) {
        int rows = probs.length / k;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double u = rng.nextDouble(), cdf = 0;
            int base = r * k, pick = -1;
            for (int j = 0; j < k; j++) {
                float p = probs[base + j];
                if (!(p >= 0)) throw new IllegalArgumentException("sample: probability " + p + " of class " + j + " in row " + r + " (NaN logits?)");
                if (p == 0) continue;
                pick = j;
                cdf += p;
                if (u < cdf) break;
            }
            if (pick < 0) throw new IllegalArgumentException("sample: row " + r + " has no class with positive probability");
            out[r] = pick;
        }
        return out;
    }
}
