package dev.javelin.rl.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    private static final float[] ROWS = {1, 10, 2, -4, 4, 0.5f};

    @Test
    void anUnsetSlotIsTheIdentityAndCheckpointsNothing() {
        Preprocessor p = Preprocessor.of("state_preprocessor", Optional.empty(), 2, Map.of());
        Tensor x = Tensor.of(ROWS.clone(), 3, 2);
        assertSame(x, p.apply(x, true));
        float[] out = p.apply(ROWS, true);
        assertNotSame(ROWS, out);
        assertArrayEquals(ROWS, out);
        assertArrayEquals(ROWS, p.inverse(ROWS));
        Checkpoint c = new Checkpoint();
        p.save(c);
        assertEquals(Set.of(), c.groups());
        p.restore(c);
    }

    @Test
    void aSetSlotScalesWithItsKwargsAndCheckpointsUnderItsName() {
        Preprocessor p = Preprocessor.of("state_preprocessor", Optional.of("running_standard_scaler"), 2,
                Map.of("clip_threshold", 1.0));
        float[] train = p.apply(ROWS, true);
        RunningStandardScaler reference = RunningStandardScaler.fromKwargs(2, Map.of("clip_threshold", 1.0));
        assertArrayEquals(reference.apply(Tensor.of(ROWS.clone(), 3, 2), true).data(), train);
        assertArrayEquals(new float[] {1, 1}, p.apply(new float[] {100, 100}, false), "clipped at 1, no update");
        assertArrayEquals(new float[] {1.75f, 1.625f}, p.inverse(new float[] {0, 0}), 1e-6f, "back to the mean");

        Checkpoint c = new Checkpoint();
        p.save(c);
        assertEquals(Set.of("state_preprocessor"), c.groups());
        Preprocessor fresh = Preprocessor.of("state_preprocessor", Optional.of("running_standard_scaler"), 2, Map.of());
        fresh.restore(c);
        assertArrayEquals(p.inverse(new float[] {0.5f, -0.5f}), fresh.inverse(new float[] {0.5f, -0.5f}));

        var e = assertThrows(IllegalArgumentException.class, () -> p.apply(new float[3], false));
        assertTrue(e.getMessage().contains("state_preprocessor") && e.getMessage().contains("rows of 2"), e.getMessage());
    }
}
