package dev.javelin.rl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.SampleConfig;
import dev.javelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
    void checkpointsResolveToTheirRun() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "r", true);
        run.writeConfig("ppo", "CartPole-v1", Configs.defaults(SampleConfig.class));
        assertEquals(Optional.empty(), run.latestCheckpoint());
        Path file = Files.write(run.checkpoints().resolve("agent_1000.safetensors"), new byte[1]);
        assertEquals(run.path().toAbsolutePath(), RunDirectory.of(file).path().toAbsolutePath());
        assertTrue(RunDirectory.isCheckpointOfRun(file));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.of(dir.resolve("missing")));
        assertEquals("run directory " + dir.resolve("missing") + " does not exist", e.getMessage());
        Path stray = Files.writeString(dir.resolve("x.safetensors"), "");
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.of(stray));
        assertFalse(RunDirectory.isCheckpointOfRun(stray));
    }

    /** A run copied with fresh file times (issue 20): the newest checkpoint is the highest step, whatever the times. */
    @Test
    void theLatestCheckpointIsTheHighestStepNotTheNewestFile() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "copied", true);
        Path older = checkpoint(run, "agent_120000.safetensors", 120_000);
        Path newer = checkpoint(run, "agent_90000.safetensors", 90_000);
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
        assertEquals(Optional.of(older), run.latestCheckpoint());

        // the metadata's step wins over a misleading name
        Path renamed = checkpoint(run, "agent_999999.safetensors", 50);
        assertEquals(OptionalLong.of(50), RunDirectory.checkpointStep(renamed));
        assertEquals(Optional.of(older), run.latestCheckpoint());

        // a header that cannot be read is ordered by its name
        Path damaged = Files.write(run.checkpoints().resolve("agent_130000.safetensors"), new byte[] {1, 2, 3});
        assertEquals(Optional.of(damaged), run.latestCheckpoint());
    }

    private static Path checkpoint(RunDirectory run, String name, long step) {
        Path file = run.checkpoints().resolve(name);
        new Checkpoint().put("policy", Map.of("w", Tensor.of(new float[] {1, 2}, 2))).meta(RunDirectory.STEP_KEY, step)
                .write(file);
        return file;
    }
}
