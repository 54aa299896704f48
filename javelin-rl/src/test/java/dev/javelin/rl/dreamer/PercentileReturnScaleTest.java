package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentileReturnScaleTest {

    @Test
    void percentilesInterpolateLinearlyAsNumpy() {
        float[] sorted = {0, 10, 20, 30, 40};
        assertEquals(2.0, PercentileReturnScale.percentile(sorted, 5), 1e-9);   // index 0.2
        assertEquals(38.0, PercentileReturnScale.percentile(sorted, 95), 1e-9); // index 3.8
        assertEquals(0.0, PercentileReturnScale.percentile(sorted, 0), 1e-9);
        assertEquals(40.0, PercentileReturnScale.percentile(sorted, 100), 1e-9);
    }

    @Test
    void emaOfPercentilesWithScaleFloorOfOne() {
        var norm = new PercentileReturnScale(0.99, 1.0, 5, 95);
        float[] returns = new float[101];
        for (int i = 0; i <= 100; i++) {
            returns[i] = i;   // P5 = 5, P95 = 95
        }
        var s = norm.update(Tensor.of(returns, 101));
        assertEquals(0.05, s.offset(), 1e-9);
        assertEquals(1.0, s.scale(), 1e-9);   // high - low = 0.9 is below the floor 1 / max
        for (int i = 0; i < 2000; i++) {
            s = norm.update(Tensor.of(returns, 101));
        }
        assertEquals(5.0, s.offset(), 1e-4);   // float state: the EMA settles within a few ulps
        assertEquals(90.0, s.scale(), 1e-3);
    }

    @Test
    void matchesTorchQuantileEma() throws Exception {
        Map<String, Tensor> f = SafeTensors.read(Path.of(getClass().getResource("/fixtures/dreamer.safetensors").toURI()));
        Tensor batches = f.get("retnorm/batches");
        var norm = new PercentileReturnScale(0.99, 1.0, 5, 95);
        int m = batches.dim(1);
        for (int k = 0; k < batches.dim(0); k++) {
            var s = norm.update(batches.narrow(0, k, 1).reshape(m));
            assertEquals(f.get("retnorm/low").data()[k], s.offset(), 1e-5, "low after batch " + k);
            assertEquals(f.get("retnorm/scale").data()[k], s.scale(), 1e-5, "scale after batch " + k);
        }
    }

    @Test
    void stateRoundTrips() {
        var a = new PercentileReturnScale(0.9, 1.0, 5, 95);
        a.update(Tensor.of(new float[] {-3, 1, 7, 20}, 4));
        var b = new PercentileReturnScale(0.9, 1.0, 5, 95);
        b.load(a.state());
        assertEquals(a.scale(), b.scale());
        assertThrows(IllegalArgumentException.class, () -> b.load(Map.of()));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new PercentileReturnScale(1.5, 1, 5, 95));
        assertThrows(IllegalArgumentException.class, () -> new PercentileReturnScale(0.99, 1, 95, 5));
    }
}
