package dev.javelin.rl.amp;

import dev.javelin.env.Box;
import dev.javelin.env.Envs;
import dev.javelin.env.motion.AmpEnv;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.export.OnnxParity;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: AMP's exported policy acts as AMP's evaluation does (the Gaussian mean, clipped into the box). */
class AmpExportTest {
    @TempDir
    Path dir;

    @Test
    void pendulumSpinWithAStateScaler() throws Exception {
        AmpConfig c = Configs.override(Configs.defaults(AmpConfig.class), List.of("timesteps=512", "num_envs=4",
                "rollouts=16", "hidden_sizes=[32, 32]", "discriminator_hidden_sizes=[16]", "amp_batch_size=64",
                "motion_dataset_size=256", "replay_buffer_size=512", "eval_episodes=1",
                "state_preprocessor=running_standard_scaler", "experiment.directory=" + dir,
                "experiment.experiment_name=amp"));
        RunDirectory run = Training.run(new Amp(), "PendulumSpin-v0", c, 1, Optional.empty(), t -> AmpTest.QUIET).run();
        try (var env = Envs.make("PendulumSpin-v0")) {
            Box actions = (Box) env.actionSpace();
            AmpAgent agent = new AmpAgent(c, ((Box) env.observationSpace()).size(), actions.size(),
                    ((AmpEnv) env.unwrapped()).ampObservationSize(), new Rng(c.seed()));
            agent.restorePolicy(Checkpoint.read(run.latestCheckpoint().orElseThrow()));
            OnnxParity.check(run.path(), "PendulumSpin-v0", obs -> OnnxParity.envAction(actions, agent.deterministic(obs, 1)), dir);
        }
    }
}
