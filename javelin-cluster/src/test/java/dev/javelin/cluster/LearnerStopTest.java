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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a SAC learner mid-run (what {@code javelin train} takes as an orderly stop): it writes a checkpoint of
 * everything it acknowledged (replay, counters, policy version, ledger) and exits; the workers wait for it, and a
 * learner started with --resume continues from that checkpoint with them. Nothing is lost or inserted twice: at
 * the end the learner's step equals the env steps the workers had confirmed.
 */
class LearnerStopTest {
    private static final int TIMESTEPS = 1500;

    @Test
    @Timeout(600)
    void aStoppedLearnerCheckpointsEverythingAndTheWorkersContinueWithItsResume(@TempDir Path dir) throws Exception {
        int port = Child.freePort();
        Path runs = dir.resolve("runs");
        List<Child> children = new ArrayList<>();
        try {
            Child learner = Child.start(dir, "learner", "learner", "sac", SleepyEnv.ID, Integer.toString(port), runs.toString(),
                    "timesteps=" + TIMESTEPS, "net_arch=[32,32]", "batch_size=32", "train_freq=2", "eval_episodes=1",
                    "experiment.checkpoint_interval=300");
            children.add(learner);
            assertTrue(learner.line(l -> l.startsWith("learner at"), Duration.ofSeconds(180)).isPresent(), learner::tail);
            List<Child> workers = new ArrayList<>();
            for (String id : List.of("w1", "w2")) {
                workers.add(Child.start(dir, id, "worker", "127.0.0.1:" + port, id, "1", dir.resolve(id + ".json").toString()));
            }
            children.addAll(workers);
            Path checkpoints = runs.resolve("run").resolve(RunDirectory.CHECKPOINTS);
            awaitFile(checkpoints.resolve("agent_300.safetensors"), Duration.ofSeconds(240));
            learner.terminate();
            learner.await(Duration.ofSeconds(60));
            String stopped = learner.line(l -> l.startsWith("STOPPED "), Duration.ofSeconds(1)).orElseThrow(
                    () -> new AssertionError("no STOPPED line:\n" + learner.tail()));
            long step = Long.parseLong(stopped.split("[ :]")[1]);
            assertTrue(step > 300 && step < TIMESTEPS, stopped);

            RunDirectory run = RunDirectory.open(runs.resolve("run"));
            Path file = checkpoints.resolve("agent_" + step + ".safetensors");
            assertEquals(file, run.latestCheckpoint().orElseThrow(), "the stop's checkpoint is the latest");
            Checkpoint saved = Checkpoint.read(file);
            assertEquals(step, saved.longMetadata(SacCore.INSERTED_KEY));
            assertEquals(step, saved.group(SacCore.REPLAY_GROUP).get("reward").size(), "replay size");
            long version = saved.longMetadata("updates");
            assertTrue(version > 0, "policy version " + version);
            SequenceLedger ledger = new SequenceLedger();
            ledger.loadJson(saved.metadata(SacCore.LEDGER_KEY));
            assertEquals(2, ledger.state().size(), "both workers' sequence numbers: " + ledger.json());
            for (Child w : workers) {
                assertTrue(w.alive(), "a worker waits for the stopped learner:\n" + w.tail());
            }

            Child again = Child.start(dir, "learner-again", "learner", "sac", SleepyEnv.ID, Integer.toString(port),
                    "resume=" + run.path());
            children.add(again);
            String resumed = again.line(l -> l.startsWith("resumed at step"), Duration.ofSeconds(180)).orElseThrow(
                    () -> new AssertionError("no 'resumed at' line:\n" + again.tail()));
            assertEquals("resumed at step " + step + ": replay " + step + " transitions, policy version " + version
                    + ", 2 workers in the ledger", resumed);
            assertEquals(0, again.await(Duration.ofSeconds(300)), again::tail);
            long confirmed = 0;
            for (Child w : workers) {
                assertEquals(0, w.await(Duration.ofSeconds(30)), w::tail);
                String line = w.line(l -> l.startsWith("WORKER "), Duration.ofSeconds(1)).orElseThrow();
                JsonNode status = new ObjectMapper().readTree(line.substring("WORKER ".length()));
                assertEquals(0, status.get("unacknowledged").asLong(), line);
                confirmed += status.get("confirmedSteps").asLong();
            }
            JsonNode cluster = new ObjectMapper().readTree(Files.readAllBytes(run.summaryFile())).get("cluster");
            assertEquals(2, cluster.get("worker_joins").asLong(), "both workers came back by themselves: " + cluster);
            assertEquals(0, cluster.get("dropped_batches").asLong(), cluster::toString);
            Checkpoint last = Checkpoint.read(run.latestCheckpoint().orElseThrow());
            long end = last.longMetadata(SacCore.INSERTED_KEY);
            assertTrue(end >= TIMESTEPS, "the budget completed after the resume: " + end);
            // every step a worker had confirmed is in the replay once, before and after the stop
            assertEquals(confirmed, end, "confirmed by the workers vs inserted by the learner");
            assertEquals(end, last.group(SacCore.REPLAY_GROUP).get("reward").size(), "replay size");
            System.out.println("learner stop: " + stopped + "; " + resumed + "; after: " + cluster);
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
