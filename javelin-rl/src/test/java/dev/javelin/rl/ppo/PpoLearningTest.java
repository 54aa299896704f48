package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO learns the classic tasks from a fixed seed, through the same Training.run the command line uses. */
class PpoLearningTest {
    @TempDir
    Path dir;

    static Training.Outcome train(String env, Path dir, List<String> settings) throws Exception {
        List<String> all = new ArrayList<>(settings);
        all.add("experiment.directory=" + dir);
        all.add("experiment.checkpoint_interval=0");
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), all);
        Training.Outcome o = Training.run(new Ppo(), env, c, 1, Optional.empty(), total -> Progress.NONE);
        System.out.printf("%s: eval %.1f +- %.1f, %.1f s, %.0f steps/s%n", env, o.summary().finalEvalReturnMean(),
                o.summary().finalEvalReturnStd(), o.summary().wallSeconds(), o.summary().envStepsPerSecond());
        return o;
    }

    @Test
    void cartPoleReachesTheRewardThreshold() throws Exception {
        // RL Zoo's tuned CartPole-v1 settings (SB3's vf_coef 0.5), 80k of its 100k steps
        Training.Outcome o = train("CartPole-v1", dir, List.of("seed=1", "timesteps=80000", "num_envs=8", "rollouts=32",
                "mini_batches=1", "learning_epochs=20", "discount_factor=0.98", "lambda=0.8", "learning_rate=1e-3",
                "learning_rate_scheduler=linear", "ratio_clip=0.2", "ratio_clip_schedule=linear", "value_loss_scale=0.5",
                "time_limit_bootstrap=true", "optimizer_epsilon=1e-5"));
        assertEquals(10, o.summary().evalEpisodes());
        assertTrue(o.summary().finalEvalReturnMean() >= 475, "deterministic eval mean " + o.summary().finalEvalReturnMean());
    }

    @Test
    void pendulumSwingsUpWithAGaussianPolicy() throws Exception {
        // RL Zoo's tuned Pendulum-v1 settings without gSDE (state-independent log-std), SB3's vf_coef 0.5.
        // Without gSDE a 100k-step run does not swing up every start: with Gymnasium's reset states, seeds 0-3
        // give eval means of -136, -176, -221 and -204 (std 78-134 over the 10 episodes); the test takes seed 1.
        Training.Outcome o = train("Pendulum-v1", dir, List.of("seed=1", "timesteps=100000", "num_envs=4", "rollouts=1024",
                "mini_batches=64", "learning_epochs=10", "discount_factor=0.9", "lambda=0.95", "learning_rate=1e-3",
                "ratio_clip=0.2", "value_loss_scale=0.5", "time_limit_bootstrap=true", "optimizer_epsilon=1e-5"));
        assertTrue(o.summary().finalEvalReturnMean() >= -400, "deterministic eval mean " + o.summary().finalEvalReturnMean());
    }
}
