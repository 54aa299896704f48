package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a SAC learner mid-run, restarted with --resume at the same address: it starts from its last
 * checkpoint's step, replay size and policy version, the two workers reconnect by themselves, and the run completes.
 */
class LearnerRestartTest {
    private static final Pattern RESUMED = Pattern.compile(
            "resumed at step (\\d+): replay (\\d+) transitions, policy version (\\d+), (\\d+) workers in the ledger");

    @Test
    @Timeout(240)
    void aKilledLearnerResumesFromItsCheckpointAndTheWorkersComeBack(@TempDir Path dir) throws Exception {
        int port = Child.freePort();
        Path runs = dir.resolve("runs");
        List<String> settings = List.of("timesteps=2000", "net_arch=[32,32]", "batch_size=32", "train_freq=2",
                "eval_episodes=1", "experiment.checkpoint_interval=500");
        List<Child> children = new ArrayList<>();
        try {
            List<String> first = new ArrayList<>(List.of("learner", "sac", SleepyEnv.ID, Integer.toString(port), runs.toString()));
            first.addAll(settings);
            Child learner = Child.start(dir, "learner", first.toArray(String[]::new));
            children.add(learner);
            assertTrue(learner.line(l -> l.startsWith("learner at"), Duration.ofSeconds(60)).isPresent(), learner::tail);
            for (String id : List.of("w1", "w2")) {
                children.add(Child.start(dir, id, "worker", "127.0.0.1:" + port, id, "1", dir.resolve(id + ".json").toString()));
            }
            Path checkpoints = runs.resolve("run").resolve(RunDirectory.CHECKPOINTS);
            awaitFile(checkpoints.resolve("agent_1000.safetensors"), Duration.ofSeconds(120));
            learner.kill();

            RunDirectory run = RunDirectory.open(runs.resolve("run"));
            Checkpoint saved = Checkpoint.read(run.latestCheckpoint().orElseThrow());
            long step = saved.longMetadata(SacCore.INSERTED_KEY);
            long replay = saved.group(SacCore.REPLAY_GROUP).get("reward").size();
            long version = saved.longMetadata("updates");

            Child again = Child.start(dir, "learner-again", "learner", "sac", SleepyEnv.ID, Integer.toString(port),
                    "resume=" + run.path());
            children.add(again);
            String resumed = again.line(l -> RESUMED.matcher(l).find(), Duration.ofSeconds(60)).orElseThrow(
                    () -> new AssertionError("no 'resumed at' line:\n" + again.tail()));
            Matcher m = RESUMED.matcher(resumed);
            assertTrue(m.find());
            assertEquals(step, Long.parseLong(m.group(1)), resumed);
            assertEquals(replay, Long.parseLong(m.group(2)), resumed);
            assertEquals(version, Long.parseLong(m.group(3)), resumed);
            assertEquals(2, Long.parseLong(m.group(4)), resumed);

            assertEquals(0, again.await(Duration.ofSeconds(150)), again::tail);
            for (Child w : children.subList(1, 3)) {
                assertEquals(0, w.await(Duration.ofSeconds(30)), w::tail);
            }
            JsonNode summary = new ObjectMapper().readTree(Files.readAllBytes(run.summaryFile()));
            JsonNode cluster = summary.get("cluster");
            assertEquals(2, cluster.get("worker_joins").asLong(), "both workers came back by themselves: " + cluster);
            assertTrue(cluster.get("inserted_steps").asLong() >= 2000 - step, cluster::toString);
            Checkpoint last = Checkpoint.read(run.latestCheckpoint().orElseThrow());
            assertTrue(last.longMetadata(SacCore.INSERTED_KEY) >= 2000, "the budget completed after the restart");
            assertTrue(last.longMetadata("updates") > version, "updates continued from version " + version);
            System.out.println("learner restart: resumed at " + resumed + "; after: " + cluster);
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
