package dev.javelin.env.vector;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.wrappers.EpisodeStatistics;
import dev.javelin.env.wrappers.RecordEpisodeStatistics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorEnvTest {
    private static final int N = 5;

    /** The vector env must behave exactly as N single envs stepped by hand with Gymnasium's auto-reset. */
    @Test
    void matchesSingleEnvsWithSameStepAutoReset() {
        Env<float[], Integer>[] singles = singles("CartPole-v1", Map.of("max_episode_steps", 30));
        try (VectorEnv envs = Envs.makeVec("CartPole-v1", N, 1, Map.of("max_episode_steps", 30))) {
            VectorStep s = envs.reset(100);
            for (int i = 0; i < N; i++) {
                assertArrayEquals(singles[i].reset(100 + i).observation(), row(s.observations(), i, 4));
            }
            var rng = new SplittableRandom(5);
            int[] actions = new int[N];
            int terminations = 0, truncations = 0;
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < N; i++) {
                    actions[i] = rng.nextInt(2);
                }
                VectorStep next = envs.step(actions);
                assertSame(s, next, "one reusable result");
                for (int i = 0; i < N; i++) {
                    Step<float[]> expected = singles[i].step(actions[i]);
                    assertEquals((float) expected.reward(), s.rewards()[i]);
                    assertEquals(expected.terminated(), s.terminated()[i]);
                    assertEquals(expected.truncated(), s.truncated()[i]);
                    if (expected.done()) {
                        assertArrayEquals(expected.observation(), row(s.finalObservations(), i, 4), "final observation");
                        assertArrayEquals(singles[i].reset().observation(), row(s.observations(), i, 4), "auto-reset observation");
                        terminations += expected.terminated() ? 1 : 0;
                        truncations += expected.truncated() ? 1 : 0;
                    } else {
                        assertArrayEquals(expected.observation(), row(s.observations(), i, 4));
                        assertEquals(Map.of(), s.finalInfo(i));
                    }
                }
            }
            assertTrue(terminations > 0 && truncations > 0, terminations + " terminations, " + truncations + " truncations");
        }
    }

    @Test
    void threadedGivesTheSameBuffersAsSequential() {
        try (VectorEnv sync = Envs.makeVec("Acrobot-v1", 7, 1, Map.of("max_episode_steps", 40));
             VectorEnv threaded = Envs.makeVec("Acrobot-v1", 7, 3, Map.of("max_episode_steps", 40))) {
            assertInstanceOf(ThreadedVectorEnv.class, threaded);
            assertArrayEquals(sync.reset(3).observations(), threaded.reset(3).observations());
            var rng = new SplittableRandom(11);
            int[] actions = new int[7];
            for (int t = 0; t < 120; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = rng.nextInt(3);
                }
                VectorStep a = sync.step(actions), b = threaded.step(actions);
                assertArrayEquals(a.observations(), b.observations(), "step " + t);
                assertArrayEquals(a.rewards(), b.rewards());
                assertArrayEquals(a.truncated(), b.truncated());
                assertArrayEquals(a.terminated(), b.terminated());
                for (int i = 0; i < 7; i++) {
                    if (a.done(i)) {
                        assertArrayEquals(row(a.finalObservations(), i, 6), row(b.finalObservations(), i, 6));
                    }
                }
            }
        }
    }

    @Test
    void continuousActionsAndEpisodeStatisticsInFinalInfo() {
        try (VectorEnv envs = Envs.makeVec(3, 2, i -> new RecordEpisodeStatistics<>(Envs.make("Pendulum-v1")))) {
            assertEquals(1, envs.actionSize());
            assertEquals(3, envs.observationSize());
            VectorStep s = envs.reset(0);
            float[] actions = {-2f, 0f, 2f};
            double[] returns = new double[3];
            for (int t = 0; t < 200; t++) {
                s = envs.step(actions);
                for (int i = 0; i < 3; i++) {
                    returns[i] += s.rewards()[i];
                }
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(s.truncated()[i] && !s.terminated()[i], "Pendulum truncates at 200");
                var stats = assertInstanceOf(EpisodeStatistics.class, s.finalInfo(i).get("episode"));
                assertEquals(200, stats.l());
                assertEquals(returns[i], stats.r(), 1e-3 * Math.abs(returns[i]));
            }
        }
    }

    @Test
    void wrongActionsAreRejectedWithReasons() {
        try (VectorEnv envs = Envs.makeVec("CartPole-v1", 2, 1, Map.of())) {
            assertThrows(IllegalStateException.class, () -> envs.step(new int[2]));
            envs.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> envs.step(new int[3]));
            assertEquals("VectorEnv: 3 action values, expected num_envs * action_size = 2 * 1 = 2", e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> envs.step(new float[2]));
            assertTrue(e2.getMessage().contains("step(int[])"), e2.getMessage());
            var e3 = assertThrows(IllegalArgumentException.class, () -> envs.step(new int[] {0, 5}));
            assertEquals("CartPole-v1: action 5 (Integer) is outside Discrete(2)", e3.getMessage());
        }
        try (VectorEnv threaded = Envs.makeVec("CartPole-v1", 4, 2, Map.of())) {
            threaded.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> threaded.step(new int[] {0, 0, 0, 7}));
            assertTrue(e.getMessage().contains("action 7"), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Env<float[], Integer>[] singles(String id, Map<String, ?> options) {
        Env<float[], Integer>[] envs = new Env[N];
        for (int i = 0; i < N; i++) {
            envs[i] = Envs.cast(Envs.make(id, options));
        }
        return envs;
    }

    private static float[] row(float[] buffer, int i, int size) {
        return Arrays.copyOfRange(buffer, i * size, (i + 1) * size);
    }
}
