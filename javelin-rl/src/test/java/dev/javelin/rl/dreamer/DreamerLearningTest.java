package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue's learning bar with the shipped presets (reference hyperparameters, tiny networks, train ratio 32):
 * CartPole-v1 eval mean >= 450 and Pendulum-v1 >= -300 within 50k env steps. One run takes hours on the 2-core
 * dev machine, far over the one-minute budget of a test, so it runs only when asked:
 * {@code ./mvnw -pl javelin-rl -am verify -Djavelin.learning=true -Dtest=DreamerLearningTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "javelin.learning", matches = "true")
class DreamerLearningTest {

    @ParameterizedTest
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
