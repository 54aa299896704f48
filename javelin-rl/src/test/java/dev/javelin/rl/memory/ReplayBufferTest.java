package dev.javelin.rl.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    /** A transition whose every field encodes its id, so a sampled row shows whether it was torn. */
    private static void addId(ReplayBuffer b, int id) {
        b.add(new float[] {id, id + 0.5f}, new float[] {-id}, id * 10f, new float[] {id + 1, id + 1.5f}, id % 2 == 0);
    }

    private static void assertWhole(Transitions t) {
        for (int k = 0; k < t.size(); k++) {
            float id = t.states()[2 * k];
            assertEquals(id + 0.5f, t.states()[2 * k + 1]);
            // a delta, even 0, compares -0.0 (id 0 negated as a float) equal to the 0.0 stored for it
            assertEquals(-id, t.actions()[k], 0f);
            assertEquals(id * 10f, t.rewards()[k]);
            assertEquals(id + 1, t.nextStates()[2 * k]);
            assertEquals(id + 1.5f, t.nextStates()[2 * k + 1]);
            assertEquals(((int) id) % 2 == 0 ? 1f : 0f, t.dones()[k]);
        }
    }

    @Test
    void theRingOverwritesTheOldestAndSamplesOnlyHeldRows() {
        ReplayBuffer b = new ReplayBuffer(4, 2, 1);
        for (int id = 0; id < 6; id++) {
            addId(b, id);
        }
        assertEquals(4, b.size());
        assertEquals(6, b.added());
        Transitions t = b.sample(2000, new Rng(1));
        assertWhole(t);
        Set<Float> seen = new HashSet<>();
        int[] counts = new int[6];
        for (int k = 0; k < t.size(); k++) {
            seen.add(t.states()[2 * k]);
            counts[(int) t.states()[2 * k]]++;
        }
        assertEquals(Set.of(2f, 3f, 4f, 5f), seen);
        for (int id = 2; id < 6; id++) {
            assertTrue(counts[id] > 400 && counts[id] < 600, "uniform sampling: id " + id + " drawn " + counts[id] + " of 2000");
        }
        assertEquals(new Rng(7).nextInt(4), new Rng(7).nextInt(4));
        assertArrayEquals(b.sample(8, new Rng(7)).states(), b.sample(8, new Rng(7)).states(), "same seed, same batch");
    }

    @Test
    void badInputIsRejectedWithTheValues() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0, 2, 1));
        ReplayBuffer b = new ReplayBuffer(4, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.add(new float[3], new float[1], 0, new float[2], false));
        assertTrue(e.getMessage().contains("state 3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.sample(1, new Rng(0)));
    }

    @Test
    void stateAndLoadRestoreTheRingExactly() {
        ReplayBuffer b = new ReplayBuffer(5, 2, 1);
        for (int id = 0; id < 7; id++) {
            addId(b, id);
        }
        Map<String, Tensor> state = b.state();
        ReplayBuffer c = new ReplayBuffer(5, 2, 1);
        c.load(state);
        assertEquals(b.size(), c.size());
        assertEquals(b.added(), c.added());
        assertArrayEquals(b.sample(64, new Rng(3)).states(), c.sample(64, new Rng(3)).states());
        addId(b, 7);
        addId(c, 7);
        assertArrayEquals(b.state().get("state").data(), c.state().get("state").data(), "writes continue at the same slot");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(6, 2, 1).load(state));
        assertTrue(e.getMessage().contains("capacity 5"), e.getMessage());
    }

    @Test
    void concurrentWritersAndSamplersNeverSeeATornTransition() throws Exception {
        ReplayBuffer b = new ReplayBuffer(1000, 2, 1);
        addId(b, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int offset = w;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        addId(b, 2 * i + offset);
                    }
                }));
            }
            for (int s = 0; s < 2; s++) {
                long seed = s;
                jobs.add(pool.submit(() -> {
                    Rng rng = new Rng(seed);
                    for (int i = 0; i < 300; i++) {
                        assertWhole(b.sample(64, rng));
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40_001, b.added());
        assertEquals(1000, b.size());
    }
}
