package dev.javelin.rl.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {
    @Test
    void recordsSkrlTagsFromFinishedEpisodesOnly() {
        LoggerTest.Recording sink = new LoggerTest.Recording();
        Logger logger = new Logger(1, List.of(sink), () -> 0.0);
        EpisodeTracker t = new EpisodeTracker(2, logger);

        t.step(new float[] {1, 2}, new boolean[] {false, false}, new boolean[] {false, false});
        logger.step(1);
        assertEquals(Double.NaN, t.recentReturn());
        assertEquals(3, sink.writes.getLast().scalars().size());
        assertEquals(1.5, sink.writes.getLast().scalars().get("Reward / Instantaneous reward (mean)"));

        // env 0 terminates with return 1 + 3 = 4 over 2 steps; env 1 truncates with 2 + 5 = 7 over 2 steps
        t.step(new float[] {3, 5}, new boolean[] {true, false}, new boolean[] {false, true});
        logger.step(2);
        var s = sink.writes.getLast().scalars();
        assertEquals(7.0, s.get("Reward / Total reward (max)"));
        assertEquals(4.0, s.get("Reward / Total reward (min)"));
        assertEquals(5.5, s.get("Reward / Total reward (mean)"));
        assertEquals(2.0, s.get("Episode / Total timesteps (mean)"));
        assertEquals(5.5, t.recentReturn());

        // env 0's next episode starts from zero: 10 over 1 step
        t.step(new float[] {10, 0}, new boolean[] {true, false}, new boolean[] {false, false});
        assertEquals((4 + 7 + 10) / 3.0, t.recentReturn());
        assertEquals(3, t.finishedEpisodes());
    }

    @Test
    void theWindowKeepsTheLastHundredEpisodes() {
        Logger logger = new Logger(0, List.of(), () -> 0.0);
        EpisodeTracker t = new EpisodeTracker(1, logger);
        for (int e = 0; e < 150; e++) {
            t.step(new float[] {e}, new boolean[] {true}, new boolean[] {false});
        }
        // episodes 50..149 remain
        assertEquals((50 + 149) / 2.0, t.recentReturn());
        assertEquals(150, t.finishedEpisodes());
    }

    @Test
    void mismatchedSizesNameBoth() {
        EpisodeTracker t = new EpisodeTracker(2, new Logger(0, List.of(), () -> 0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.step(new float[3], new boolean[2], new boolean[2]));
        assertTrue(e.getMessage().contains("expected 2 envs, got rewards 3"), e.getMessage());
    }
}
