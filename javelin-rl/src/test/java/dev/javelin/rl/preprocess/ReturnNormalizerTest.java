package dev.javelin.rl.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReturnNormalizerTest {
    // expected figures: SB3's VecNormalize reward path (RunningMeanStd over discounted returns) in float64 Python
    @Test
    void scalesByTheRunningStdOfDiscountedReturnsAndRestartsFinishedEpisodes() {
        ReturnNormalizer n = new ReturnNormalizer(2, 0.9);
        float[] r = {1, 3};
        n.normalize(r, new boolean[] {false, true}, new boolean[2]);
        assertArrayEquals(new float[] {0.9999000199952511f, 2.999700059985753f}, r, 1e-6f);
        assertEquals(1.0001999800015, n.variance(), 1e-12);
        float[] r2 = {2, -1};
        n.normalize(r2, new boolean[2], new boolean[2]);
        assertArrayEquals(new float[] {1.2224044934416638f, -0.6112022467208319f}, r2, 1e-6f);
        assertEquals(2.6768874670785916, n.variance(), 1e-12);

        ReturnNormalizer copy = new ReturnNormalizer(2, 0.9);
        copy.load(n.state());
        assertEquals((float) n.variance(), (float) copy.variance());
        assertThrows(IllegalArgumentException.class, () -> new ReturnNormalizer(3, 0.9).load(n.state()));
        assertThrows(IllegalArgumentException.class, () -> n.normalize(new float[3], new boolean[3], new boolean[3]));
    }
}
