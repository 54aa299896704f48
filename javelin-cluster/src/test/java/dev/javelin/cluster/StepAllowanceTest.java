package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.Configs;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepAllowanceTest {
    @Test
    void coveredStepsIsTheLastStepWhoseUpdatesAreDone() {
        for (String freq : List.of("1", "3")) {
            for (String grad : List.of("1", "2")) {
                for (String starts : List.of("0", "100", "101")) {
                    SacConfig c = Configs.override(Configs.defaults(SacConfig.class), List.of("train_freq=" + freq,
                            "gradient_steps=" + grad, "learning_starts=" + starts));
                    for (long u = 0; u < 50; u++) {
                        long t = StepAllowance.coveredSteps(c, u);
                        assertTrue(Sac.updatesDue(c, t) <= u, "t " + t + " needs " + Sac.updatesDue(c, t) + " > " + u);
                        assertTrue(Sac.updatesDue(c, t + 1) > u, "t + 1 = " + (t + 1) + " would still be covered by " + u
                                + " (" + freq + ", " + grad + ", " + starts + ")");
                    }
                }
            }
        }
        assertEquals(100, StepAllowance.coveredSteps(Configs.override(Configs.defaults(SacConfig.class),
                List.of("learning_starts=100", "train_freq=1")), 0));
    }
}
