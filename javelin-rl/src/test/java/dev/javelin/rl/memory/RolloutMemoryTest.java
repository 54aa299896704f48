package dev.javelin.rl.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutMemoryTest {
    /** 3 steps x 2 envs; state of (step t, env i) is {10t + i, -(10t + i)}, done where t == 1 and i == 0. */
    private static RolloutMemory filled() {
        RolloutMemory m = new RolloutMemory(3, 2);
        m.create("states", 2);
        m.create("terminated", 1);
        for (int t = 0; t < 3; t++) {
            m.put("states", new float[] {10 * t, -10 * t, 10 * t + 1, -(10 * t + 1)});
            m.put("terminated", new boolean[] {t == 1, false});
            m.advance();
        }
        return m;
    }

    @Test
    void storesStepsInRowOrderAndWraps() {
        RolloutMemory m = filled();
        assertTrue(m.isFull());
        assertEquals(0, m.index());
        assertArrayEquals(new float[] {0, 0, 1, -1, 10, -10, 11, -11, 20, -20, 21, -21}, m.data("states"));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, m.data("terminated"));
        Tensor s = m.tensor("states");
        assertArrayEquals(new int[] {6, 2}, s.shape());
        m.reset();
        assertFalse(m.isFull());
        m.put("states", new float[] {7, 7, 7, 7});
        assertEquals(7, m.data("states")[0]);
    }

    @Test
    void miniBatchesCoverEverySampleOnceAndKeepRowsTogether() {
        RolloutMemory m = filled();
        List<Map<String, Tensor>> batches = m.sampleAll(List.of("states", "terminated"), 3, new Rng(1));
        assertEquals(3, batches.size());
        Set<Float> seen = new HashSet<>();
        for (Map<String, Tensor> b : batches) {
            float[] states = b.get("states").data();
            float[] done = b.get("terminated").data();
            assertArrayEquals(new int[] {2, 2}, b.get("states").shape());
            for (int i = 0; i < 2; i++) {
                float key = states[2 * i];
                assertEquals(-key, states[2 * i + 1], 0f, "a row's features stay together");
                assertEquals(key == 10 ? 1f : 0f, done[i], "flags follow their sample");
                seen.add(key);
            }
        }
        assertEquals(Set.of(0f, 1f, 10f, 11f, 20f, 21f), seen);
        Map<String, Tensor> whole = m.sampleAll(List.of("states"), 1, new Rng(1)).getFirst();
        assertArrayEquals(m.data("states"), whole.get("states").data(), "one mini-batch is the whole memory");
        int[] p1 = RolloutMemory.permutation(50, new Rng(3));
        int[] p2 = RolloutMemory.permutation(50, new Rng(4));
        assertNotEquals(Arrays.toString(p1), Arrays.toString(p2));
        assertArrayEquals(p1, RolloutMemory.permutation(50, new Rng(3)));
    }

    @Test
    void badInputIsNamed() {
        RolloutMemory m = filled();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.data("rewards"));
        assertTrue(e.getMessage().contains("'rewards'") && e.getMessage().contains("states"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.put("states", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> m.create("states", 2));
        assertThrows(IllegalArgumentException.class, () -> m.sampleAll(List.of("states"), 7, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> new RolloutMemory(0, 1));
    }
}
