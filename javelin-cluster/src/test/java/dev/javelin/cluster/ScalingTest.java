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
 * The rate is the one with all workers acting (from the first batch of the last worker to join), so JVMs still
 * starting do not count. Prints the CPU time per env step of the learner and of each worker (their processes,
 * all threads, from the OS): on a machine with fewer cores than processes, that is what bounds the total.
 * A few minutes of child JVMs: run with -Djavelin.cluster.scaling=true.
 */
class ScalingTest {
    private record Rate(double stepsPerSecond, double learnerCpuMillis, List<Double> workerCpuMillis) {
        @Override
        public String toString() {
            return String.format("%.1f env steps/s; CPU ms per env step: learner %.3f, workers %s", stepsPerSecond,
                    learnerCpuMillis, workerCpuMillis.stream().map(m -> String.format("%.3f", m)).toList());
        }
    }

    @Test
    @Timeout(900)
    @EnabledIfSystemProperty(named = "javelin.cluster.scaling", matches = "true")
    void envStepsPerSecondGrowWithWorkers(@TempDir Path dir) throws Exception {
        Rate one = rate(dir.resolve("1"), 1);
        System.out.println("scaling: 1 worker: " + one);
        Rate two = rate(dir.resolve("2"), 2);
        System.out.printf("scaling: 2 workers: %s (%.2fx)%n", two, two.stepsPerSecond() / one.stepsPerSecond());
        Rate four = rate(dir.resolve("4"), 4);
        System.out.printf("scaling: 4 workers: %s (%.2fx)%n", four, four.stepsPerSecond() / one.stepsPerSecond());
        assertTrue(two.stepsPerSecond() >= 1.8 * one.stepsPerSecond(), "2 workers: " + two + " vs " + one);
        assertTrue(four.stepsPerSecond() >= 3.2 * one.stepsPerSecond(), "4 workers: " + four + " vs " + one);
    }

    private static Rate rate(Path dir, int workers) throws Exception {
        Files.createDirectories(dir);
        int port = Child.freePort();
        List<Child> children = new ArrayList<>();
        try {
            Child learner = Child.start(dir, "learner", "learner", "sac", SleepyEnv.ID, Integer.toString(port),
                    dir.resolve("runs").toString(), "credit_window=32", "timesteps=" + 4000 * workers, "net_arch=[32,32]",
                    "batch_size=32", "train_freq=4", "eval_episodes=1");
            children.add(learner);
            assertTrue(learner.line(l -> l.startsWith("learner at"), Duration.ofSeconds(120)).isPresent(), learner::tail);
            for (int k = 0; k < workers; k++) {
                children.add(Child.start(dir, "w" + k, "worker", "127.0.0.1:" + port, "w" + k, "1",
                        dir.resolve("w" + k + ".json").toString()));
            }
            assertEquals(0, learner.await(Duration.ofSeconds(300)), () -> tails(children));
            ObjectMapper json = new ObjectMapper();
            List<Double> cpu = new ArrayList<>();
            for (Child w : children.subList(1, children.size())) {
                assertEquals(0, w.await(Duration.ofSeconds(30)), () -> tails(children));
                String line = w.line(l -> l.startsWith("WORKER "), Duration.ofSeconds(1)).orElseThrow();
                cpu.add(json.readTree(line.substring("WORKER ".length())).get("cpuMillisPerStep").asDouble());
            }
            var summary = json.readTree(Files.readAllBytes(dir.resolve("runs/run/summary.json"))).get("cluster");
            return new Rate(summary.get("env_steps_per_second_all_workers").asDouble(),
                    summary.get("learner_cpu_millis_per_step").asDouble(), cpu);
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }

    private static String tails(List<Child> children) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < children.size(); i++) {
            out.append(i == 0 ? "learner" : "worker " + (i - 1)).append(":\n").append(children.get(i).tail()).append('\n');
        }
        return out.toString();
    }
}
