package dev.javelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javelin train} in a child JVM, stopped by SIGTERM (what Ctrl-C and {@code kill} send) before its first
 * interval checkpoint: it writes one, and {@code --resume} continues from it. While it runs, a second writer on
 * the same run directory is refused with the child's pid.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermWritesACheckpointThatResumeContinues() throws Exception {
        Path runs = dir.resolve("runs");
        Path run = runs.resolve("long");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "train", "ppo", "CartPole-v1", "--out", runs.toString(), "--quiet",
                "--threads", "1", "--timesteps", "100000000", "--set", "experiment.experiment_name=long",
                "--set", "experiment.write_interval=256"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!hasRows(run.resolve(RunDirectory.METRICS))) {
                assertTrue(child.isAlive(), () -> "the child ended early: " + log());
                assertTrue(System.nanoTime() < deadline, () -> "no metrics within 15 s: " + log());
                Thread.sleep(100);
            }
            assertTrue(Files.list(run.resolve(RunDirectory.CHECKPOINTS)).findAny().isEmpty(), "no checkpoint yet");

            // two writers on one run: the second is refused, naming the first
            CliRun.Result second = CliRun.run("train", "ppo", "CartPole-v1", "--resume",
                    run.toString(), "--quiet", "--timesteps", "200000000");
            assertEquals(Main.BAD_INPUT, second.code());
            assertTrue(second.err().contains("is in use by process " + child.pid() + "@"), second.err());

            child.destroy();  // SIGTERM
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child stopped within 20 s");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(log().contains("stopped at step "), log());
        RunDirectory stopped = RunDirectory.open(run);
        long step = RunDirectory.checkpointStep(stopped.latestCheckpoint().orElseThrow(
                () -> new AssertionError("no checkpoint after SIGTERM: " + log()))).orElseThrow();
        assertTrue(step > 0, "checkpoint step " + step);
        assertEquals("", Files.readString(run.resolve(RunLock.FILE)), "the lock is released");

        CliRun.Result resumed = CliRun.run("train", "ppo", "CartPole-v1", "--resume", run.toString(),
                "--quiet", "--threads", "1", "--timesteps", Long.toString(step + 256), "--set", "eval_episodes=1");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(step + 256, stopped.readSummary().timesteps());
        assertEquals(step, stopped.readSummary().segments().get(1).fromStep());
    }

    private static boolean hasRows(Path metrics) {
        try {
            return Files.exists(metrics) && !MetricsCsv.read(metrics).rows().isEmpty();
        } catch (RuntimeException e) {
            return false;  // read while the header was being written
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
