package dev.javelin.rl.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.Float64Data;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunningStandardScalerTest {
    // expected figures: skrl's _parallel_variance and _compute evaluated in float64 Python
    private static final float[] A = {1, 10, 2, -4, 4, 0.5f};
    private static final float[] B = {-3, 100, 0.25f, 7};

    @Test
    void mergesBatchesLikeSkrlsParallelVariance() {
        RunningStandardScaler s = new RunningStandardScaler(2);
        s.update(A, 3);
        assertEquals(1.75, s.mean(0), 1e-12);
        assertEquals(1.625, s.mean(1), 1e-12);
        assertEquals(3.020833333333333, s.variance(0), 1e-12);
        assertEquals(39.442708333333336, s.variance(1), 1e-12);
        assertEquals(4.0, s.count());
        s.update(B, 2);
        assertEquals(0.7083333333333333, s.mean(0), 1e-12);
        assertEquals(18.916666666666668, s.mean(1), 1e-12);
        assertEquals(5.944444444444444, s.variance(0), 1e-12);
        assertEquals(2065.7986111111113, s.variance(1), 1e-9);
        assertEquals(6.0, s.count());

        Tensor z = s.apply(Tensor.of(new float[] {0.5f, 300}, 1, 2), false);
        assertArrayEquals(new float[] {-0.0854482405f, 5f}, z.data(), 1e-6f, "standardized, second clipped at 5");
        Tensor back = s.inverse(Tensor.of(new float[] {1.5f, -7f}, 1, 2));
        assertArrayEquals(new float[] {4.365518f, -208.33862f}, back.data(), 1e-4f, "inverse clips the input to 5 first");
        assertEquals(6.0, s.count(), "evaluation does not update");
    }

    @Test
    void trainingOnATensorUpdatesBeforeStandardizing() {
        RunningStandardScaler s = new RunningStandardScaler(2);
        Tensor out = s.apply(Tensor.of(A.clone(), 3, 2), true);
        assertEquals(4.0, s.count());
        assertEquals((1 - 1.75) / Math.sqrt(3.020833333333333), out.data()[0], 1e-6);
    }

    @Test
    void stateRoundTripsAndRejectsMismatches() {
        RunningStandardScaler s = new RunningStandardScaler(2, 1e-8, 10);
        s.update(A, 3);
        RunningStandardScaler t = new RunningStandardScaler(2, 1e-8, 10);
        t.load(s.state());
        // float64 statistics come back exactly, not rounded to float32
        assertEquals(s.mean(1), t.mean(1));
        assertEquals(s.variance(0), t.variance(0));
        assertEquals(4.0, t.count());

        RunningStandardScaler other = new RunningStandardScaler(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(s.state()));
        assertTrue(e.getMessage().contains("running_mean") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> t.load(Map.of("running_mean", new Float64Data(new int[] {2}, new double[2]))));
    }

    @Test
    void fromKwargsTakesSkrlsKeysAndNamesABadOne() {
        RunningStandardScaler s = RunningStandardScaler.fromKwargs(2, Map.of("epsilon", 0.5, "clip_threshold", 1));
        s.update(A, 3);
        float[] out = new float[2];
        s.standardize(new float[] {1.75f + 10, 1.625f}, out, 1);
        assertArrayEquals(new float[] {1, 0}, out, "clipped at clip_threshold 1");
        s.standardize(new float[] {2.75f, 1.625f}, out, 1);
        assertEquals(1 / ((float) Math.sqrt(3.020833333333333) + 0.5f), out[0], 1e-6f, "epsilon 0.5 in the denominator");

        RunningStandardScaler d = RunningStandardScaler.fromKwargs(1, Map.of());
        d.standardize(new float[] {100}, out, 1);
        assertEquals(RunningStandardScaler.DEFAULT_CLIP_THRESHOLD, out[0], 1e-6, "defaults when absent");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunningStandardScaler.fromKwargs(2, Map.of("clip", 3.0)));
        assertTrue(e.getMessage().contains("'clip'") && e.getMessage().contains("clip_threshold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunningStandardScaler.fromKwargs(2, Map.of("epsilon", "tiny")));
        assertTrue(e.getMessage().contains("'epsilon'") && e.getMessage().contains("'tiny'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RunningStandardScaler.fromKwargs(2, Map.of("clip_threshold", -1.0)));
        assertTrue(e.getMessage().contains("clip_threshold must be > 0, got -1.0"), e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new RunningStandardScaler(0));
        RunningStandardScaler s = new RunningStandardScaler(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.update(new float[] {1, 2}, 1));
        assertTrue(e.getMessage().contains(">= 2 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.apply(Tensor.zeros(4, 3), false));
        assertThrows(IllegalArgumentException.class, () -> s.standardize(new float[4], new float[4], 3));
    }
}
