package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Env steps per second with 1, 2 and 4 workers on {@link SleepyEnv} (each step waits 5 ms): SAC, one env per
 * worker, a credit window of 32 steps and one gradient step per 4 env steps, so neither the round trips nor the
 * learner are what limits; the total should grow with the workers (issue 17: >= 1.8x with 2, >= 3.2x with 4).
 * A few minutes of child JVMs: run with -Djavelin.cluster.scaling=true.
 */
class ScalingTest {
    @Test
    @Timeout(600)
    @EnabledIfSystemProperty(named = "javelin.cluster.scaling", matches = "true")
    void envStepsPerSecondGrowWithWorkers(@TempDir Path dir) throws Exception {
        double one = rate(dir.resolve("1"), 1);
        double two = rate(dir.resolve("2"), 2);
        double four = rate(dir.resolve("4"), 4);
        System.out.printf("scaling: 1 worker %.1f env steps/s, 2 workers %.1f (%.2fx), 4 workers %.1f (%.2fx)%n",
                one, two, two / one, four, four / one);
        assertTrue(two >= 1.8 * one, "2 workers: " + two + " vs " + one);
        assertTrue(four >= 3.2 * one, "4 workers: " + four + " vs " + one);
    }

    private static double rate(Path dir, int workers) throws Exception {
        Files.createDirectories(dir);
        int port = Child.freePort();
        List<Child> children = new ArrayList<>();
        try {
            Child learner = Child.start(dir, "learner", "learner", "sac", SleepyEnv.ID, Integer.toString(port),
                    dir.resolve("runs").toString(), "credit_window=32", "timesteps=" + 4000 * workers, "net_arch=[32,32]",
                    "batch_size=32", "train_freq=4", "eval_episodes=1");
            children.add(learner);
            assertTrue(learner.line(l -> l.startsWith("learner at"), Duration.ofSeconds(60)).isPresent(), learner::tail);
            for (int k = 0; k < workers; k++) {
                children.add(Child.start(dir, "w" + k, "worker", "127.0.0.1:" + port, "w" + k, "1",
                        dir.resolve("w" + k + ".json").toString()));
            }
            assertEquals(0, learner.await(Duration.ofSeconds(240)), learner::tail);
            var summary = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("runs/run/summary.json")));
            return summary.get("cluster").get("env_steps_per_second").asDouble();
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }
}
