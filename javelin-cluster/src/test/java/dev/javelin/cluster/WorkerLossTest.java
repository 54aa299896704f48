package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.memory.ReplayBuffer;
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
 * kill -9 of one of three SAC workers mid-run, in child JVMs on 127.0.0.1: the run completes its budget, the learner
 * counts one loss, a replacement (same id, new incarnation) acts within 15 s, and what the learner inserted per
 * worker equals what the workers had confirmed, once each (the replay buffer holds exactly that many).
 */
class WorkerLossTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(180)
    void aKilledWorkerIsReplacedAndEveryConfirmedTransitionIsInsertedOnce(@TempDir Path dir) throws Exception {
        int port = Child.freePort();
        long timesteps = 3000;
        List<Child> children = new ArrayList<>();
        try {
            Child learner = Child.start(dir, "learner", "learner", "sac", SleepyEnv.ID, Integer.toString(port),
                    dir.resolve("runs").toString(), "timesteps=" + timesteps, "net_arch=[32,32]", "batch_size=32",
                    "train_freq=2", "eval_episodes=1", "experiment.checkpoint_interval=1000");
            children.add(learner);
            assertTrue(learner.line(l -> l.startsWith("learner at"), Duration.ofSeconds(60)).isPresent(), learner::tail);
            String address = "127.0.0.1:" + port;
            for (String id : List.of("w1", "w2", "w3")) {
                children.add(Child.start(dir, id, "worker", address, id, "1", dir.resolve(id + ".json").toString()));
            }
            Child victim = children.get(3);
            awaitStatus(dir.resolve("w3.json"), 200, Duration.ofSeconds(60));
            victim.kill();
            JsonNode last = JSON.readTree(Files.readAllBytes(dir.resolve("w3.json")));
            Child replacement = Child.start(dir, "w3-again", "worker", address, "w3", "1", dir.resolve("w3-again.json").toString());
            children.add(replacement);

            assertEquals(0, learner.await(Duration.ofSeconds(150)), learner::tail);
            for (Child w : List.of(children.get(1), children.get(2), replacement)) {
                assertEquals(0, w.await(Duration.ofSeconds(30)), w::tail);
            }
            RunDirectory run = RunDirectory.open(dir.resolve("runs").resolve("run"));
            JsonNode cluster = JSON.readTree(Files.readAllBytes(run.summaryFile())).get("cluster");
            assertEquals(1, cluster.get("worker_losses").asLong(), cluster::toString);
            assertEquals(4, cluster.get("worker_joins").asLong(), cluster::toString);
            assertEquals(0, cluster.get("duplicate_batches").asLong(), cluster::toString);

            JsonNode byWorker = cluster.get("steps_by_worker");
            long inserted = cluster.get("inserted_steps").asLong();
            assertTrue(inserted >= timesteps, "inserted " + inserted);
            for (String id : List.of("w1", "w2")) {
                assertEquals(JSON.readTree(Files.readAllBytes(dir.resolve(id + ".json"))).get("confirmed_steps").asLong(),
                        byWorker.get(id).asLong(), id + ": confirmed vs inserted");
            }
            JsonNode again = JSON.readTree(Files.readAllBytes(dir.resolve("w3-again.json")));
            long fromVictim = byWorker.get("w3").asLong() - again.get("confirmed_steps").asLong();
            // the victim's status file is up to 100 ms old: the learner holds at least what it says was confirmed
            assertTrue(fromVictim >= last.get("confirmed_steps").asLong(), "victim: inserted " + fromVictim + ", status " + last);
            assertTrue(again.get("seconds_to_first_confirmed").asDouble() <= 15, "replacement acted after " + again);

            Checkpoint last4 = Checkpoint.read(run.latestCheckpoint().orElseThrow());
            assertEquals(inserted, last4.longMetadata(SacCore.INSERTED_KEY));
            ReplayBuffer replay = new ReplayBuffer(1_000_000, 3, 1);
            replay.load(last4.group(SacCore.REPLAY_GROUP));
            assertEquals(inserted, replay.added(), "every inserted transition is in the replay once");
            System.out.println("worker loss run: " + cluster);
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }

    /** The worker's status once it confirmed at least {@code steps}, waiting up to {@code timeout}. */
    static JsonNode awaitStatus(Path file, long steps, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                JsonNode s = JSON.readTree(Files.readAllBytes(file));
                if (s.get("confirmed_steps").asLong() >= steps) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("worker status " + file + " did not reach " + steps + " confirmed steps in " + timeout);
    }
}
