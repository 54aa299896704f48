package dev.javelin.rl.memory;

import dev.javelin.tensor.Rng;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-computed cases of hindsight relabeling. Observations are {@code [achieved_goal, desired_goal, x]} (one-value
 * goals, FlattenDictObservation's sorted order); in an episode the goal achieved after transition t is
 * {@code base + 10 (t + 1)}, the stored desired goal is 99 and the stored reward 7, which no recomputed reward equals.
 */
class HerReplayBufferTest {
    private static final int STATE = 3;
    private static final float DESIRED = 99f;
    /** compute_reward: -|achieved - desired| (dense), so a test can read which pair it was given. */
    private static final HerReplayBuffer.RewardFunction DISTANCE = (a, d, n) -> {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -Math.abs(a[i] - d[i]);
        }
        return r;
    };

    private static HerReplayBuffer buffer(int capacity, int nSampledGoal, GoalSelectionStrategy strategy) {
        return new HerReplayBuffer(capacity, STATE, 1, 0, 1, 1, DISTANCE, 2f, nSampledGoal, strategy);
    }

    /** Adds an episode of {@code length} transitions; x (index 2) holds base + t to identify the transition. */
    private static void episode(ReplayBuffer b, float base, int length, boolean terminatedAtEnd) {
        for (int t = 0; t < length; t++) {
            float[] s = {base + 10 * t, DESIRED, base + t};
            float[] s2 = {base + 10 * (t + 1), DESIRED, base + t + 1};
            boolean last = t == length - 1;
            b.add(s, new float[] {t}, 7f, s2, last && terminatedAtEnd, last);
        }
    }

    @Test
    void futureGoalsComeFromTheSameEpisodeAtOrAfterTheTransitionAndRewardsAreRecomputed() {
        HerReplayBuffer b = buffer(100, 4, GoalSelectionStrategy.FUTURE);
        episode(b, 0, 4, false);
        episode(b, 1000, 3, false);
        Rng rng = new Rng(1);
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            Transitions t = b.sample(10, rng);
            int virtual = (int) ((1 - 1.0 / 5) * 10);
            assertEquals(8, virtual);
            for (int k = 0; k < t.size(); k++) {
                float[] s = row(t.states(), k), s2 = row(t.nextStates(), k);
                float base = s[2] >= 1000 ? 1000 : 0;
                int step = (int) (s[2] - base);
                if (k < virtual) {
                    float goal = s[1];
                    assertEquals(goal, s2[1], "s and s' share the substituted goal");
                    int tPrime = (int) ((goal - base) / 10) - 1;
                    assertEquals(base + 10 * (tPrime + 1), goal, "a goal achieved in the same episode: " + goal);
                    assertTrue(tPrime >= step, "future goal from t'=" + tPrime + " for transition t=" + step);
                    assertTrue(tPrime < (base == 0 ? 4 : 3), "inside the episode");
                    assertEquals(2f * -Math.abs(s2[0] - goal), t.rewards()[k], "reward = scale * compute_reward(achieved', goal)");
                    seen.add(base + ":" + step + "->" + tPrime);
                } else {
                    assertEquals(DESIRED, s[1], "real transitions keep their goal");
                    assertEquals(7f, t.rewards()[k], "and their stored reward");
                }
            }
        }
        // every (t, t') pair with t' >= t of both episodes was drawn: 4+3+2+1 and 3+2+1
        assertEquals(16, seen.size(), seen.toString());
    }

    @Test
    void finalStrategyUsesTheLastAchievedGoalAndEpisodeStrategyAnyOfTheEpisode() {
        HerReplayBuffer fin = buffer(100, 4, GoalSelectionStrategy.FINAL);
        episode(fin, 0, 5, false);
        Rng rng = new Rng(2);
        Transitions t = fin.sample(50, rng);
        for (int k = 0; k < 40; k++) {
            assertEquals(50f, t.states()[k * STATE + 1], "final goal is the one achieved after the last transition");
        }
        HerReplayBuffer ep = buffer(100, 4, GoalSelectionStrategy.EPISODE);
        episode(ep, 0, 5, false);
        Set<Float> goalsOfLast = new HashSet<>();
        for (int round = 0; round < 300; round++) {
            Transitions s = ep.sample(5, rng);
            for (int k = 0; k < 4; k++) {
                if (s.states()[k * STATE + 2] == 4f) {
                    goalsOfLast.add(s.states()[k * STATE + 1]);
                }
            }
        }
        assertEquals(Set.of(10f, 20f, 30f, 40f, 50f), goalsOfLast, "the last transition gets earlier goals too");
    }

    @Test
    void terminalFlagsAreKeptAndIncompleteEpisodesAreNotSampled() throws InterruptedException {
        HerReplayBuffer b = buffer(100, 4, GoalSelectionStrategy.FUTURE);
        // another collector's episode, still running
        Thread.ofPlatform().start(() -> b.add(new float[] {0, DESIRED, 0}, new float[] {0}, 7f,
                new float[] {10, DESIRED, 1}, false, false)).join();
        assertEquals(0, b.size(), "a learner waits: nothing to sample");
        assertThrows(IllegalStateException.class, () -> b.sample(4, new Rng(3)), "an unfinished episode is not sampleable");
        episode(b, 500, 2, true);
        Transitions t = b.sample(200, new Rng(3));
        for (int k = 0; k < t.size(); k++) {
            float[] s = row(t.states(), k);
            assertTrue(s[2] >= 500, "only the finished episode: " + s[2]);
            assertEquals(s[2] == 501 ? 1f : 0f, t.dones()[k], "done is the stored terminated flag, relabeled or not");
        }
    }

    @Test
    void anOverwrittenEpisodeIsNoLongerSampled() {
        HerReplayBuffer b = buffer(5, 4, GoalSelectionStrategy.FUTURE);
        episode(b, 0, 4, false);
        episode(b, 1000, 3, false); // rows 4, 0, 1: the first episode lost its start
        assertEquals(3, b.size(), "only the second episode can be sampled");
        Transitions t = b.sample(100, new Rng(4));
        for (int k = 0; k < t.size(); k++) {
            assertTrue(row(t.states(), k)[2] >= 1000, "sampled a row of the overwritten episode: " + row(t.states(), k)[2]);
        }
    }

    @Test
    void episodesOfParallelCollectorsAreStoredWhole() throws InterruptedException {
        HerReplayBuffer b = buffer(1000, 4, GoalSelectionStrategy.EPISODE);
        AtomicInteger failures = new AtomicInteger();
        Thread[] threads = new Thread[2];
        for (int w = 0; w < 2; w++) {
            float base = 1000 * (w + 1);
            threads[w] = Thread.ofPlatform().start(() -> {
                try {
                    for (int e = 0; e < 20; e++) {
                        episode(b, base, 5, false);
                    }
                } catch (RuntimeException ex) {
                    failures.incrementAndGet();
                }
            });
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, failures.get());
        Transitions t = b.sample(400, new Rng(5));
        for (int k = 0; k < 320; k++) {
            float[] s = row(t.states(), k);
            float base = s[2] >= 2000 ? 2000 : 1000;
            float goal = s[1];
            assertTrue(goal > base && goal <= base + 50, "goal " + goal + " of another collector's episode for x=" + s[2]);
        }
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new HerReplayBuffer(10, 3, 1, 2, 1, 2, DISTANCE, 1f, 4, GoalSelectionStrategy.FUTURE));
        assertTrue(e.getMessage().contains("offsets 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoalSelectionStrategy.parse("past"));
        assertThrows(UnsupportedOperationException.class,
                () -> buffer(10, 4, GoalSelectionStrategy.FUTURE).add(new float[3], new float[1], 0f, new float[3], false));
    }

    private static float[] row(float[] a, int k) {
        return java.util.Arrays.copyOfRange(a, k * STATE, (k + 1) * STATE);
    }
}
