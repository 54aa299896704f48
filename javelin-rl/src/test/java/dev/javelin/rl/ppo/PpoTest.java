package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.run.Progress;
import dev.javelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoTest {
    @TempDir
    Path dir;

    @Test
    void theClippedSurrogateTakesThePessimisticTerm() {
        // r = e^0.5 = 1.6487 with A = +1 is clipped to 1.2; r = e^-0.5 = 0.6065 with A = -1 is clipped to 0.8 (-0.8 < -0.6065)
        Tensor logRatio = Tensor.of(new float[] {0.5f, -0.5f, 0.1f}, 3);
        Tensor advantages = Tensor.of(new float[] {1, -1, 2}, 3);
        float loss = PpoLoss.clippedSurrogate(logRatio, advantages, 0.2f).item();
        float expected = -(1.2f + -0.8f + 2 * (float) Math.exp(0.1)) / 3;
        assertEquals(expected, loss, 1e-6f);
        Tensor clipped = PpoLoss.clippedPrediction(Tensor.of(new float[] {3, -3, 1.1f}, 3), Tensor.of(new float[] {1, 1, 1}, 3), 0.2f);
        assertArrayEquals(new float[] {1.2f, 0.8f, 1.1f}, clipped.data(), 1e-6f);
    }

    private static PpoConfig config(Path dir, String... settings) {
        List<String> all = new java.util.ArrayList<>(List.of(settings));
        all.add("experiment.directory=" + dir);
        return Configs.override(Configs.defaults(PpoConfig.class), all);
    }


    @Test
    void checkpointsResumeAndEvaluateReproduceTheFinalEvaluation() throws Exception {
        PpoConfig c = config(dir, "seed=3", "timesteps=2048", "num_envs=4", "rollouts=64", "mini_batches=4",
                "learning_epochs=2", "normalize=true", "value_preprocessor=running_standard_scaler",
                "learning_rate_scheduler=linear", "experiment.experiment_name=run", "experiment.checkpoint_interval=1024",
                "experiment.write_interval=256");
        Ppo ppo = new Ppo();
        Training.Outcome first = Training.run(ppo, "CartPole-v1", c, 1, Optional.empty(), total -> Progress.NONE);
        Path checkpoints = first.run().checkpoints();
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertEquals(Set.of("agent_1024.safetensors", "agent_2048.safetensors"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
        Checkpoint saved = Checkpoint.read(checkpoints.resolve("agent_2048.safetensors"));
        assertEquals(Set.of("policy", "optimizer", "state_preprocessor", "value_preprocessor", "reward_normalizer"), saved.groups());
        assertEquals(2048, saved.longMetadata("timestep"));
        assertTrue(saved.group("policy").containsKey("actor.0.weight"), saved.group("policy").keySet().toString());

        EvalResult again = ppo.evaluate(new EvalContext<>("CartPole-v1", c, checkpoints.resolve("agent_2048.safetensors"),
                10, dev.javelin.rl.Evaluation.seedFor(c.seed()), Optional.empty()));
        assertEquals(first.summary().finalEvalReturnMean(), again.mean(), 1e-9, "evaluate() restores what train() evaluated");

        PpoConfig longer = Configs.override(c, List.of("timesteps=3072"));
        Training.Outcome resumed = Training.run(ppo, "CartPole-v1", longer, 1, Optional.of(first.run()), total -> Progress.NONE);
        assertEquals(3072, Checkpoint.read(resumed.run().latestCheckpoint().orElseThrow()).longMetadata("timestep"));
        var table = MetricsCsv.read(first.run().metricsFile());
        assertTrue(table.tags().containsAll(List.of("Loss / Policy loss", "Loss / Value loss", "Learning / Learning rate",
                "Reward / Total reward (mean)", "Episode / Total timesteps (mean)")), "skrl's tags: " + table.tags());
        long[] steps = table.series("Loss / Policy loss").steps();
        assertTrue(steps[steps.length - 1] > 2048, "the resumed run logged after step 2048");
        assertEquals(1024, resumed.summary().timesteps() - 2048, "resumed from step 2048");
    }

    @Test
    void gaussianPoliciesWithSharedOrStateDependentStdsTrainAndLogTheirStd() throws Exception {
        for (String[] variant : new String[][] {{"shared_model=true"}, {"log_std=state_dependent"},
                {"shared_model=true", "log_std=state_dependent", "clip_predicted_values=true", "entropy_loss_scale=0.01",
                        "kl_threshold=0.05", "learning_rate_scheduler=kl_adaptive", "time_limit_bootstrap=true",
                        "rewards_shaper=0.1", "random_timesteps=256"}}) {
            PpoConfig c = config(dir, Stream.concat(Stream.of("timesteps=1024", "num_envs=2", "rollouts=128",
                    "experiment.write_interval=256", "eval_episodes=1"), Stream.of(variant)).toArray(String[]::new));
            Training.Outcome o = Training.run(new Ppo(), "Pendulum-v1", c, 1, Optional.empty(), total -> Progress.NONE);
            var metrics = MetricsCsv.read(o.run().metricsFile());
            assertTrue(metrics.series("Policy / Standard deviation").size() > 0, List.of(variant).toString());
            assertTrue(o.summary().finalEvalReturnMean() < 0);
            assertEquals(variant.length > 2, metrics.tags().contains("Loss / Entropy loss"), "logged only with an entropy bonus");
            Checkpoint saved = Checkpoint.read(o.run().latestCheckpoint().orElseThrow());
            assertEquals(variant[0].equals("shared_model=true"), saved.group("policy").containsKey("trunk.0.weight"));
        }
    }

    @Test
    void theTwoThreadUpdateComputesTheSameStepAsOneThread() {
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), List.of("num_envs=4", "rollouts=32",
                "mini_batches=4", "learning_epochs=3", "entropy_loss_scale=0.01", "clip_predicted_values=true",
                "kl_threshold=1", "value_preprocessor=running_standard_scaler"));
        var space = new dev.javelin.env.Discrete(3);
        float[][] after = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (PpoAgent agent = new PpoAgent(c, 2, space, new dev.javelin.tensor.Rng(5), threads);
                 var logger = new dev.javelin.rl.logging.Logger(0, List.of())) {
                var memory = new dev.javelin.rl.memory.RolloutMemory(32, 4);
                for (String name : List.of("states", "actions", "rewards", "terminated", "truncated", "log_prob", "values",
                        "returns", "advantages")) {
                    memory.create(name, name.equals("states") ? 2 : 1);
                }
                for (int t = 0; t < 32; t++) {
                    float[] obs = {t * 0.1f, -0.5f, 0.3f, t * -0.05f, 1, 0, 0, 1};
                    PpoAgent.Act act = agent.act(obs, 4);
                    memory.put("states", obs);
                    memory.put("actions", act.actions());
                    memory.put("rewards", new float[] {act.actions()[0], 1, 0, -1});
                    memory.put("terminated", new boolean[] {t % 7 == 6, false, false, false});
                    memory.put("truncated", new boolean[4]);
                    memory.put("log_prob", act.logProb());
                    memory.put("values", act.values());
                    memory.advance();
                }
                agent.update(memory, new float[4], 0.5, logger);
                after[threads - 1] = flatten(agent.checkpoint().group("policy").values());
            }
        }
        assertArrayEquals(after[0], after[1], 1e-5f, "same parameters after the update");
    }

    private static float[] flatten(java.util.Collection<Tensor> tensors) {
        float[] out = new float[tensors.stream().mapToInt(Tensor::size).sum()];
        int k = 0;
        for (Tensor t : tensors) {
            System.arraycopy(t.data(), 0, out, k, t.size());
            k += t.size();
        }
        return out;
    }
}
