package dev.javelin.cli;

import dev.javelin.mujoco.MuJoCo;
import dev.javelin.rl.Training;
import dev.javelin.rl.amp.Amp;
import dev.javelin.rl.amp.AmpConfig;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.MetricsTable;
import dev.javelin.rl.run.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AMP trains the Walker2d character on the retargeted CMU clip end to end with the shipped preset cut to 61k steps,
 * through Training.run as `javelin train amp WalkerAmp-v0` does: the discriminator's accuracies and the style
 * reward are logged every update, and the walker learns to stay up longer (reference state initialization starts it
 * mid-clip; early termination ends an episode when it falls).
 */
class AmpMujocoLearningTest {
    @TempDir
    Path dir;

    @Test
    void walkerAmpLogsTheDiscriminatorAndLearnsToStayUp() throws Exception {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            assumeTrue(MuJoCo.available(), () -> MuJoCo.unavailableReason().orElse(""));
        }
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/assimp/models/BVH/01_01.bvh")),
                "CMU clip 01_01 needs Debian's assimp-testmodels");
        Path preset = Path.of("..", "presets", "amp", "WalkerAmp-v0.yaml");
        AmpConfig c = Configs.merge(Configs.defaults(AmpConfig.class), Configs.readYaml(preset), preset.toString());
        c = Configs.override(c, List.of("timesteps=61440", "experiment.directory=" + dir,
                "experiment.checkpoint_interval=0", "experiment.write_interval=4096"));
        Training.Outcome o = Training.run(new Amp(), "WalkerAmp-v0", c, 1, Optional.empty(), total -> Progress.NONE);
        MetricsTable metrics = MetricsCsv.read(o.run().metricsFile());
        List<String> logged = List.of("Reward / Style reward (mean)", "Discriminator / Accuracy on agent samples",
                "Discriminator / Accuracy on reference samples");
        for (MetricsTable.Row row : metrics.rows()) {
            for (String tag : logged) {
                Double v = row.values().get(tag);
                assertTrue(v != null && Double.isFinite(v) && v >= 0, tag + " at step " + row.step() + " = " + v);
            }
        }
        double[] lengths = metrics.series("Episode / Total timesteps (mean)").values();
        double first = lengths[0];
        double last = lengths[lengths.length - 1];
        System.out.printf("WalkerAmp-v0: mean episode length %.0f -> %.0f steps, %.1f s%n", first, last,
                o.summary().wallSeconds());
        assertEquals(61440, o.summary().timesteps());
        assertTrue(last >= 2 * first, "episodes lengthen as the walker learns to stay up: " + first + " -> " + last);
    }
}
