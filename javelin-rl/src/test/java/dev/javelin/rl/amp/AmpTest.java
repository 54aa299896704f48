package dev.javelin.rl.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.Algorithms;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.MetricsTable;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmpTest {
    @TempDir
    Path dir;

    static final Progress QUIET = Progress.NONE;

    private AmpConfig small(String name, String... extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("timesteps=1024", "num_envs=4", "rollouts=16",
                "hidden_sizes=[16]", "discriminator_hidden_sizes=[16]", "amp_batch_size=64", "motion_dataset_size=256",
                "replay_buffer_size=512", "eval_episodes=2", "experiment.write_interval=128",
                "experiment.checkpoint_interval=512", "experiment.directory=" + dir, "experiment.experiment_name=" + name));
        sets.addAll(List.of(extra));
        return Configs.override(Configs.defaults(AmpConfig.class), sets);
    }

    @Test
    void isFoundAsAlgorithmAmp() {
        assertEquals(Amp.class, Algorithms.find("amp").getClass());
    }

    @Test
    void aRunLogsTheDiscriminatorAndCheckpointsEveryModule() throws Exception {
        Training.Outcome out = Training.run(new Amp(), "PendulumSpin-v0", small("run"), 1, Optional.empty(), t -> QUIET);
        RunDirectory run = out.run();
        MetricsTable metrics = MetricsCsv.read(run.metricsFile());
        for (String tag : List.of("Loss / Discriminator loss", "Reward / Style reward (mean)",
                "Discriminator / Accuracy on agent samples", "Discriminator / Accuracy on reference samples",
                "Loss / Policy loss", "Loss / Value loss", "Reward / Total reward (mean)")) {
            assertTrue(metrics.tags().contains(tag), tag + " missing from " + metrics.tags());
        }
        double accuracy = metrics.series("Discriminator / Accuracy on reference samples").values()[0];
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(Files.exists(run.checkpoints().resolve("agent_512.safetensors")));
        Checkpoint c = Checkpoint.read(run.checkpoints().resolve("agent_1024.safetensors"));
        assertTrue(c.groups().containsAll(Set.of("policy", "value", "discriminator", "optimizer")), c.groups().toString());
        assertEquals(1024, c.longMetadata("timestep"));
        assertEquals(2, out.summary().evalEpisodes());

        EvalResult eval = new Amp().evaluate(new EvalContext<>("PendulumSpin-v0", small("run"),
                run.checkpoints().resolve("agent_1024.safetensors"), 2, 1_000_042, Optional.empty()));
        assertEquals(out.summary().finalEvalReturnMean(), eval.mean(), 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameWeights() throws Exception {
        Training.Outcome a = Training.run(new Amp(), "PendulumSpin-v0", small("a"), 1, Optional.empty(), t -> QUIET);
        Training.Outcome b = Training.run(new Amp(), "PendulumSpin-v0", small("b"), 1, Optional.empty(), t -> QUIET);
        Checkpoint ca = Checkpoint.read(a.run().latestCheckpoint().orElseThrow());
        Checkpoint cb = Checkpoint.read(b.run().latestCheckpoint().orElseThrow());
        for (String group : List.of("policy", "discriminator")) {
            ca.group(group).forEach((name, t) -> assertArrayEquals(t.data(), cb.group(group).get(name).data(), group + "." + name));
        }
    }

    @Test
    void resumeContinuesFromTheLatestCheckpoint() throws Exception {
        Training.Outcome first = Training.run(new Amp(), "PendulumSpin-v0", small("resume"), 1, Optional.empty(), t -> QUIET);
        AmpConfig longer = Configs.override(small("resume"), List.of("timesteps=1536"));
        Training.Outcome second = Training.run(new Amp(), "PendulumSpin-v0", longer, 1, Optional.of(first.run()), t -> QUIET);
        assertEquals(1536, Checkpoint.read(second.run().latestCheckpoint().orElseThrow()).longMetadata("timestep"));
        assertTrue(second.summary().envStepsPerSecond() > 0);
    }

    @Test
    void envsWithoutReferenceMotionsAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Training.run(new Amp(), "Pendulum-v1", small("pendulum"), 1, Optional.empty(), t -> QUIET));
        assertTrue(e.getMessage().contains("AmpEnv") && e.getMessage().contains("Pendulum-v1"), e.getMessage());
    }
}
