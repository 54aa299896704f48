package dev.javelin.rl.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservationBufferTest {
    @Test
    void keepsTheNewestRowsAndSamplesOnlyThose() {
        ObservationBuffer b = new ObservationBuffer(3, 2);
        assertTrue(b.isEmpty());
        b.add(new float[] {0, 0, 1, 1});
        b.add(new float[] {2, 2, 3, 3});
        assertEquals(3, b.size());
        Tensor s = b.sample(200, new Rng(1));
        assertEquals(200, s.dim(0));
        Set<Float> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertEquals(s.data()[2 * i], s.data()[2 * i + 1]);
            seen.add(s.data()[2 * i]);
        }
        assertEquals(Set.of(1f, 2f, 3f), seen, "row 0 was overwritten by row 3");

        b.add(new float[] {4, 4, 5, 5, 6, 6, 7, 7});
        Set<Float> last = new HashSet<>();
        float[] d = b.sample(200, new Rng(2)).data();
        for (int i = 0; i < 200; i++) {
            last.add(d[2 * i]);
        }
        assertEquals(Set.of(5f, 6f, 7f), last);
    }

    @Test
    void badInputIsNamed() {
        ObservationBuffer b = new ObservationBuffer(4, 3);
        assertThrows(IllegalStateException.class, () -> b.sample(1, new Rng(0)));
        var e = assertThrows(IllegalArgumentException.class, () -> b.add(new float[4]));
        assertTrue(e.getMessage().contains("3-float rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ObservationBuffer(0, 3));
    }
}
