package dev.javelin.env;

import com.example.ThermostatEnv;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import dev.javelin.env.wrappers.EpisodeStatistics;
import dev.javelin.env.wrappers.PixelObservation;
import dev.javelin.env.wrappers.RecordEpisodeStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user-defined env of docs/environments.md works with the registry, wrappers and vector envs. */
class ExternalEnvTest {

    @BeforeAll
    static void register() {
        Envs.register("Thermostat-v0", 200, ThermostatEnv::new);
    }

    @Test
    void registeredEnvIsListedAndTimeLimited() {
        assertTrue(Envs.ids().contains("Thermostat-v0"));
        var d = Envs.describe().stream().filter(x -> x.id().equals("Thermostat-v0")).findFirst().orElseThrow();
        assertEquals("Discrete(3)", d.actionSpace().toString());
        Env<float[], Integer> env = Envs.cast(Envs.make("Thermostat-v0"));
        env.reset(0);
        Step<float[]> s;
        int t = 0;
        do {
            s = env.step(1);
            t++;
        } while (!s.done());
        assertTrue(s.truncated() && t == 200, "truncated by the registry's limit after " + t);
        assertEquals(1, s.info().get("heater"));
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(3));
        assertEquals("Thermostat: action 3 (Integer) is outside Discrete(3)", e.getMessage());
    }

    @Test
    void sameSeedSameEpisode() {
        Env<float[], Integer> a = new ThermostatEnv(), b = new ThermostatEnv();
        assertArrayEquals(a.reset(7).observation(), b.reset(7).observation());
        for (int t = 0; t < 20; t++) {
            assertArrayEquals(a.step(t % 3).observation(), b.step(t % 3).observation());
        }
    }

    @Test
    void aThermostatPolicyBeatsRandomInAVectorEnv() {
        double controlled = meanReturn(obs -> obs[0] < 21 ? 2 : 0);
        var rng = new SplittableRandom(1);
        double random = meanReturn(obs -> rng.nextInt(3));
        assertTrue(controlled > random + 200, "bang-bang " + controlled + " vs random " + random);
    }

    private static double meanReturn(java.util.function.ToIntFunction<float[]> policy) {
        List<Double> returns = new ArrayList<>();
        try (VectorEnv envs = Envs.makeVec(4, 2, i -> new RecordEpisodeStatistics<>(Envs.make("Thermostat-v0")))) {
            VectorStep s = envs.reset(3);
            int[] actions = new int[4];
            float[] row = new float[2];
            while (returns.size() < 8) {
                for (int i = 0; i < 4; i++) {
                    System.arraycopy(s.observations(), 2 * i, row, 0, 2);
                    actions[i] = policy.applyAsInt(row);
                }
                s = envs.step(actions);
                for (int i = 0; i < 4; i++) {
                    if (s.done(i)) {
                        returns.add(((EpisodeStatistics) s.finalInfo(i).get("episode")).r());
                    }
                }
            }
        }
        return returns.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void theDocsShowThisVeryClass() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/environments.md"));
        String code = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/java/com/example/ThermostatEnv.java"));
        assertTrue(doc.contains("```java\n" + code + "```"), "docs/environments.md must embed ThermostatEnv.java verbatim");
    }

    @Test
    void pixelObservationsOfAUserEnvScaleItsRender() {
        var pixels = new PixelObservation<>(new ThermostatEnv(), 16, 32, dev.javelin.env.render.Pixels.Layout.HWC);
        float[] o = pixels.reset(0).observation();
        assertEquals(16 * 32 * 3, o.length);
        assertTrue(pixels.observationSpace().contains(o));
        assertEquals(Map.of(), pixels.reset(1).info());
    }
}
