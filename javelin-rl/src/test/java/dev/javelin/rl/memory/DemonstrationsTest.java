package dev.javelin.rl.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemonstrationsTest {
    @TempDir
    Path dir;

    private static Transitions sample() {
        return new Transitions(3, 2, 1,
                new float[] {0.1f, -2.5f, 1e-7f, 3, 4, 5},
                new float[] {-1, 0.25f, 1},
                new float[] {-16.2736044f, 0, 7},
                new float[] {0.2f, -2.4f, 6, 7, 8, 9},
                new float[] {0, 0, 1});
    }

    private static void assertSame(Transitions a, Transitions b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.stateDim(), b.stateDim());
        assertEquals(a.actionDim(), b.actionDim());
        assertArrayEquals(a.states(), b.states());
        assertArrayEquals(a.actions(), b.actions());
        assertArrayEquals(a.rewards(), b.rewards());
        assertArrayEquals(a.nextStates(), b.nextStates());
        assertArrayEquals(a.dones(), b.dones());
    }

    @Test
    void safetensorsAndCsvRoundTripBitForBit() throws Exception {
        for (String name : new String[] {"demos.safetensors", "demos.csv"}) {
            Path file = dir.resolve(name);
            Demonstrations.write(file, sample());
            assertSame(sample(), Demonstrations.read(file));
        }
        assertEquals("state_0,state_1,action_0,reward,next_state_0,next_state_1,done",
                Files.readAllLines(dir.resolve("demos.csv")).getFirst());
    }

    @Test
    void handWrittenCsvIsRead() throws Exception {
        Path file = dir.resolve("hand.csv");
        Files.writeString(file, "state_0, action_0, action_1, reward, next_state_0, done\n1, 0.5, -0.5, 2, 1.5, 0\n\n3,1,1,-1,4,1\n");
        Transitions t = Demonstrations.read(file);
        assertEquals(2, t.size());
        assertArrayEquals(new float[] {0.5f, -0.5f, 1, 1}, t.actions());
        assertArrayEquals(new float[] {0, 1}, t.dones());
    }

    @Test
    void badFilesNameWhatIsWrong() throws Exception {
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "state_0,reward,done\n1,2,0\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Demonstrations.read(header))
                .getMessage().contains("expected state_0"));
        Path value = dir.resolve("value.csv");
        Files.writeString(value, "state_0,action_0,reward,next_state_0,done\n1,x,2,3,0\n");
        String m = assertThrows(IllegalArgumentException.class, () -> Demonstrations.read(value)).getMessage();
        assertTrue(m.contains("line 2") && m.contains("action_0") && m.contains("'x'"), m);
        assertThrows(IllegalArgumentException.class, () -> Demonstrations.read(dir.resolve("missing.csv")));
        assertThrows(IllegalArgumentException.class, () -> Demonstrations.read(dir.resolve("demos.npz")));
        assertThrows(IllegalArgumentException.class, () -> new Demonstrations(sample(), 1.5));
    }

    @Test
    void batchesMixDemonstrationsAtTheRatio() {
        ReplayBuffer replay = new ReplayBuffer(10, 2, 1);
        for (int i = 0; i < 10; i++) {
            replay.add(new float[] {100 + i, 0}, new float[] {0.5f}, 1, new float[] {0, 0}, false);
        }
        Demonstrations demos = new Demonstrations(sample(), 0.25);
        assertEquals(64, demos.rowsIn(256));
        Transitions batch = demos.mix(replay, 256, new Rng(5));
        assertEquals(256, batch.size());
        int fromReplay = 0;
        for (int k = 0; k < batch.size(); k++) {
            if (batch.states()[2 * k] >= 100) {
                fromReplay++;
                assertTrue(k < 192, "replay rows come first");
            }
        }
        assertEquals(192, fromReplay);
        assertEquals(256, new Demonstrations(sample(), 1.0).mix(replay, 256, new Rng(5)).size());
    }
}
