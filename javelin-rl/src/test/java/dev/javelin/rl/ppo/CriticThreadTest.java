package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CriticThreadTest {
    @Test
    void runsTasksInTurnAndRethrowsTheirFailures() throws Exception {
        try (CriticThread t = new CriticThread()) {
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                int k = i;
                t.start(() -> k * 0.5);
                sum += t.join();
            }
            assertEquals(0.5 * 1999 * 2000 / 2, sum);
            t.start(() -> {
                Thread.onSpinWait();
                return Thread.currentThread().getName().equals("ppo-critic") ? 1 : 0;
            });
            Thread.sleep(5);  // long enough for the caller to park: the worker must wake it
            assertEquals(1, t.join(), "runs on the worker thread");
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            t.start(() -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalArgumentException.class, t::join));
            t.start(() -> 3);
            assertEquals(3, t.join(), "usable after a failure");
            t.start(() -> 4);
            assertThrows(IllegalStateException.class, () -> t.start(() -> 5), "one task at a time");
            assertEquals(4, t.join());
        }
    }
}
