package dev.javelin.rl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
    @TempDir
    Path dir;

    private SampleConfig fromYaml(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return Configs.merge(Configs.defaults(SampleConfig.class), Configs.readYaml(file), file.toString());
    }

    @Test
    void defaultsComeFromTheNoArgumentConstructor() {
        SampleConfig c = Configs.defaults(SampleConfig.class);
        assertEquals(16, c.rollouts());
        assertEquals(Interval.AUTO, c.experiment().writeInterval());
        assertEquals(List.of("seed", "timesteps", "num_envs", "rollouts", "lambda", "learning_rate",
                "time_limit_bootstrap", "learning_rate_scheduler", "learning_rate_scheduler_kwargs", "hidden_sizes",
                "activation", "experiment", "env_kwargs"), Configs.keys(SampleConfig.class));
    }

    @Test
    void yamlOverlaysDefaultsWithSnakeCaseKeysAndNestedSections() throws Exception {
        SampleConfig c = fromYaml("""
                rollouts: 32
                lambda: 0.8
                learning_rate: 3.0e-4
                time_limit_bootstrap: true
                learning_rate_scheduler: KLAdaptiveLR
                learning_rate_scheduler_kwargs: {kl_threshold: 0.008, min_lr: 1.0e-6}
                hidden_sizes: [256, 256]
                activation: ReLU
                timesteps: 1e5
                experiment:
                  write_interval: 100
                  experiment_name: cartpole
                """);
        assertEquals(32, c.rollouts());
        assertEquals(0.8, c.gaeLambda());
        assertEquals(3e-4f, c.learningRate());
        assertTrue(c.timeLimitBootstrap());
        assertEquals(Optional.of("KLAdaptiveLR"), c.learningRateScheduler());
        assertEquals(Map.of("kl_threshold", 0.008, "min_lr", 1.0e-6), c.learningRateSchedulerKwargs());
        assertEquals(List.of(256, 256), c.hiddenSizes());
        assertEquals(SampleConfig.Activation.RELU, c.activation());
        assertEquals(100_000, c.timesteps());
        assertEquals(Interval.of(100), c.experiment().writeInterval());
        assertEquals("cartpole", c.experiment().experimentName());
        // untouched keys of a section keep their defaults
        assertEquals(Interval.AUTO, c.experiment().checkpointInterval());
        assertEquals(42, c.seed());
    }

    @Test
    void setOverridesTakeDottedKeysAndParseValuesAsYaml() {
        SampleConfig c = Configs.override(Configs.defaults(SampleConfig.class), List.of(
                "experiment.write_interval=250", "rollouts=8", "learning_rate=1e-3",
                "learning_rate_scheduler_kwargs.kl_threshold=0.01", "hidden_sizes=[32, 16]",
                "learning_rate_scheduler=null", "experiment.directory=out/runs"));
        assertEquals(Interval.of(250), c.experiment().writeInterval());
        assertEquals(8, c.rollouts());
        assertEquals(1e-3f, c.learningRate());
        assertEquals(Map.of("kl_threshold", 0.01), c.learningRateSchedulerKwargs());
        assertEquals(List.of(32, 16), c.hiddenSizes());
        assertEquals(Optional.empty(), c.learningRateScheduler());
        assertEquals("out/runs", c.experiment().directory());
    }

    @Test
    void unknownKeysAreRejectedNamingTheKeyAndTheAllowedOnes() {
        ConfigException top = assertThrows(ConfigException.class, () -> fromYaml("rollout: 8\n"));
        assertTrue(top.getMessage().contains("unknown config key 'rollout'"), top.getMessage());
        assertTrue(top.getMessage().contains("did you mean 'rollouts'"), top.getMessage());
        assertTrue(top.getMessage().contains("allowed keys: seed, timesteps, num_envs, rollouts"), top.getMessage());

        ConfigException nested = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("experiment.wandb=true")));
        assertTrue(nested.getMessage().contains("unknown config key 'experiment.wandb'"), nested.getMessage());
        assertTrue(nested.getMessage().contains("allowed keys of 'experiment': directory, experiment_name, "
                + "write_interval, checkpoint_interval, store_separately"), nested.getMessage());

        ConfigException notSection = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("rollouts.x=1")));
        assertTrue(notSection.getMessage().contains("'rollouts' is a value"), notSection.getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheKeyAndTheValue() {
        ConfigException type = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("rollouts=many")));
        assertEquals("config key 'rollouts': expected an integer, got 'many'", type.getMessage());

        ConfigException fraction = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("rollouts=2.5")));
        assertEquals("config key 'rollouts': expected an integer, got 2.5", fraction.getMessage());

        ConfigException range = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("lambda=1.5")));
        assertEquals("invalid config: lambda must be in [0, 1], got 1.5", range.getMessage());

        ConfigException nested = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("experiment.write_interval=often")));
        assertTrue(nested.getMessage().contains("'experiment.write_interval'"), nested.getMessage());
        assertTrue(nested.getMessage().contains("'often'"), nested.getMessage());

        ConfigException sectionRange = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("experiment.experiment_name=a/b")));
        assertTrue(sectionRange.getMessage().startsWith("invalid config section 'experiment': "), sectionRange.getMessage());

        ConfigException enumValue = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("activation=gelu")));
        assertEquals("config key 'activation': expected one of [tanh, relu], got 'gelu'", enumValue.getMessage());

        ConfigException list = assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("hidden_sizes=[64, x]")));
        assertEquals("config key 'hidden_sizes[1]': expected an integer, got 'x'", list.getMessage());

        assertThrows(ConfigException.class, () -> Configs.override(
                Configs.defaults(SampleConfig.class), List.of("rollouts")));
    }

    @Test
    void resolvedConfigRoundTripsThroughYaml() throws Exception {
        SampleConfig c = Configs.override(Configs.defaults(SampleConfig.class), List.of(
                "learning_rate_scheduler=KLAdaptiveLR", "learning_rate_scheduler_kwargs.kl_threshold=0.008",
                "experiment.checkpoint_interval=5000", "activation=relu", "lambda=0.9"));
        String yaml = Configs.toYaml(c);
        assertTrue(yaml.contains("lambda: 0.9"), yaml);
        assertTrue(yaml.contains("write_interval: auto"), yaml);
        assertTrue(yaml.contains("checkpoint_interval: 5000"), yaml);
        SampleConfig back = fromYaml(yaml);
        assertEquals(c, back);
    }

    @Test
    void badYamlFilesNameTheFile() throws Exception {
        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- a\n- b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.readYaml(list));
        assertTrue(e.getMessage().contains(list.toString()) && e.getMessage().contains("mapping"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> Configs.readYaml(dir.resolve("no.yaml")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        ObjectNode empty = Configs.readYaml(Files.writeString(dir.resolve("empty.yaml"), ""));
        assertEquals(0, empty.size());
    }
}
