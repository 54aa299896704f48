package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.Configs;
import dev.javelin.tensor.Rng;
import java.util.List;
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

    @Test
    void pixelsAreStoredAsBytesAndSampledAsTheSameFloats() {
        int size = 3 * 8 * 8;
        var replay = new SequenceReplay(1, 300, size, 2, true);
        // step i holds the intensities (i + j) % 256 / 255f: every byte value, 0 and 1 included
        for (int i = 0; i < 300; i++) {
            float[] o = new float[size];
            for (int j = 0; j < size; j++) {
                o[j] = ((i + j) % 256) / 255f;
            }
            replay.add(0, o, 0, new float[] {i, -i}, 0, i, i == 0, false);
        }
        // 192 bytes of pixels, 2 action floats, the reward float and 2 flags per step, in one chunk of 300 steps
        assertEquals(192 + 8 + 4 + 2, SequenceReplay.bytesPerStep(size, 2, true));
        assertEquals(300L * (192 + 8 + 4 + 2), replay.allocatedBytes());
        var batch = replay.sample(32, 16, new Rng(5));
        float[] o = batch.obs().data();
        for (int w = 0; w < 32 * 16; w++) {
            int i = (int) batch.reward().data()[w];
            for (int j = 0; j < size; j++) {
                assertEquals(Float.floatToIntBits(((i + j) % 256) / 255f), Float.floatToIntBits(o[w * size + j]),
                        "step " + i + " pixel " + j);
            }
            assertEquals(-i, batch.action().data()[2 * w + 1]);
        }
    }

    @Test
    void storageGrowsInChunksAsTheRingFills() {
        int size = 3 * 64 * 64;
        var replay = new SequenceReplay(2, 1_000_000, size, 2, true);
        assertEquals(0, replay.allocatedBytes(), "nothing is allocated before the first step");
        long perStep = SequenceReplay.bytesPerStep(size, 2, true);
        assertEquals(12_288 + 14, perStep);
        float[] o = new float[size];
        for (int i = 0; i < SequenceReplay.CHUNK_STEPS + 1; i++) {
            replay.add(0, o, 0, new float[2], 0, 0, i == 0, false);
        }
        assertEquals(2L * SequenceReplay.CHUNK_STEPS * perStep, replay.allocatedBytes());
        replay.add(1, o, 0, new float[2], 0, 0, true, false);
        assertEquals(3L * SequenceReplay.CHUNK_STEPS * perStep, replay.allocatedBytes());
        // a float replay of the same frames would need 4 bytes a value
        assertEquals(4L * size + 14, SequenceReplay.bytesPerStep(size, 2, false));
    }

    @Test
    void aPixelValueThatIsNotAByteIntensityIsRefused() {
        var replay = new SequenceReplay(1, 10, 3, 1, true);
        for (float bad : new float[] {0.5f, -1 / 255f, 256 / 255f, Float.NaN}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> replay.add(0, new float[] {0f, bad, 1f}, 0, new float[1], 0, 0, true, false));
            assertEquals("SequenceReplay: pixel observation value " + bad + " at 1 is not k / 255 for an integer k in 0..255",
                    e.getMessage());
        }
        assertEquals(0, replay.size());
    }

    @Test
    void aReplayThatCannotFitInTheHeapIsRefusedBeforeTraining() {
        // 10^9 steps of 64 x 64 pixels are 11 TB: more than any heap these tests run with
        var c = Configs.override(DreamerConfig.sized("tiny"), List.of("pixels=true", "image_size=64",
                "timesteps=1000000000", "replay_size=1000000000"));
        var e = assertThrows(IllegalArgumentException.class, () -> new Dreamer().check("CartPole-v1", c));
        String m = e.getMessage();
        assertTrue(m.startsWith("DreamerV3's replay (12288 uint8 pixels and 2 action floats per step, 1 env stream) "
                + "would hold 1,000,000,064 steps x 12,302 bytes per step = 11457.1 GB, more than the "), m);
        assertTrue(m.contains("lower replay_size (now 1000000000; the replay holds min(replay_size, timesteps) steps)"), m);
        // the default replay_size fits once timesteps bound it, and nothing is allocated by the check
        new Dreamer().check("CartPole-v1", Configs.override(c, List.of("timesteps=50000", "replay_size=1000000")));
    }
}
