package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {
    private static int ulps(float expected, float actual) {
        return Math.abs(Float.floatToIntBits(expected) - Float.floatToIntBits(actual));
    }

    /** Samples the whole finite range and the small-magnitude region densely. */
    private static float sample(Rng rng, int i, float range) {
        return i % 2 == 0 ? (float) ((rng.nextDouble() * 2 - 1) * range)
                : (float) ((rng.nextDouble() * 2 - 1) * Math.pow(10, -rng.nextDouble() * 10));
    }

    @Test
    void expWithinOneUlp() {
        Rng rng = new Rng(1);
        for (int i = 0; i < 400_000; i++) {
            float x = sample(rng, i, 88f);
            float e = (float) Math.exp(x);
            if (e < Float.MIN_NORMAL) continue; // subnormal results flush to 0 near the bottom of the range
            assertTrue(ulps(e, FastMath.exp(x)) <= 1, "exp(" + x + ") = " + FastMath.exp(x) + " vs " + e);
        }
    }

    @Test
    void expEdgeCases() {
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.exp(-104f));
        assertEquals(0f, FastMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
        assertEquals(1f, FastMath.exp(0f));
        assertEquals((float) Math.exp(88.72f), FastMath.exp(88.72f));
    }

    @Test
    void tanhWithinEightUlps() {
        Rng rng = new Rng(2);
        for (int i = 0; i < 400_000; i++) {
            float x = sample(rng, i, 20f);
            float t = (float) Math.tanh(x);
            assertTrue(ulps(t, FastMath.tanh(x)) <= 8, "tanh(" + x + ") = " + FastMath.tanh(x) + " vs " + t);
        }
        assertEquals(1f, FastMath.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FastMath.tanh(-1e30f));
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
    }

    @Test
    void sigmoidMatchesDouble() {
        Rng rng = new Rng(3);
        for (int i = 0; i < 200_000; i++) {
            float x = sample(rng, i, 30f);
            double s = 1 / (1 + Math.exp(-(double) x));
            assertEquals(s, FastMath.sigmoid(x), 3e-7 * s, "sigmoid(" + x + ")");
        }
        assertEquals(0f, FastMath.sigmoid(-200f));
        assertEquals(1f, FastMath.sigmoid(200f));
    }

    @Test
    void logWithinOneUlp() {
        Rng rng = new Rng(4);
        for (int i = 0; i < 300_000; i++) {
            // uniform on [0, 4), log-uniform over the whole positive range (subnormals included), and around 1
            float x = switch (i % 3) {
                case 0 -> 4 * rng.nextFloat();
                case 1 -> (float) Math.pow(10, -45 + 83 * rng.nextDouble());
                default -> (float) (1 + (rng.nextDouble() - 0.5) * 2e-3);
            };
            if (x == 0) continue;
            float l = (float) Math.log(x);
            assertTrue(ulps(l, FastMath.log(x)) <= 1 || (l == 0 && FastMath.log(x) == 0), "log(" + x + ") = " + FastMath.log(x) + " vs " + l);
        }
        assertEquals(Float.NEGATIVE_INFINITY, FastMath.log(0f));
        assertEquals(Float.NEGATIVE_INFINITY, FastMath.log(-0f));
        assertTrue(Float.isNaN(FastMath.log(-1f)));
        assertTrue(Float.isNaN(FastMath.log(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.log(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.log(1f));
        assertEquals((float) Math.log(Float.MIN_VALUE), FastMath.log(Float.MIN_VALUE));
    }

    @Test
    void softplusMatchesDouble() {
        Rng rng = new Rng(5);
        for (int i = 0; i < 200_000; i++) {
            float x = sample(rng, i, 90f);
            double s = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs((double) x)));
            if (s < Float.MIN_NORMAL) continue; // exp flushes subnormal results to 0
            assertEquals(s, FastMath.softplus(x), 4e-7 * s, "softplus(" + x + ")");
        }
        assertEquals(Float.POSITIVE_INFINITY, FastMath.softplus(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.softplus(-200f));
        assertTrue(Float.isNaN(FastMath.softplus(Float.NaN)));
    }
}
