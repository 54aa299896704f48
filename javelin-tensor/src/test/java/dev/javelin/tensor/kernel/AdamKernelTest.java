package dev.javelin.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Elementwise#adam}: vector lanes and scalar tail give the bits of the scalar formula, element by element. */
class AdamKernelTest {
    @Test
    void everyElementHasTheScalarFormulasBits() {
        Random r = new Random(3);
        for (int n : new int[] {1, 7, 16, 37, 256 * 11 + 5}) {
            for (float l2 : new float[] {0f, 0.01f}) {
                float[] w = new float[n], g = new float[n], m = new float[n], v = new float[n];
                for (int i = 0; i < n; i++) {
                    w[i] = (float) r.nextGaussian();
                    g[i] = (float) r.nextGaussian() * 1e-2f;
                    m[i] = (float) r.nextGaussian() * 1e-3f;
                    v[i] = (float) Math.abs(r.nextGaussian()) * 1e-5f;
                }
                float[] we = w.clone(), me = m.clone(), ve = v.clone();
                float b1 = 0.9f, b2 = 0.999f, omb1 = (float) (1 - 0.9), omb2 = (float) (1 - 0.999);
                float stepSize = (float) (3e-4 / (1 - Math.pow(0.9, 7))), bc2Sqrt = (float) Math.sqrt(1 - Math.pow(0.999, 7));
                float eps = 1e-5f;
                for (int i = 0; i < n; i++) {
                    float gi = l2 == 0f ? g[i] : g[i] + l2 * we[i];
                    me[i] = me[i] * b1 + omb1 * gi;
                    ve[i] = ve[i] * b2 + omb2 * gi * gi;
                    float denom = (float) Math.sqrt(ve[i]) / bc2Sqrt + eps;
                    we[i] = we[i] + -stepSize * me[i] / denom;
                }
                Elementwise.adam(w, g, m, v, n, b1, b2, omb1, omb2, l2, stepSize, bc2Sqrt, eps);
                assertArrayEquals(me, m, "m, n " + n + " l2 " + l2);
                assertArrayEquals(ve, v, "v, n " + n + " l2 " + l2);
                assertArrayEquals(we, w, "w, n " + n + " l2 " + l2);
            }
        }
    }
}
