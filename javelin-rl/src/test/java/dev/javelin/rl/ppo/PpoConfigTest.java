package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Interval;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.run.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PpoConfigTest {
    @Test
    void defaultsAreSkrlsPpoDefaultConfig() {
        PpoConfig c = Configs.defaults(PpoConfig.class);
        assertEquals(16, c.rollouts());
        assertEquals(8, c.learningEpochs());
        assertEquals(2, c.miniBatches());
        assertEquals(0.99, c.discountFactor());
        assertEquals(0.95, c.gaeLambda());
        assertEquals(1e-3, c.learningRate());
        assertEquals(Optional.empty(), c.learningRateScheduler());
        assertEquals(Optional.empty(), c.statePreprocessor());
        assertEquals(Optional.empty(), c.valuePreprocessor());
        assertEquals(0, c.randomTimesteps());
        assertEquals(0, c.learningStarts());
        assertEquals(0.5, c.gradNormClip());
        assertEquals(0.2, c.ratioClip());
        assertEquals(0.2, c.valueClip());
        assertFalse(c.clipPredictedValues());
        assertEquals(0.0, c.entropyLossScale());
        assertEquals(1.0, c.valueLossScale());
        assertEquals(0.0, c.klThreshold());
        assertEquals(Optional.empty(), c.rewardsShaper());
        assertFalse(c.timeLimitBootstrap());
        assertEquals(Interval.AUTO, c.experiment().writeInterval());
        assertEquals(Interval.AUTO, c.experiment().checkpointInterval());
        List<String> keys = Configs.keys(PpoConfig.class);
        for (String skrl : List.of("rollouts", "learning_epochs", "mini_batches", "discount_factor", "lambda", "learning_rate",
                "learning_rate_scheduler", "learning_rate_scheduler_kwargs", "state_preprocessor", "state_preprocessor_kwargs",
                "value_preprocessor", "value_preprocessor_kwargs", "random_timesteps", "learning_starts", "grad_norm_clip",
                "ratio_clip", "value_clip", "clip_predicted_values", "entropy_loss_scale", "value_loss_scale", "kl_threshold",
                "rewards_shaper", "time_limit_bootstrap", "experiment")) {
            assertTrue(keys.contains(skrl), "missing skrl key " + skrl);
        }
    }

    @Test
    void schedulersPreprocessorsAndKwargsParse() {
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), List.of("learning_rate_scheduler=kl_adaptive",
                "learning_rate_scheduler_kwargs.kl_threshold=1e-2", "state_preprocessor=running_standard_scaler",
                "state_preprocessor_kwargs.clip_threshold=10", "activation=relu", "hidden_sizes=[32]", "log_std=state_dependent"));
        assertEquals(Optional.of(PpoConfig.LearningRateScheduler.KL_ADAPTIVE), c.learningRateScheduler());
        assertEquals(Map.of("kl_threshold", 0.01), c.learningRateSchedulerKwargs(), "YAML 1.1's string 1e-2 read as a number");
        assertEquals(Map.of("clip_threshold", 10.0), c.statePreprocessorKwargs());
        assertEquals(Configs.merge(Configs.defaults(PpoConfig.class), Configs.toTree(c), "round trip"), c);
    }

    @Test
    void badValuesNameTheKey() {
        PpoConfig d = Configs.defaults(PpoConfig.class);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("mini_batches=0")));
        assertTrue(e.getMessage().contains("mini_batches must be >= 1, got 0"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("learning_rate_scheduler=cosine")));
        assertTrue(e.getMessage().contains("learning_rate_scheduler") && e.getMessage().contains("kl_adaptive"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("learning_rate_scheduler=kl_adaptive",
                "learning_rate_scheduler_kwargs.kl_treshold=0.01")));
        assertTrue(e.getMessage().contains("learning_rate_scheduler_kwargs.kl_treshold"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("mini_batches=64")));
        assertTrue(e.getMessage().contains("rollouts * num_envs (16)"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("lambda=1.5")));
        assertTrue(e.getMessage().contains("lambda must be in [0, 1]"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("n_steps=32")));
        assertTrue(e.getMessage().contains("unknown config key 'n_steps'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of("normalize=true", "rollouts=1", "mini_batches=1")));
        assertTrue(e.getMessage().contains("mini-batches of >= 2 samples"), e.getMessage());
    }

    @Test
    void everyShippedPresetIsAValidConfig() throws Exception {
        Path home = Path.of(System.getProperty("user.dir")).getParent();
        for (String env : List.of("CartPole-v1", "Acrobot-v1", "Pendulum-v1", "MountainCarContinuous-v0")) {
            Path preset = Presets.find(home, "ppo", env).orElseThrow(() -> new AssertionError("no preset for " + env));
            PpoConfig c = Configs.merge(Configs.defaults(PpoConfig.class), ConfigFile.read(preset).settings(), preset.toString());
            assertTrue(c.timesteps() > 0 && Files.size(preset) > 0);
        }
    }
}
