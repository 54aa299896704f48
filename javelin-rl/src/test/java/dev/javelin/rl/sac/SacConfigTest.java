package dev.javelin.rl.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SacConfigTest {
    @Test
    void defaultsAreSkrlsThenSb3s() {
        SacConfig c = Configs.defaults(SacConfig.class);
        assertEquals(1, c.gradientSteps());
        assertEquals(64, c.batchSize());
        assertEquals(0.99, c.discountFactor());
        assertEquals(0.005, c.polyak());
        assertEquals(1e-3, c.actorLearningRate());
        assertEquals(1e-3, c.criticLearningRate());
        assertEquals(0, c.randomTimesteps());
        assertEquals(0, c.learningStarts());
        assertEquals(0.0, c.gradNormClip());
        assertTrue(c.learnEntropy());
        assertEquals(1e-3, c.entropyLearningRate());
        assertEquals(0.2, c.initialEntropyValue());
        assertEquals(Optional.empty(), c.targetEntropy());
        assertEquals(-3.0, c.targetEntropyFor(3));
        assertEquals(1_000_000, c.bufferSize());
        assertEquals(List.of(256, 256), c.netArch());
        assertEquals(1, c.workers());
        assertEquals(false, c.normalizeReward());
        List<String> keys = Configs.keys(SacConfig.class);
        for (String k : List.of("gradient_steps", "batch_size", "discount_factor", "polyak", "actor_learning_rate",
                "critic_learning_rate", "learning_rate_scheduler", "learning_rate_scheduler_kwargs", "state_preprocessor",
                "state_preprocessor_kwargs", "random_timesteps", "learning_starts", "grad_norm_clip", "learn_entropy",
                "entropy_learning_rate", "initial_entropy_value", "target_entropy", "experiment", "train_freq",
                "buffer_size", "net_arch", "workers", "save_replay", "demonstrations", "demonstrations_ratio", "normalize_reward")) {
            assertTrue(keys.contains(k), k);
        }
    }

    @Test
    void presetsLoadAndBadValuesNameTheKey() throws Exception {
        List<Path> presets;
        try (var files = Files.list(Path.of("..", "presets", "sac"))) {
            presets = files.sorted().toList();
        }
        assertTrue(presets.size() >= 14, presets.toString());
        for (Path preset : presets) {
            SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
            assertTrue(c.timesteps() > 0, preset.toString());
        }
        SacConfig d = Configs.defaults(SacConfig.class);
        assertEquals(Optional.of(-0.5), Configs.override(d, List.of("target_entropy=-0.5")).targetEntropy());
        String m = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("polyak=1.5"))).getMessage();
        assertTrue(m.contains("polyak") && m.contains("1.5"), m);
        m = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("workers=0"))).getMessage();
        assertTrue(m.contains("workers"), m);
        m = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("num_envs=2"))).getMessage();
        assertTrue(m.contains("num_envs"), m);
    }
}
