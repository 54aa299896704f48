package dev.javelin.rl.sac;

import dev.javelin.env.Envs;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.export.OnnxParity;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: SAC's exported policy acts as SAC's evaluation does (tanh of the mean, rescaled onto the bounds). */
class SacExportTest {
    @TempDir
    Path dir;

    @Test
    void pendulumWithAStateScaler() throws Exception {
        List<String> sets = new ArrayList<>(List.of("seed=3", "timesteps=400", "learning_starts=100", "batch_size=32",
                "net_arch=[32, 32]", "state_preprocessor=running_standard_scaler", "eval_episodes=1",
                "experiment.directory=" + dir, "experiment.experiment_name=sac"));
        SacConfig c = Configs.override(Configs.defaults(SacConfig.class), sets);
        RunDirectory run = Training.run(new Sac(), "Pendulum-v1", c, 1, Optional.empty(), t -> SacTest.QUIET).run();
        SacAgent agent = new SacAgent(c, 3, 1, 1, new dev.javelin.tensor.Rng(c.seed()));
        Sac.load(agent, run.latestCheckpoint().orElseThrow(), true);
        try (RescaleAction<float[]> bounds = SacEnv.make("Pendulum-v1", java.util.Map.of()); var env = Envs.make("Pendulum-v1")) {
            OnnxParity.check(run.path(), "Pendulum-v1", obs -> OnnxParity.envAction(env.actionSpace(),
                    bounds.rescale(agent.policy().deterministic(obs))), dir);
        }
    }
}
