package dev.javelin.cli;

import dev.javelin.mujoco.MuJoCo;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PPO learns a MuJoCo task from a fixed seed with the shipped preset (RL Zoo's entry) cut to 60k steps, through Training.run as `javelin train`
 * does: InvertedPendulum-v5 to its maximum return of 1000 in 60k steps (about 10 s).
 */
class MujocoLearningTest {
    @TempDir
    Path dir;

    @Test
    void ppoBalancesInvertedPendulumWithThePreset() throws Exception {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            assumeTrue(MuJoCo.available(), () -> MuJoCo.unavailableReason().orElse(""));
        }
        Path preset = Path.of("..", "presets", "ppo", "InvertedPendulum-v5.yaml");
        PpoConfig c = Configs.merge(Configs.defaults(PpoConfig.class), Configs.readYaml(preset), preset.toString());
        c = Configs.override(c, List.of("timesteps=60000", "experiment.directory=" + dir, "experiment.checkpoint_interval=0"));
        Training.Outcome o = Training.run(new Ppo(), "InvertedPendulum-v5", c, 1, Optional.empty(), total -> Progress.NONE);
        System.out.printf("InvertedPendulum-v5: eval %.1f +- %.1f, %.1f s, %.0f steps/s%n", o.summary().finalEvalReturnMean(),
                o.summary().finalEvalReturnStd(), o.summary().wallSeconds(), o.summary().envStepsPerSecond());
        assertEquals(1000.0, o.summary().finalEvalReturnMean(), "every eval episode lasts the whole 1000 steps");
    }
}
