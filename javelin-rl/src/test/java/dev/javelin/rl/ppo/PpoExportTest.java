package dev.javelin.rl.ppo;

import dev.javelin.rl.run.Progress;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.rl.Training;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.export.OnnxParity;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: PPO's exported policy (discrete, continuous, shared trunk) acts as PPO's evaluation does. */
class PpoExportTest {
    @TempDir
    Path dir;

    private RunDirectory train(String envId, String name, String... sets) throws Exception {
        List<String> all = new ArrayList<>(List.of("seed=5", "timesteps=1024", "num_envs=4", "rollouts=64",
                "mini_batches=4", "learning_epochs=2", "eval_episodes=1", "experiment.directory=" + dir,
                "experiment.experiment_name=" + name, "experiment.write_interval=512"));
        all.addAll(List.of(sets));
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), all);
        return Training.run(new Ppo(), envId, c, 1, Optional.empty(), t -> Progress.NONE).run();
    }

    /** PPO's evaluation: the agent restored from the run's latest checkpoint, deterministic, then the env's action. */
    private static void check(RunDirectory run, String envId, Path dir) throws Exception {
        PpoConfig c = Configs.merge(Configs.defaults(PpoConfig.class), run.readConfig().settings(), "config.yaml");
        Space<?> actions;
        int observationSize;
        try (var env = Envs.make(envId)) {
            actions = env.actionSpace();
            observationSize = ((dev.javelin.env.Box) env.observationSpace()).size();
        }
        try (PpoAgent agent = new PpoAgent(c, observationSize, actions, new Rng(c.seed()), 1)) {
            agent.restorePolicy(Checkpoint.read(run.latestCheckpoint().orElseThrow()));
            OnnxParity.check(run.path(), envId, obs -> OnnxParity.envAction(actions, agent.deterministic(obs, 1)), dir);
        }
    }

    @Test
    void discreteCartPoleWithAStateScaler() throws Exception {
        check(train("CartPole-v1", "discrete", "state_preprocessor=running_standard_scaler"), "CartPole-v1", dir);
    }

    @Test
    void continuousPendulumWithAStateDependentStdAndNoOrthogonalInit() throws Exception {
        // default init gives means far beyond the bounds for some observations, so the clip is exercised
        check(train("Pendulum-v1", "continuous", "normalize=true", "log_std=state_dependent", "ortho_init=false",
                "hidden_sizes=[32, 32]", "activation=relu"), "Pendulum-v1", dir);
    }

    @Test
    void continuousPendulumWithASharedTrunkAndNoScaler() throws Exception {
        check(train("Pendulum-v1", "shared", "shared_model=true", "ortho_init=false", "activation=elu"), "Pendulum-v1", dir);
    }
}
