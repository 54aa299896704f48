package dev.javelin.rl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.SampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void defaultNamesGetASuffixWhileChosenNamesMustBeNew() {
        String name = RunDirectory.defaultName("ppo", "CartPole-v1", LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        assertEquals("ppo-CartPole-v1-20260102-030405", name);
        RunDirectory a = RunDirectory.create(dir, name, false);
        RunDirectory b = RunDirectory.create(dir, name, false);
        assertEquals(dir.resolve(name + "-2"), b.path());
        assertTrue(Files.isDirectory(a.checkpoints()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.create(dir, name, true));
        assertTrue(e.getMessage().contains("--resume " + a.path()), e.getMessage());
    }

    @Test
    void configYamlCarriesAlgoAndEnvAndReadsBackIntoTheRecord() {
        RunDirectory run = RunDirectory.create(dir, "r", true);
        SampleConfig config = Configs.override(Configs.defaults(SampleConfig.class), List.of("rollouts=4"));
        run.writeConfig("ppo", "CartPole-v1", config);
        ConfigFile file = RunDirectory.open(run.path()).readConfig();
        assertEquals(Optional.of("ppo"), file.algo());
        assertEquals(Optional.of("CartPole-v1"), file.env());
        assertEquals(config, Configs.merge(Configs.defaults(SampleConfig.class), file.settings(), "config.yaml"));
    }

    @Test
    void summaryJsonHasTheDocumentedFields() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "r", true);
        Summary s = new Summary("ppo", "CartPole-v1", 1, 100_000, 8, 2, 3.5, 28571.4, 500.0, 0.0, 10,
                List.of(new Segment(0, 60_000, 2.0), new Segment(50_000, 100_000, 1.5)));
        run.writeSummary(s);
        var json = new ObjectMapper().readTree(run.summaryFile().toFile());
        for (String key : List.of("algo", "env", "seed", "timesteps", "wall_seconds", "env_steps_per_second",
                "final_eval_return_mean", "final_eval_return_std", "eval_episodes", "segments")) {
            assertTrue(json.has(key), key + " missing in " + json);
        }
        assertEquals(28571.4, json.get("env_steps_per_second").doubleValue());
        assertEquals(s, run.readSummary());
    }

    @Test
    void checkpointsResolveToTheirRunAndTheLatestIsFound() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "r", true);
        run.writeConfig("ppo", "CartPole-v1", Configs.defaults(SampleConfig.class));
        assertEquals(Optional.empty(), run.latestCheckpoint());
        Path old = Files.write(run.checkpoints().resolve("agent_1000.safetensors"), new byte[1]);
        Path recent = Files.write(run.checkpoints().resolve("agent_500.safetensors"), new byte[1]);
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(2_000_000));
        assertEquals(Optional.of(recent), run.latestCheckpoint());
        assertEquals(run.path().toAbsolutePath(), RunDirectory.of(old).path().toAbsolutePath());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.of(dir.resolve("missing")));
        assertEquals("run directory " + dir.resolve("missing") + " does not exist", e.getMessage());
        Path stray = Files.writeString(dir.resolve("x.safetensors"), "");
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.of(stray));
    }
}
