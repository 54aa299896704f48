package dev.javelin.env.random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where NumPy raises, the Java generator throws IllegalArgumentException naming the value; edge cases NumPy allows. */
class NumpyGeneratorArgumentsTest {

    private static void throwsNaming(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should name " + fragment);
        }
    }

    @Test
    void negativeSeedsAreRejectedAsNumpyAndGymnasiumDo() {
        throwsNaming(() -> new SeedSequence(-1), "-1", "non-negative");
        throwsNaming(() -> new SeedSequence(BigInteger.valueOf(-5)), "-5", "non-negative");
        throwsNaming(() -> NumpyGenerator.defaultRng(Long.MIN_VALUE), String.valueOf(Long.MIN_VALUE));
        throwsNaming(() -> new SeedSequence(3).generateStateUint32(-2), "-2");
    }

    @Test
    void badSizesAndBoundsAreRejected() {
        NumpyGenerator g = NumpyGenerator.defaultRng(0);
        throwsNaming(() -> g.uniform(0, 1, -1), "size -1");
        throwsNaming(() -> g.standardNormal(-3), "size -3");
        throwsNaming(() -> g.normal(0, 1, -4), "size -4");
        throwsNaming(() -> g.integers(0, 10, -5), "size -5");
        throwsNaming(() -> g.uniform(1.0, 0.5), "1.0", "0.5", "low <= high");
        throwsNaming(() -> g.uniform(0.0, -0.0), "low <= high"); // NumPy tests the sign bit of high - low
        throwsNaming(() -> g.uniform(new double[] {0, 2}, new double[] {1, 1}), "low[1] = 2.0");
        throwsNaming(() -> g.uniform(new double[] {0}, new double[] {1, 1}), "1 elements", "2");
        throwsNaming(() -> g.uniform(-Double.MAX_VALUE, Double.MAX_VALUE), "finite");
        throwsNaming(() -> g.uniform(0, Double.NaN), "NaN");
        throwsNaming(() -> g.normal(0, -1), "scale = -1.0");
        throwsNaming(() -> g.integers(5, 5), "low = 5", "high = 5");
        throwsNaming(() -> g.integers(0), "high = 0");
    }

    @Test
    void rejectedCallsDrawNothing() {
        NumpyGenerator g = NumpyGenerator.defaultRng(9), same = NumpyGenerator.defaultRng(9);
        assertThrows(IllegalArgumentException.class, () -> g.uniform(new double[] {0, 2}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> g.normal(0, -1, 3));
        assertEquals(same.random(), g.random());
    }

    @Test
    void edgeCasesNumpyAllows() {
        NumpyGenerator g = NumpyGenerator.defaultRng(1);
        assertEquals(0.25, g.uniform(0.25, 0.25));
        assertArrayEquals(new double[0], g.standardNormal(0));
        assertEquals(7, g.integers(7, 8)); // a one-value range draws nothing
        assertEquals(2.0, g.normal(2.0, 0.0));
        NumpyGenerator fresh = NumpyGenerator.defaultRng(1);
        fresh.random();
        fresh.random();
        assertEquals(fresh.random(), g.random(), "uniform(a, a) and normal(loc, 0) still draw; integers(7, 8) does not");
    }

    @Test
    void unseededGeneratorsDifferAndRecordTheirEntropy() {
        SeedSequence a = SeedSequence.fromEntropy(), b = SeedSequence.fromEntropy();
        assertNotEquals(a.entropy(), b.entropy());
        assertTrue(a.entropy().bitLength() <= 128);
        assertEquals(new Pcg64(new SeedSequence(a.entropy())).next64(), new Pcg64(a).next64(), "entropy() repeats the run");
    }
}
