package dev.javelin.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void tanhIsWithinFourTenthsOfAMillionthOfDoubleTanh() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_003;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // Uniform over [-10, 10] and log-uniform magnitudes down to 1e-8.
            x[i] = i % 2 == 0 ? (float) (rnd.nextDouble() * 20 - 10)
                    : (float) (Math.pow(10, rnd.nextDouble() * 9 - 8) * (rnd.nextBoolean() ? 1 : -1));
        }
        float[] y = new float[n];
        Activations.tanh(x, 0, y, 0, n);
        for (int i = 0; i < n; i++) {
            double ref = Math.tanh(x[i]);
            double rel = Math.abs(y[i] - ref) / Math.abs(ref);
            assertTrue(rel < 4e-7, "tanh(" + x[i] + ") = " + y[i] + ", expected " + ref + " (rel " + rel + ")");
            assertTrue(Math.abs(y[i]) <= 1f, "tanh(" + x[i] + ") = " + y[i] + " is outside [-1, 1]");
        }
    }

    @Test
    void vectorAndScalarPathsGiveTheSameBitsIncludingSpecialValues() {
        float[] x = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.9e-4f, 4e-4f, -4e-4f,
                7.9f, 8f, -100f, 1e-30f, 0.5f, -0.5f, 1f, 2f, 3f, -3f, 1e-3f};
        float[] y = new float[x.length + 3];
        Activations.tanh(x, 0, y, 3, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(Activations.tanh(x[i])), Float.floatToIntBits(y[i + 3]), "tanh(" + x[i] + ")");
        }
        assertTrue(Float.isNaN(y[3 + 2]));
        assertEquals(1f, y[3 + 3]);
        assertEquals(-1f, y[3 + 4]);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y[3 + 1]));
    }

    @Test
    void rangeOutsideTheArraysIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.tanh(new float[4], 1, new float[4], 0, 4));
        assertTrue(e.getMessage().contains("range of 4 at offsets 1/0"), e.getMessage());
    }
}
