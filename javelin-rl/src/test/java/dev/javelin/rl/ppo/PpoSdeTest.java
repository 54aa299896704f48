package dev.javelin.rl.ppo;

import dev.javelin.rl.run.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.export.OnnxParity;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO with generalized State-Dependent Exploration (use_sde), as SB3's PPO. */
class PpoSdeTest {
    @TempDir
    Path dir;

    private static PpoConfig config(String... sets) {
        List<String> all = new ArrayList<>(List.of("use_sde=true", "hidden_sizes=[8, 8]", "log_std_init=-1"));
        all.addAll(List.of(sets));
        return Configs.override(Configs.defaults(PpoConfig.class), all);
    }

    private static final Box ACTIONS = new Box(-1, 1, 2);

    /** Both envs see the same observation, so their actions differ only by their exploration matrices. */
    private static float[] act(PpoAgent agent) {
        return agent.act(new float[] {0.3f, -0.2f, 0.5f, 0.3f, -0.2f, 0.5f}, 2).actions();
    }

    @Test
    void theMatrixIsResampledEverySdeSampleFreqStepsAndAtEachRollout() {
        try (PpoAgent agent = new PpoAgent(config("sde_sample_freq=2"), 3, ACTIONS, new Rng(1), 1)) {
            assertThrows(IllegalStateException.class, () -> act(agent));
            agent.beginRollout(2);
            float[] a0 = act(agent);
            float[] a1 = act(agent);
            float[] a2 = act(agent);
            float[] a3 = act(agent);
            assertArrayEquals(a0, a1);
            assertFalse(Arrays.equals(a1, a2), "a new matrix after 2 steps");
            assertArrayEquals(a2, a3);
            assertFalse(a0[0] == a0[2] && a0[1] == a0[3], "one matrix per env");
            agent.beginRollout(2);
            assertFalse(Arrays.equals(a3, act(agent)), "a new matrix at the start of a rollout");
        }
        try (PpoAgent agent = new PpoAgent(config(), 3, ACTIONS, new Rng(1), 1)) {
            agent.beginRollout(2);
            float[] first = act(agent);
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(first, act(agent), "sde_sample_freq -1: one matrix for the whole rollout");
            }
        }
    }

    @Test
    void noiseIsLinearInTheLatentAndTheDeterministicActionIsTheMean() {
        try (PpoAgent agent = new PpoAgent(config(), 3, ACTIONS, new Rng(2), 1)) {
            float[] obs = {0.3f, -0.2f, 0.5f};
            float[] mean = agent.deterministic(obs, 1);
            agent.beginRollout(1);
            PpoAgent.Act noisy = agent.act(obs, 1);
            assertFalse(Arrays.equals(mean, noisy.actions()));
            // the log-prob of the sampled action is the one the update scores it with
            assertArrayEquals(noisy.logProb(), agent.evaluate(obs, noisy.actions(), 1).logProb(), 1e-6f);
            // noise = latent . W: a second observation's noise is not the first's
            float[] other = {-0.4f, 0.9f, 0.1f};
            float[] otherNoise = agent.act(other, 1).actions();
            float[] otherMean = agent.deterministic(other, 1);
            assertFalse(Math.abs((otherNoise[0] - otherMean[0]) - (noisy.actions()[0] - mean[0])) < 1e-6, "state-dependent");
            // the mean does not depend on the noise: the same after a resample
            agent.beginRollout(1);
            assertArrayEquals(mean, agent.deterministic(obs, 1));
        }
    }

    @Test
    void logStdIsLatentByActions() {
        try (PpoAgent agent = new PpoAgent(config(), 3, ACTIONS, new Rng(3), 1)) {
            Tensor logStd = agent.checkpoint().group("policy").get("log_std");
            assertArrayEquals(new int[] {8, 2}, logStd.shape());
            assertEquals(-1f, logStd.data()[0]);
        }
        try (PpoAgent reduced = new PpoAgent(config("full_std=false"), 3, ACTIONS, new Rng(3), 1)) {
            assertArrayEquals(new int[] {8, 1}, reduced.checkpoint().group("policy").get("log_std").shape());
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        for (String bad : List.of("sde_sample_freq=0", "sde_sample_freq=-2")) {
            ConfigException e = assertThrows(ConfigException.class, () -> config(bad));
            assertTrue(e.getMessage().contains("sde_sample_freq"), e.getMessage());
        }
        String m = assertThrows(ConfigException.class, () -> Configs.override(Configs.defaults(PpoConfig.class),
                List.of("sde_sample_freq=4"))).getMessage();
        assertTrue(m.contains("use_sde"), m);
        m = assertThrows(ConfigException.class, () -> config("log_std=state_dependent")).getMessage();
        assertTrue(m.contains("use_sde"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new PpoAgent(config(), 3, new Discrete(2), new Rng(1), 1))
                .getMessage();
        assertTrue(m.contains("use_sde") && m.contains("Discrete"), m);
    }

    @Test
    void logStdTravelsWithTheCheckpointAndTheExportedPolicyIsTheMean() throws Exception {
        PpoConfig c = Configs.override(config("sde_sample_freq=4", "seed=5", "timesteps=1024", "num_envs=2",
                "rollouts=64", "mini_batches=4", "learning_epochs=2", "eval_episodes=1", "normalize=true",
                "experiment.directory=" + dir, "experiment.experiment_name=sde"), List.of());
        var run = Training.run(new Ppo(), "Pendulum-v1", c, 1, java.util.Optional.empty(), t -> Progress.NONE).run();
        Checkpoint saved = Checkpoint.read(run.latestCheckpoint().orElseThrow());
        float[] learned = saved.group("policy").get("log_std").data();
        assertTrue(learned[0] != -1f, "log_std was learned");
        try (PpoAgent agent = new PpoAgent(c, 3, new Box(-2, 2, 1), new Rng(c.seed()), 1)) {
            agent.restorePolicy(saved);
            assertArrayEquals(learned, agent.checkpoint().group("policy").get("log_std").data(), "log_std restored");
            OnnxParity.check(run.path(), "Pendulum-v1", obs -> OnnxParity.envAction(new Box(-2, 2, 1),
                    agent.deterministic(obs, 1)), dir);
        }
    }
}
