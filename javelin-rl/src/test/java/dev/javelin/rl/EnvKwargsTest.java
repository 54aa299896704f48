package dev.javelin.rl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.sac.SacConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's {@code env_kwargs} section reaches the env it trains and evaluates on, under the env's own option names. */
class EnvKwargsTest {

    @Test
    void theSectionIsReadFromYamlAndKeptAsPlainValues() throws Exception {
        var yaml = new ObjectMapper().readTree("{\"env_kwargs\": {\"g\": 3.5, \"max_episode_steps\": 50}}");
        PpoConfig c = Configs.merge(new PpoConfig(), yaml, "test");
        assertEquals(Map.of("g", 3.5, "max_episode_steps", 50), c.envKwargs());
        assertEquals(Map.of(), new SacConfig().envKwargs());
    }

    @Test
    void evaluationBuildsTheEnvWithTheOptions() {
        // zero torque from the same start: without gravity the pendulum stays where it starts, with it, it swings
        double still = Evaluation.run("Pendulum-v1", Map.of("g", 0.0), 3, 1, Optional.empty(), obs -> new float[] {0}).mean();
        double swinging = Evaluation.run("Pendulum-v1", Map.of("g", 10.0), 3, 1, Optional.empty(), obs -> new float[] {0}).mean();
        assertNotEquals(still, swinging);
        double shortEpisode = Evaluation.run("Pendulum-v1", Map.of("g", 0.0, "max_episode_steps", 20), 3, 1, Optional.empty(),
                obs -> new float[] {0}).mean();
        // Pendulum's cost is >= 0 per step, so 20 steps cost less than 200 from the same start
        assertTrue(shortEpisode > still, shortEpisode + " vs " + still);
    }

    @Test
    void anOptionTheEnvDoesNotKnowIsRejectedWithTheAllowedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Evaluation.run("Pendulum-v1", Map.of("gravity", 1.0), 0, 1,
                Optional.empty(), obs -> new float[] {0}));
        assertTrue(e.getMessage().contains("unknown option 'gravity'") && e.getMessage().contains("g"), e.getMessage());
    }

    @Test
    void thePreRunCheckBuildsTheEnvWithTheOptionsSoABadOneStopsTheRunBeforeItsDirectory() throws Exception {
        var yaml = new ObjectMapper().readTree("{\"env_kwargs\": {\"gravity\": 1.0}}");
        PpoConfig ppo = Configs.merge(new PpoConfig(), yaml, "test");
        var e = assertThrows(IllegalArgumentException.class, () -> new dev.javelin.rl.ppo.Ppo().check("Pendulum-v1", ppo));
        assertTrue(e.getMessage().contains("unknown option 'gravity'"), e.getMessage());
        var amp = Configs.merge(new dev.javelin.rl.amp.AmpConfig(), yaml, "test");
        var a = assertThrows(IllegalArgumentException.class, () -> new dev.javelin.rl.amp.Amp().check("PendulumSpin-v0", amp));
        assertTrue(a.getMessage().contains("unknown option 'gravity'"), a.getMessage());
    }
}
