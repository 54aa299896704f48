package dev.javelin.rl.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Envs;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.rl.Training;
import dev.javelin.rl.export.OnnxParity;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC with generalized State-Dependent Exploration (use_sde), as SB3's SAC. */
class SacSdeTest {
    @TempDir
    Path dir;

    private SacConfig pendulum(String name, String... sets) {
        Path preset = Path.of("..", "presets", "sac", "Pendulum-v1.yaml");
        SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
        List<String> all = new ArrayList<>(List.of("experiment.directory=" + dir, "experiment.experiment_name=" + name,
                "experiment.write_interval=500", "eval_episodes=5", "use_sde=true", "net_arch=[32,32]", "batch_size=32"));
        all.addAll(List.of(sets));
        return Configs.override(c, all);
    }

    @Test
    void aNewMatrixAtEachCollectionAndEverySdeSampleFreqSteps() {
        // train_freq 32 and sde_sample_freq -1: steps 1-32 act with step 1's matrix, 33-64 with step 33's
        assertEquals(1, Collector.resampleStep(1, 32, -1));
        assertEquals(1, Collector.resampleStep(32, 32, -1));
        assertEquals(33, Collector.resampleStep(33, 32, -1));
        // sde_sample_freq 4 counts from the collection's start, as SB3's num_collected_steps
        assertEquals(1, Collector.resampleStep(4, 32, 4));
        assertEquals(5, Collector.resampleStep(5, 32, 4));
        assertEquals(29, Collector.resampleStep(32, 32, 4));
        assertEquals(33, Collector.resampleStep(35, 32, 4));
        // a frequency that does not divide train_freq restarts at the next collection
        assertEquals(7, Collector.resampleStep(9, 10, 3));
        assertEquals(11, Collector.resampleStep(11, 10, 3));
    }

    @Test
    void theNoiseIsTheMatrixsAndTheDeterministicActionIsTheClippedMean() {
        SacConfig c = pendulum("unit", "log_std_init=-1");
        try (SacAgent agent = new SacAgent(c, 3, 1, 1, new Rng(4))) {
            Policy p = agent.policy();
            assertTrue(p.usesSde());
            float[] s = {0.4f, -0.3f, 1.2f};
            Tensor w = p.exploration(new Rng(1));
            assertArrayEquals(new int[] {1, 32, 1}, w.shape());
            float[] a = p.sample(s, w);
            assertArrayEquals(a, p.sample(s, w), "the same matrix gives the same action");
            assertFalse(Arrays.equals(a, p.sample(s, p.exploration(new Rng(2)))), "a new matrix, a new action");
            float[] mean = p.deterministic(s);
            assertFalse(Arrays.equals(a, mean));
            // log_std is a [latent, actions] parameter in the checkpoint, at log_std_init
            Tensor logStd = agent.checkpoint().group("policy").get("log_std");
            assertArrayEquals(new int[] {32, 1}, logStd.shape());
            assertEquals(-1f, logStd.data()[5]);
            // a mean far out is clipped to 2 before the tanh (SB3's Hardtanh)
            float[] far = p.deterministic(new float[] {1e4f, -1e4f, 1e4f});
            assertTrue(Math.abs(far[0]) <= (float) Math.tanh(2) + 1e-7, "clip_mean bounds the mean: " + far[0]);
        }
    }

    @Test
    void oneUpdateMovesLogStdThroughTheNoise() throws Exception {
        SacConfig c = pendulum("update", "timesteps=200", "learning_starts=100", "random_timesteps=100");
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> SacTest.QUIET).run();
        float[] logStd = SafeTensors.read(run.latestCheckpoint().orElseThrow()).get("policy.log_std").data();
        float init = (float) c.logStdInit();
        assertTrue(logStd[0] != init && logStd[1] != init, "log_std learned: " + logStd[0]);
    }

    @Test
    void aRunResumedInsideACollectionContinuesAsTheUninterruptedRun() throws Exception {
        // train_freq 7: the checkpoint after step 400 falls inside the collection 400-406, whose matrix the resumed
        // run draws again from step 400's generator and the unchanged policy; Pendulum's episode ends at 400 too
        for (String freq : List.of("-1", "3")) {
            List<String> sets = List.of("save_replay=true", "random_timesteps=100", "learning_starts=100", "train_freq=7",
                    "gradient_steps=7", "experiment.checkpoint_interval=400", "seed=5", "sde_sample_freq=" + freq);
            SacConfig whole = Configs.override(pendulum("whole" + freq, "timesteps=800"), sets);
            RunDirectory uninterrupted = Training.run(new Sac(), "Pendulum-v1", whole, 1, Optional.empty(),
                    t -> SacTest.QUIET).run();
            SacConfig half = Configs.override(pendulum("halves" + freq, "timesteps=400"), sets);
            RunDirectory run = Training.run(new Sac(), "Pendulum-v1", half, 1, Optional.empty(), t -> SacTest.QUIET).run();
            Training.run(new Sac(), "Pendulum-v1", Configs.override(half, List.of("timesteps=800")), 1, Optional.of(run),
                    t -> SacTest.QUIET);
            Map<String, Tensor> expected = SafeTensors.read(uninterrupted.latestCheckpoint().orElseThrow());
            Map<String, Tensor> resumed = SafeTensors.read(run.latestCheckpoint().orElseThrow());
            assertEquals(expected.keySet(), resumed.keySet());
            expected.forEach((n, t) -> assertArrayEquals(t.data(), resumed.get(n).data(), freq + ": " + n));
        }
    }

    @Test
    void theExportedPolicyClipsTheMeanAsEvaluationDoes() throws Exception {
        // clip_mean 0.05 so most observations' means are clipped and the head's clip is exercised
        SacConfig c = pendulum("export", "seed=3", "timesteps=300", "learning_starts=100", "random_timesteps=100",
                "clip_mean=0.05", "eval_episodes=1");
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> SacTest.QUIET).run();
        SacAgent agent = new SacAgent(c, 3, 1, 1, new Rng(c.seed()));
        Sac.load(agent, run.latestCheckpoint().orElseThrow(), true);
        try (RescaleAction<float[]> bounds = SacEnv.make("Pendulum-v1", Map.of()); var env = Envs.make("Pendulum-v1")) {
            OnnxParity.check(run.path(), "Pendulum-v1", obs -> OnnxParity.envAction(env.actionSpace(),
                    bounds.rescale(agent.policy().deterministic(obs))), dir);
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        for (String bad : List.of("sde_sample_freq=0", "sde_sample_freq=-5")) {
            String m = assertThrows(ConfigException.class, () -> pendulum("bad", bad)).getMessage();
            assertTrue(m.contains("sde_sample_freq"), m);
        }
        String m = assertThrows(ConfigException.class, () -> pendulum("bad", "use_sde=false", "use_sde_at_warmup=true"))
                .getMessage();
        assertTrue(m.contains("use_sde_at_warmup"), m);
        m = assertThrows(ConfigException.class, () -> pendulum("bad", "clip_mean=-1")).getMessage();
        assertTrue(m.contains("clip_mean"), m);
        m = assertThrows(ConfigException.class, () -> pendulum("bad", "use_sde=false", "full_std=false")).getMessage();
        assertTrue(m.contains("use_sde"), m);
    }

    @Test
    void warmupIsUniformUnlessUseSdeAtWarmup() {
        SacConfig c = pendulum("warmup", "random_timesteps=10");
        assertTrue(c.randomAt(10));
        assertFalse(c.randomAt(11));
        assertFalse(Configs.override(c, List.of("use_sde_at_warmup=true")).randomAt(1));
    }
}
