package dev.javelin.rl.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.Algorithms;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SacTest {
    @TempDir
    Path dir;

    static final Progress QUIET = Progress.NONE;

    /** The Pendulum preset (zoo settings) with small nets, so a run fits in a test. */
    private SacConfig pendulum(String name, String... sets) {
        Path preset = Path.of("..", "presets", "sac", "Pendulum-v1.yaml");
        SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
        List<String> all = new ArrayList<>(List.of("experiment.directory=" + dir, "experiment.experiment_name=" + name,
                "experiment.write_interval=500", "eval_episodes=5"));
        all.addAll(List.of(sets));
        return Configs.override(c, all);
    }

    private static Map<String, Tensor> checkpoint(RunDirectory run) throws Exception {
        return SafeTensors.read(run.latestCheckpoint().orElseThrow());
    }

    private static long updates(RunDirectory run) {
        return Checkpoint.read(run.latestCheckpoint().orElseThrow()).longMetadata(SacAgent.UPDATES_KEY);
    }

    private static int replayRows(Path file) {
        return Checkpoint.read(file).group(Sac.REPLAY_GROUP).get("reward").dim(0);
    }

    @Test
    void isRegisteredAsSac() {
        assertEquals(Sac.class, Algorithms.find("sac").getClass());
    }

    @Test
    void learnsPendulumWithinTwentyThousandSteps() throws Exception {
        // the zoo's settings with 64x64 nets (256x256 is the benchmark's), and half the zoo's 20k steps
        SacConfig c = pendulum("learn", "net_arch=[64,64]", "timesteps=10000", "seed=1");
        Training.Outcome o = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), total -> QUIET);
        assertTrue(o.summary().finalEvalReturnMean() >= -200,
                "deterministic eval mean " + o.summary().finalEvalReturnMean() + " < -200 after 20k steps");
        // the checkpoint evaluates to what the run reported
        EvalResult again = new Sac().evaluate(new EvalContext<>("Pendulum-v1", c, o.run().latestCheckpoint().orElseThrow(),
                5, dev.javelin.rl.Evaluation.seedFor(c.seed()), Optional.empty()));
        assertEquals(o.summary().finalEvalReturnMean(), again.mean(), 1e-9);
    }

    @Test
    void oneWorkerIsDeterministic() throws Exception {
        List<Map<String, Tensor>> states = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            SacConfig c = pendulum(name, "net_arch=[32,32]", "timesteps=600", "batch_size=32", "seed=7");
            states.add(checkpoint(Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET).run()));
        }
        assertEquals(states.get(0).keySet(), states.get(1).keySet());
        states.get(0).forEach((n, t) -> assertArrayEquals(t.data(), states.get(1).get(n).data(), n));
        SacConfig other = pendulum("c", "net_arch=[32,32]", "timesteps=600", "batch_size=32", "seed=8");
        Map<String, Tensor> s3 = checkpoint(Training.run(new Sac(), "Pendulum-v1", other, 1, Optional.empty(), t -> QUIET).run());
        assertNotEquals(List.of(s3.get("policy.mu.weight").data()[0]), List.of(states.get(0).get("policy.mu.weight").data()[0]));
    }

    @Test
    void parallelWorkersTakeEveryDueUpdate() throws Exception {
        SacConfig c = pendulum("par", "net_arch=[32,32]", "timesteps=1500", "batch_size=32", "workers=3");
        Training.Outcome o = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET);
        assertEquals(Sac.updatesDue(c, 1500), updates(o.run()));
        assertEquals(1400, Sac.updatesDue(c, 1500));
        assertEquals(1500, o.summary().timesteps());
    }

    @Test
    void resumeContinuesWithTheSavedReplayBuffer() throws Exception {
        SacConfig c = pendulum("resume", "net_arch=[32,32]", "timesteps=400", "batch_size=32", "save_replay=true");
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET).run();
        Path replay = run.path().resolve("replay").resolve("agent_400.safetensors");
        assertEquals(400, replayRows(replay));
        SacConfig longer = Configs.override(c, List.of("timesteps=800"));
        Training.Outcome o = Training.run(new Sac(), "Pendulum-v1", longer, 1, Optional.of(run), t -> QUIET);
        assertEquals(400, o.summary().timesteps() - 400);
        assertEquals(800, replayRows(run.path().resolve("replay").resolve("agent_800.safetensors")));
        assertTrue(Files.notExists(replay), "older replay files are removed");
        assertEquals(Sac.updatesDue(c, 800), updates(run));
    }

    /** Issue 19: resumed from agent_500 with interval 200, the next checkpoint is 600, not 501. */
    @Test
    void aResumedRunCheckpointsAtTheIntervalsMultiplesOnly() throws Exception {
        SacConfig c = pendulum("intervals", "net_arch=[16,16]", "timesteps=500", "batch_size=16", "learning_starts=100",
                "experiment.checkpoint_interval=200");
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET).run();
        Training.run(new Sac(), "Pendulum-v1", Configs.override(c, List.of("timesteps=800")), 1, Optional.of(run),
                t -> QUIET);
        try (var files = Files.list(run.checkpoints())) {
            assertEquals(List.of("agent_200", "agent_400", "agent_500", "agent_600", "agent_800"), files
                    .map(p -> p.getFileName().toString().replace(".safetensors", ""))
                    .sorted(java.util.Comparator.comparingLong(n -> Long.parseLong(n.substring(6)))).toList());
        }
    }

    @Test
    void aRunResumedWithItsReplayContinuesAsTheUninterruptedRun() throws Exception {
        // Pendulum's episodes last 200 steps, so the checkpoint at step 400 falls between two episodes; the
        // reward normalization's statistics and the state scaler's float64 statistics travel with the checkpoint too
        List<String> sets = List.of("net_arch=[32,32]", "batch_size=32", "save_replay=true", "random_timesteps=100",
                "learning_starts=100", "experiment.checkpoint_interval=400", "seed=5", "normalize_reward=true",
                "state_preprocessor=running_standard_scaler");
        SacConfig whole = Configs.override(pendulum("whole", "timesteps=800"), sets);
        RunDirectory uninterrupted = Training.run(new Sac(), "Pendulum-v1", whole, 1, Optional.empty(), t -> QUIET).run();
        SacConfig half = Configs.override(pendulum("halves", "timesteps=400"), sets);
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", half, 1, Optional.empty(), t -> QUIET).run();
        Training.run(new Sac(), "Pendulum-v1", Configs.override(half, List.of("timesteps=800")), 1, Optional.of(run),
                t -> QUIET);
        Map<String, Tensor> expected = checkpoint(uninterrupted);
        Map<String, Tensor> resumed = checkpoint(run);
        assertEquals(expected.keySet(), resumed.keySet());
        expected.forEach((n, t) -> assertArrayEquals(t.data(), resumed.get(n).data(), n));
        assertEquals(Sac.updatesDue(whole, 800), updates(run));
        Checkpoint saved = Checkpoint.read(run.latestCheckpoint().orElseThrow());
        assertEquals(Checkpoint.read(uninterrupted.latestCheckpoint().orElseThrow()).metadata("reward_normalizer.var"),
                saved.metadata("reward_normalizer.var"));
        assertTrue(Double.parseDouble(saved.metadata("reward_normalizer.var")) > 1, "Pendulum's returns vary by more than 1");
        var scaler = Checkpoint.read(uninterrupted.latestCheckpoint().orElseThrow()).float64Group("state_preprocessor");
        assertEquals(scaler, saved.float64Group("state_preprocessor"));
        double mean = scaler.get("running_mean").data()[2];
        assertTrue(mean != (float) mean, "the statistics have bits float32 would drop: " + mean);
        Map<String, Tensor> replay = SafeTensors.read(run.path().resolve("replay").resolve("agent_800.safetensors"));
        SafeTensors.read(uninterrupted.path().resolve("replay").resolve("agent_800.safetensors"))
                .forEach((n, t) -> assertArrayEquals(t.data(), replay.get(n).data(), "replay " + n));
    }

    @Test
    void twoKernelThreadsGiveTheRunOfOne() throws Exception {
        List<Map<String, Tensor>> states = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            SacConfig c = pendulum("threads-" + threads, "net_arch=[32,32]", "timesteps=400", "batch_size=32", "seed=3");
            states.add(checkpoint(Training.run(new Sac(), "Pendulum-v1", c, threads, Optional.empty(), t -> QUIET).run()));
        }
        states.get(0).forEach((n, t) -> assertArrayEquals(t.data(), states.get(1).get(n).data(), n));
    }

    @Test
    void recordedDemonstrationsFeedANewRun() throws Exception {
        SacConfig c = pendulum("demo-src", "net_arch=[32,32]", "timesteps=300", "batch_size=32");
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET).run();
        Path demos = dir.resolve("demos.csv");
        int n = new Sac().recordDemonstrations(new EvalContext<>("Pendulum-v1", c, run.latestCheckpoint().orElseThrow(),
                1, 3, Optional.empty()), 250, demos);
        assertEquals(250, n);
        Transitions t = Demonstrations.read(demos);
        assertEquals(250, t.size());
        assertEquals(3, t.stateDim());
        for (float a : t.actions()) {
            assertTrue(a >= -1 && a <= 1, "actions are in the policy's range, got " + a);
        }
        SacConfig withDemos = pendulum("demo-use", "net_arch=[32,32]", "timesteps=300", "batch_size=32",
                "demonstrations=" + demos, "demonstrations_ratio=0.5");
        assertEquals(300, Training.run(new Sac(), "Pendulum-v1", withDemos, 1, Optional.empty(), x -> QUIET)
                .summary().timesteps());
        SacConfig wrongEnv = pendulum("demo-bad", "demonstrations=" + demos);
        String m = assertThrows(IllegalArgumentException.class, () -> Training.run(new Sac(), "MountainCarContinuous-v0",
                wrongEnv, 1, Optional.empty(), x -> QUIET)).getMessage();
        assertTrue(m.contains("state dim 3"), m);
    }

    @Test
    void theStatePreprocessorTrainsAndTravelsWithTheCheckpoint() throws Exception {
        SacConfig c = pendulum("scaler", "net_arch=[32,32]", "timesteps=300", "batch_size=32",
                "state_preprocessor=running_standard_scaler", "state_preprocessor_kwargs.clip_threshold=4");
        Training.Outcome o = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> QUIET);
        Checkpoint saved = Checkpoint.read(o.run().latestCheckpoint().orElseThrow());
        assertTrue(saved.float64Group("state_preprocessor").get("current_count").data()[0] > 1000, "statistics absorbed the batches");
        EvalResult again = new Sac().evaluate(new EvalContext<>("Pendulum-v1", c, o.run().latestCheckpoint().orElseThrow(),
                5, dev.javelin.rl.Evaluation.seedFor(c.seed()), Optional.empty()));
        assertEquals(o.summary().finalEvalReturnMean(), again.mean(), 1e-9);
        String m = assertThrows(ConfigException.class, () -> Configs.override(c, List.of("state_preprocessor_kwargs.eps=1")))
                .getMessage();
        assertTrue(m.contains("'eps'"), m);
    }

    @Test
    void discreteEnvsAreRejected() {
        SacConfig c = pendulum("cartpole");
        String m = assertThrows(IllegalArgumentException.class,
                () -> Training.run(new Sac(), "CartPole-v1", c, 1, Optional.empty(), x -> QUIET)).getMessage();
        assertTrue(m.contains("bounded Box action space"), m);
    }
}
