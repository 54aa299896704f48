package dev.javelin.cli;

import dev.javelin.mujoco.MuJoCo;
import dev.javelin.rl.Training;
import dev.javelin.rl.amp.Amp;
import dev.javelin.rl.amp.AmpConfig;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        List<String> lines = Files.readAllLines(o.run().metricsFile());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int length = header.indexOf("Episode / Total timesteps (mean)");
        int style = header.indexOf("Reward / Style reward (mean)");
        int agent = header.indexOf("Discriminator / Accuracy on agent samples");
        int reference = header.indexOf("Discriminator / Accuracy on reference samples");
        assertTrue(length >= 0 && style >= 0 && agent >= 0 && reference >= 0, header::toString);
        double first = Double.NaN;
        double last = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            for (int k : new int[] {style, agent, reference}) {
                double v = Double.parseDouble(f[k]);
                assertTrue(Double.isFinite(v) && v >= 0, header.get(k) + " = " + v);
            }
            if (!f[length].isEmpty()) {
                last = Double.parseDouble(f[length]);
                first = Double.isNaN(first) ? last : first;
            }
        }
        System.out.printf("WalkerAmp-v0: mean episode length %.0f -> %.0f steps, %.1f s%n", first, last,
                o.summary().wallSeconds());
        assertEquals(61440, o.summary().timesteps());
        assertTrue(last >= 2 * first, "episodes lengthen as the walker learns to stay up: " + first + " -> " + last);
    }
}
