package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Envs;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether the agent learns to act. {@link #learnsToActOnWhatItSees} runs in the default suite (about half a
 * minute): the whole loop (collection, replay, world model, imagination, actor, deterministic eval) on an env
 * that a policy ignoring its observations cannot win, with the tiny networks and 10x learning rates. CartPole-v1
 * and Pendulum-v1 with 10x learning rates (about 20 min each) and the issue's bar with the shipped presets (not reached: it needs hours of
 * updates on the 2-core dev machine) run only when asked:
 * {@code ./mvnw -pl javelin-rl -am verify -Djavelin.learning=true -Dtest=DreamerLearningTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DreamerLearningTest {

    @Test
    void learnsToActOnWhatItSees(@TempDir Path dir) throws Exception {
        Envs.register(SignMatch.ID, 100, SignMatch::new);
        var c = Configs.override(DreamerConfig.sized("tiny"), List.of("seed=1", "timesteps=3000", "batch_size=4",
                "batch_length=16", "imag_horizon=5", "train_ratio=32", "model_opt.lr=1e-3", "actor_opt.lr=3e-4",
                "critic_opt.lr=3e-4", "eval_episodes=20", "experiment.directory=" + dir));
        var outcome = Training.run(new Dreamer(), SignMatch.ID, c, 1, Optional.empty(), t -> DreamerTrainingTest.QUIET);
        double mean = outcome.summary().finalEvalReturnMean();
        // blind or stale-sign policies earn 4 of 8; a learned one takes nearly every reward
        assertTrue(mean >= 7, "final eval mean " + mean + " of " + SignMatch.LENGTH + ", a blind policy gets "
                + SignMatch.LENGTH / 2);
    }

    /**
     * Ten times the reference learning rates, the configuration that learned on the dev machine (train ratio 64,
     * seed 1): CartPole-v1 evaluated 246.6 after 20k steps (22 min), Pendulum-v1 -151.4 after 15k steps (18 min).
     * A blind or collapsed policy evaluates about 10 on CartPole and about -1,300 on Pendulum.
     */
    @ParameterizedTest
    @EnabledIfSystemProperty(named = "javelin.learning", matches = "true")
    @CsvSource({"CartPole-v1, 20000, 150", "Pendulum-v1, 15000, -400"})
    void learnsWithTenTimesTheLearningRates(String env, long steps, double bar, @TempDir Path dir) throws Exception {
        Path preset = Path.of("..", "presets", "dreamer", env + ".yaml");
        var c = Configs.override(Configs.merge(new DreamerConfig(), Configs.readYaml(preset), preset.toString()),
                List.of("seed=1", "timesteps=" + steps, "train_ratio=64", "model_opt.lr=1e-3", "actor_opt.lr=3e-4",
                        "critic_opt.lr=3e-4", "experiment.directory=" + dir));
        var outcome = Training.run(new Dreamer(), env, c, 1, Optional.empty(), t -> DreamerTrainingTest.QUIET);
        double mean = outcome.summary().finalEvalReturnMean();
        assertTrue(mean >= bar, env + ": final eval mean " + mean + " after " + steps + " steps, expected >= " + bar);
    }

    @ParameterizedTest
    @EnabledIfSystemProperty(named = "javelin.learning", matches = "true")
    @CsvSource({"CartPole-v1, 450", "Pendulum-v1, -300"})
    void reachesTheIssuesReturnWithin50kSteps(String env, double bar, @TempDir Path dir) throws Exception {
        Path preset = Path.of("..", "presets", "dreamer", env + ".yaml");
        var c = Configs.override(Configs.merge(new DreamerConfig(), Configs.readYaml(preset), preset.toString()),
                List.of("seed=1", "timesteps=50000", "experiment.directory=" + dir));
        var outcome = Training.run(new Dreamer(), env, c, 1, Optional.empty(), t -> DreamerTrainingTest.QUIET);
        double mean = outcome.summary().finalEvalReturnMean();
        assertTrue(mean >= bar, env + ": final eval mean " + mean + " after 50k steps, expected >= " + bar);
    }
}
