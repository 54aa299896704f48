package dev.javelin.env.classic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays {@code gymnasium-resets/classic.json}, recorded from Gymnasium 1.3.0 by
 * {@code tools/record_classic_resets.py}: per id and seed, reset(seed), resets that continue the generator,
 * reset(seed) again, then recorded actions through terminations and time-limit truncations with a reset()
 * after each. Reset observations and float64 states must equal Gymnasium's bit for bit, and so must every
 * step's observation, reward, terminated and truncated, except for the two envs of {@link #NEP50_STEPS},
 * whose step observations and rewards are held to {@value #NEP50_TOLERANCE} relative.
 */
class ClassicResetsTest {
    private static JsonNode runs;
    /**
     * Under NumPy 2 (NEP 50) a float32 action times a Python float stays float32, so Gymnasium 1.3.0 on
     * NumPy 2 rounds Pendulum's torque terms and MountainCarContinuous's force and state arithmetic to
     * float32 where Gymnasium 0.29.1 on NumPy 1 (GymnasiumTransitionsTest's reference, which these envs
     * follow) computed in float64. Their steps agree to about 1.5e-7 over these episodes; their resets are exact.
     */
    private static final Set<String> NEP50_STEPS = Set.of("Pendulum-v1", "MountainCarContinuous-v0");
    private static final double NEP50_TOLERANCE = 1e-6;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = ClassicResetsTest.class.getResourceAsStream("/gymnasium-resets/classic.json")) {
            assertTrue(in != null, "gymnasium-resets/classic.json missing; run tools/record_classic_resets.py");
            JsonNode root = new ObjectMapper().readTree(in);
            assertEquals("1.3.0", root.get("gymnasium_version").asText());
            runs = root.get("runs");
        }
    }

    @Test
    void everyRecordedEpisodeIsGymnasiumsBitForBit() {
        Set<String> ids = new HashSet<>();
        double worstObs = 0, worstReward = 0;
        int resets = 0, unseededResets = 0, steps = 0, truncations = 0, terminations = 0;
        for (JsonNode run : runs) {
            String id = run.get("id").asText();
            ids.add(id);
            @SuppressWarnings("unchecked")
            Env<float[], Object> env = (Env<float[], Object>) Envs.make(id,
                    Map.of("max_episode_steps", run.get("max_episode_steps").asInt()));
            ClassicControlEnv<?> bare = (ClassicControlEnv<?>) env.unwrapped();
            boolean continuous = bare.actionSpace() instanceof Box;
            int k = 0;
            for (JsonNode event : run.get("events")) {
                String where = id + " seed " + run.get("seed").asLong() + " event " + k++;
                if (event.has("reset")) {
                    Reset<float[]> r = event.get("reset").isNull() ? env.reset() : env.reset(event.get("reset").asLong());
                    unseededResets += event.get("reset").isNull() ? 1 : 0;
                    resets++;
                    assertFloatBits(event.get("obs"), r.observation(), where + " reset observation");
                    double[] expectedState = doubles(event.get("state"));
                    double[] state = bare.state();
                    for (int i = 0; i < state.length; i++) {
                        if (Double.doubleToRawLongBits(expectedState[i]) != Double.doubleToRawLongBits(state[i])) {
                            fail(where + ": reset state " + Arrays.toString(state) + ", Gymnasium " + Arrays.toString(expectedState));
                        }
                    }
                } else {
                    JsonNode a = event.get("action");
                    Object action = continuous ? floats(a) : a.asInt();
                    Step<float[]> s = env.step(action);
                    steps++;
                    if (NEP50_STEPS.contains(id)) {
                        float[] e = floats(event.get("obs"));
                        for (int i = 0; i < e.length; i++) {
                            worstObs = Math.max(worstObs, Math.abs(e[i] - s.observation()[i]) / Math.max(1, Math.abs(e[i])));
                        }
                        double er = event.get("reward").asDouble();
                        worstReward = Math.max(worstReward, Math.abs(er - s.reward()) / Math.max(1, Math.abs(er)));
                        assertTrue(worstObs <= NEP50_TOLERANCE && worstReward <= NEP50_TOLERANCE, where + ": observation "
                                + Arrays.toString(s.observation()) + " reward " + s.reward() + ", Gymnasium "
                                + Arrays.toString(e) + " reward " + er + " (beyond " + NEP50_TOLERANCE + ")");
                    } else {
                        assertFloatBits(event.get("obs"), s.observation(), where + " step observation");
                        assertEquals(Double.doubleToRawLongBits(event.get("reward").asDouble()), Double.doubleToRawLongBits(s.reward()),
                                where + ": reward " + s.reward() + ", Gymnasium " + event.get("reward").asDouble());
                    }
                    assertEquals(event.get("terminated").asBoolean(), s.terminated(), where + ": terminated");
                    assertEquals(event.get("truncated").asBoolean(), s.truncated(), where + ": truncated");
                    terminations += s.terminated() ? 1 : 0;
                    truncations += s.truncated() ? 1 : 0;
                }
            }
        }
        assertEquals(Set.of("CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1"), ids);
        assertTrue(unseededResets >= 4 * runs.size(), "continuing resets replayed: " + unseededResets);
        assertTrue(terminations > 0 && truncations > 0, terminations + " terminations, " + truncations + " truncations");
        System.out.printf("Pendulum and MountainCarContinuous steps: worst relative difference %.3g (observation), %.3g (reward)%n",
                worstObs, worstReward);
        System.out.printf("%d runs: %d resets (%d unseeded), %d steps, %d terminations, %d truncations%n",
                runs.size(), resets, unseededResets, steps, terminations, truncations);
    }

    /**
     * The recorded actions came from Gymnasium's {@code action_space.seed(seed)} and {@code sample()}: Discrete
     * draws {@code np_random.integers(n)}, a bounded float32 Box {@code uniform(low=low, high=high)} cast to
     * float32. The same NumpyGenerator calls give the same actions.
     */
    @Test
    void recordedActionsAreGymnasiumSpaceSamplesOfTheSameGenerator() {
        int actions = 0;
        for (JsonNode run : runs) {
            ClassicControlEnv<?> env = (ClassicControlEnv<?>) Envs.make(run.get("id").asText()).unwrapped();
            NumpyGenerator npRandom = NumpyGenerator.defaultRng(run.get("seed").asLong());
            for (JsonNode event : run.get("events")) {
                if (!event.has("action")) {
                    continue;
                }
                String where = run.get("id").asText() + " seed " + run.get("seed").asLong() + " action " + actions++;
                if (env.actionSpace() instanceof Discrete d) {
                    assertEquals(event.get("action").asLong(), d.start() + npRandom.integers(d.n()), where);
                } else {
                    Box box = (Box) env.actionSpace();
                    double[] low = new double[box.size()], high = new double[box.size()];
                    for (int i = 0; i < low.length; i++) {
                        low[i] = box.low(i);
                        high[i] = box.high(i);
                    }
                    double[] sample = npRandom.uniform(low, high);
                    float[] expected = floats(event.get("action"));
                    for (int i = 0; i < sample.length; i++) {
                        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits((float) sample[i]), where);
                    }
                }
            }
        }
        assertTrue(actions >= 1500, "actions compared: " + actions);
    }

    @Test
    void reseedingRestartsTheStreamAndNegativeSeedsAreRejected() {
        CartPole env = new CartPole();
        float[] first = env.reset(7).observation();
        float[] continued = env.reset().observation();
        assertTrue(!Arrays.equals(first, continued), "reset() continues the generator");
        assertTrue(Arrays.equals(first, env.reset(7).observation()), "reset(seed) re-seeds it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.reset(-1));
        assertTrue(e.getMessage().contains("CartPole-v1") && e.getMessage().contains("-1"), e.getMessage());
        // Never seeded: entropy, so two fresh envs start apart.
        assertTrue(!Arrays.equals(new CartPole().reset().observation(), new CartPole().reset().observation()));
    }

    private static void assertFloatBits(JsonNode expected, float[] actual, String where) {
        float[] e = floats(expected);
        boolean same = e.length == actual.length;
        for (int i = 0; same && i < e.length; i++) {
            same = Float.floatToRawIntBits(e[i]) == Float.floatToRawIntBits(actual[i]);
        }
        if (!same) {
            fail(where + ": " + Arrays.toString(actual) + ", Gymnasium " + Arrays.toString(e));
        }
    }

    /** Recorded float32 values are written as their exact float64 value, so the cast back is exact. */
    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
