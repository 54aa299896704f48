package dev.javelin.mujoco.tasks;

import dev.javelin.env.Envs;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import dev.javelin.mujoco.MuJoCoAssumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MuJoCo envs on worker threads: one MjData each on a shared model, results independent of the thread count. */
class MujocoVectorEnvTest {

    @BeforeEach
    void mujoco() {
        MuJoCoAssumptions.assumeMuJoCo();
    }

    /** Every observation, reward and done flag of {@code steps} vector steps, concatenated. */
    private static double[] rollout(String id, int envs, int threads, int steps) {
        try (VectorEnv v = Envs.makeVec(id, envs, threads, Map.of("max_episode_steps", 30))) {
            int actDim = ((dev.javelin.env.Box) v.singleActionSpace()).size();
            var rng = new SplittableRandom(5);
            float[] actions = new float[envs * actDim];
            double[] trace = new double[0];
            trace = append(trace, v.reset(11).observations());
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = (float) rng.nextDouble(-1, 1);
                }
                VectorStep s = v.step(actions);
                trace = append(trace, s.observations());
                for (int i = 0; i < envs; i++) {
                    trace = Arrays.copyOf(trace, trace.length + 2);
                    trace[trace.length - 2] = s.rewards()[i];
                    trace[trace.length - 1] = s.terminated()[i] || s.truncated()[i] ? 1 : 0;
                }
            }
            return trace;
        }
    }

    private static double[] append(double[] trace, float[] values) {
        double[] out = Arrays.copyOf(trace, trace.length + values.length);
        for (int i = 0; i < values.length; i++) {
            out[trace.length + i] = values[i];
        }
        return out;
    }

    @Test
    void hopperOnOneOrTwoThreadsGivesTheSameRunThroughResets() {
        double[] one = rollout("Hopper-v5", 4, 1, 80);
        double[] two = rollout("Hopper-v5", 4, 2, 80);
        assertArrayEquals(one, two);
        // the episodes did end and restart within the run (terminations or the 30-step limit)
        long dones = 0;
        int perStep = 4 * 11 + 4 * 2;
        for (int t = 0; t < 80; t++) {
            for (int i = 0; i < 4; i++) {
                dones += (long) one[4 * 11 + t * perStep + 4 * 11 + 2 * i + 1];
            }
        }
        assertTrue(dones >= 8, "episode ends in the run: " + dones);
    }

    @Test
    void envsOfAVectorDrawDifferentInitialStates() {
        try (VectorEnv v = Envs.makeVec("HalfCheetah-v5", 3, 2, Map.of())) {
            float[] obs = v.reset(0).observations();
            int dim = obs.length / 3;
            assertTrue(!Arrays.equals(Arrays.copyOfRange(obs, 0, dim), Arrays.copyOfRange(obs, dim, 2 * dim)),
                    "seeded vector envs get seed, seed + 1, ...");
        }
    }
}
