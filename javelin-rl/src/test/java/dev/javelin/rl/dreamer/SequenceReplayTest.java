package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import org.junit.jupiter.api.Test;

class SequenceReplayTest {

    /** Stream s, step i: observation (s * 1000 + i, -i), action i, reward i / 10, episodes of 5 steps. */
    private static void fill(SequenceReplay replay, int stream, int steps) {
        for (int i = 0; i < steps; i++) {
            replay.add(stream, new float[] {stream * 1000 + i, -i}, 0, new float[] {i}, 0, i / 10f, i % 5 == 0, i % 5 == 4);
        }
    }

    @Test
    void windowsAreContiguousWithinOneStream() {
        var replay = new SequenceReplay(2, 100, 2, 1);
        fill(replay, 0, 30);
        fill(replay, 1, 30);
        var batch = replay.sample(64, 7, new Rng(3));
        assertArrayEquals(new int[] {64, 7, 2}, batch.obs().shape());
        float[] o = batch.obs().data();
        float[] first = batch.isFirst().data();
        float[] cont = batch.cont().data();
        for (int b = 0; b < 64; b++) {
            float start = o[b * 14];
            for (int t = 0; t < 7; t++) {
                int i = b * 7 + t;
                float step = start + t;
                assertEquals(step, o[2 * i], "window " + b + " is contiguous");
                int local = (int) step % 1000;
                assertEquals(local, batch.action().data()[i]);
                assertEquals(local / 10f, batch.reward().data()[i], 1e-6);
                assertEquals(t == 0 || local % 5 == 0 ? 1f : 0f, first[i]);
                assertEquals(local % 5 == 4 ? 0f : 1f, cont[i]);
            }
        }
    }

    @Test
    void aFullRingKeepsTheNewestSteps() {
        var replay = new SequenceReplay(1, 10, 2, 1);
        fill(replay, 0, 25);
        assertEquals(10, replay.size());
        var batch = replay.sample(200, 10, new Rng(1));
        for (int b = 0; b < 200; b++) {
            for (int t = 0; t < 10; t++) {
                assertEquals(15 + t, batch.obs().data()[2 * (b * 10 + t)]);
            }
        }
    }

    @Test
    void samplingNeedsAWholeWindow() {
        var replay = new SequenceReplay(1, 10, 2, 1);
        fill(replay, 0, 4);
        assertFalse(replay.canSample(5));
        assertTrue(replay.canSample(4));
        assertThrows(IllegalArgumentException.class, () -> replay.sample(1, 5, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> replay.add(1, new float[2], 0, new float[1], 0, 0, false, false));
    }
}
