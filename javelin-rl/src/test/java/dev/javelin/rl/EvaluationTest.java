package dev.javelin.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    @TempDir
    Path dir;

    @Test
    void runsWholeEpisodesAndRecordsTheFirstAsAGif() throws Exception {
        Path gif = dir.resolve("cartpole.gif");
        EvalResult r = Evaluation.run("CartPole-v1", Map.of(), 3, 4, Optional.of(gif), obs -> new float[] {0});
        assertEquals(4, r.episodes());
        for (double ret : r.returns()) {
            assertTrue(ret >= 5 && ret < 30, "always pushing left falls over within a few dozen steps: " + ret);
        }
        for (int e = 0; e < 4; e++) {
            assertEquals(r.returns()[e], r.lengths()[e], "CartPole pays 1 per step, so each return is its length");
        }
        assertEquals(r.mean(), r.meanLength().orElseThrow(), 1e-12);
        assertEquals("GIF89a", new String(Files.readAllBytes(gif), 0, 6));
        assertArrayEquals(r.returns(), Evaluation.run("CartPole-v1", Map.of(), 3, 4, Optional.empty(), obs -> new float[] {0}).returns(),
                "the same seed gives the same episodes");
    }

    @Test
    void continuousActionsAreClippedIntoTheBox() {
        EvalResult r = Evaluation.run("Pendulum-v1", Map.of(), 0, 1, Optional.empty(), obs -> new float[] {100});
        assertTrue(r.mean() < 0, "Pendulum rewards are costs: " + r.mean());
        assertEquals(200, r.lengths()[0], "Pendulum-v1 ends at its 200-step limit");
        assertThrows(IllegalArgumentException.class, () -> Evaluation.run("CartPole-v1", Map.of(), 0, 0, Optional.empty(), o -> o));
    }
}
