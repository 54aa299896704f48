package dev.javelin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.mujoco.MuJoCo;
import dev.javelin.rl.config.Presets;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two issue-14 training benchmarks on short runs of the committed presets: their JSON and their counts. */
class MujocoTrainingBenchTest {
    @BeforeEach
    void presetsAndMuJoCo() {
        // surefire runs in javelin-bench/, the presets are one folder up
        System.setProperty(Presets.HOME_PROPERTY, "..");
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(MuJoCo.available() && MuJoCo.get().hasAssets(), "MuJoCo not installed");
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty(Presets.HOME_PROPERTY);
        System.clearProperty("javelin.bench.ppo_mujoco.timesteps");
        System.clearProperty("javelin.bench.sac_mujoco.updates");
        System.clearProperty("javelin.bench.threads");
    }

    private static JsonNode json(Runnable setup, dev.javelin.cli.Benchmark bench) throws Exception {
        setup.run();
        StringWriter text = new StringWriter();
        bench.run(true, new PrintWriter(text, true));
        return new ObjectMapper().readTree(text.toString());
    }

    @Test
    void ppoHopperRunsTwoRolloutsOfThePreset() throws Exception {
        JsonNode j = json(() -> {
            System.setProperty("javelin.bench.ppo_mujoco.timesteps", "1024");
            System.setProperty("javelin.bench.threads", "1");
        }, new PpoMujocoBench());
        assertEquals("ppo-mujoco", j.get("benchmark").asText());
        assertEquals("Hopper-v5", j.get("env").asText());
        assertEquals(1024, j.get("timesteps").asLong());
        assertEquals(1, j.get("threads").asInt());
        double perSecond = j.get("env_steps_per_second").asDouble();
        assertTrue(perSecond > 0, "env steps/s " + perSecond);
        // printed rounded: steps/s to 1 decimal, seconds to the millisecond
        assertEquals(1024 / j.get("train_seconds").asDouble(), perSecond, perSecond * 1e-3 + 0.06);
        assertEquals(perSecond / 1021, j.get("env_steps_per_second_vs_sb3").asDouble(), 0.01);
        assertTrue(j.get("cpu_seconds").asDouble() > 0);
    }

    @Test
    void sacHalfCheetahTimesTheUpdatesAfterTheRandomSteps() throws Exception {
        JsonNode j = json(() -> System.setProperty("javelin.bench.sac_mujoco.updates", "20"), new SacMujocoBench());
        assertEquals("sac-mujoco", j.get("benchmark").asText());
        assertEquals("HalfCheetah-v5", j.get("env").asText());
        assertEquals(10_000, j.get("random_steps").asLong());
        assertEquals(20, j.get("updates").asLong());
        double perSecond = j.get("updates_per_second").asDouble();
        // both printed rounded: to 2 decimals, and seconds to the millisecond
        assertEquals(20 / j.get("seconds").asDouble(), perSecond, perSecond * 1e-2 + 0.01);
        assertTrue(j.get("training_thread_cpu_seconds").asDouble() > 0);
        assertTrue(j.get("cpu_seconds").asDouble() >= j.get("training_thread_cpu_seconds").asDouble() * 0.99);
    }
}
