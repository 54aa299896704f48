package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.StopSignal;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPO's synchronous rounds at the learner, with a clock the test moves: an update waits for every live worker's
 * fragment, or for the round timeout after the round's first fragment with at least min_worker_share of them;
 * fragments of an older version, of a round already updating, or a second one from the same worker are refused
 * (the learner actor counts them as dropped).
 */
class PpoRoundTest {
    private static final int ROLLOUTS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LinkedBlockingQueue<Weights> published = new LinkedBlockingQueue<>();
    private final ClusterStats stats = new ClusterStats();
    private Logger logger;
    private PpoCore core;
    private long sequence;

    @BeforeEach
    void start() {
        PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class), List.of("timesteps=100000", "rollouts=" + ROLLOUTS,
                "num_envs=2", "mini_batches=2", "learning_epochs=1", "hidden_sizes=[8]", "eval_episodes=1"));
        logger = new Logger(0, List.of());
        Progress quiet = Progress.NONE;
        TrainContext<PpoConfig> ctx = new TrainContext<>("ppo", "CartPole-v1", c, 1, RunDirectory.create(dir, "run", true),
                logger, quiet, false, new StopSignal(), List.of(), 0, System.nanoTime());
        core = new PpoCore(ctx, new ClusterOptions("127.0.0.1", 0, 1, TIMEOUT, 0.5), stats, now::get);
        core.start(published::add);
    }

    @AfterEach
    void stop() throws Exception {
        if (core != null) {
            core.stop();
        }
        logger.close();
    }

    @Test
    @Timeout(60)
    void aRoundWaitsForEveryWorkerOrTheTimeoutAfterItsFirstFragmentAndDropsLateOnes() throws Exception {
        WorkerHandle w1 = worker("w1", 1);
        WorkerHandle w2 = worker("w2", 2);
        core.joined(w1);
        core.joined(w2);
        // the first fragment comes long after the version was published (collection is slow): no update yet, the
        // round's timeout starts now
        advance(Duration.ofSeconds(30));
        assertTrue(core.accept(fragment(w1, 0), w1));
        core.tick();
        advance(TIMEOUT.minusMillis(1));
        core.tick();
        none("an update before the timeout with 1 of 2 workers");
        assertFalse(core.accept(fragment(w1, 0), w1), "a second fragment of w1 in the same round");
        advance(Duration.ofMillis(2));
        core.tick();
        Weights v1 = next();
        assertEquals(1, v1.version());
        assertEquals(ROLLOUTS, core.steps(), "the update used w1's fragment alone");
        // w2's fragment of version 0 is late: during the update and after it
        assertFalse(core.accept(fragment(w2, 0), w2), "version 0 while the update ran");
        core.published(v1.version());
        assertFalse(core.accept(fragment(w2, 0), w2), "version 0 after version 1 was published");
        assertEquals(ROLLOUTS, core.steps());

        // both in: the update goes at once, no timeout involved
        assertTrue(core.accept(fragment(w2, 1), w2));
        none("an update with 1 of 2 workers before the timeout");
        assertTrue(core.accept(fragment(w1, 1), w1));
        Weights v2 = next();
        assertEquals(2, v2.version());
        assertEquals(3 * ROLLOUTS, core.steps());
        core.published(v2.version());
    }

    @Test
    @Timeout(60)
    void afterTheTimeoutARoundStillNeedsTheMinimumShareAndALostWorkerIsNotWaitedFor() throws Exception {
        WorkerHandle w1 = worker("w1", 1);
        WorkerHandle w2 = worker("w2", 2);
        WorkerHandle w3 = worker("w3", 3);
        core.joined(w1);
        core.joined(w2);
        core.joined(w3);
        assertTrue(core.accept(fragment(w1, 0), w1));
        advance(TIMEOUT.multipliedBy(3));
        core.tick();
        none("1 of 3 is below the minimum share 0.5 (2 workers)");
        assertTrue(core.accept(fragment(w3, 0), w3));
        Weights v1 = next();
        assertEquals(1, v1.version());
        assertEquals(2 * ROLLOUTS, core.steps(), "w1 and w3");
        core.published(v1.version());

        // w3 is lost: the next round is complete with w1 and w2 and goes without waiting for the timeout
        assertTrue(core.accept(fragment(w1, 1), w1));
        core.lost(w3);
        none("an update with 1 of the 2 workers left");
        assertTrue(core.accept(fragment(w2, 1), w2));
        assertEquals(2, next().version());
        assertEquals(4 * ROLLOUTS, core.steps());
    }

    private Weights next() throws InterruptedException {
        Weights w = published.poll(30, TimeUnit.SECONDS);
        if (w == null) {
            throw new AssertionError("no update within 30 s");
        }
        return w;
    }

    /** No update comes (the update runs on the core's trainer thread: one would be published within ms). */
    private void none(String what) throws InterruptedException {
        Weights w = published.poll(1, TimeUnit.SECONDS);
        if (w != null) {
            throw new AssertionError(what + ": version " + w.version() + " was published");
        }
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static WorkerHandle worker(String id, long ordinal) {
        // the core never sends: the learner actor does
        return new WorkerHandle(id, 1, 1, null, null, ordinal);
    }

    /** ROLLOUTS steps of one CartPole env acted by {@code version}: a valid fragment whose numbers do not matter. */
    private RolloutFragment fragment(WorkerHandle w, long version) {
        int rows = ROLLOUTS;
        float[] states = new float[rows * 4];
        for (int i = 0; i < states.length; i++) {
            states[i] = 0.01f * (i % 7);
        }
        float[] rewards = new float[rows];
        Arrays.fill(rewards, 1);
        return new RolloutFragment(w.id(), w.incarnation(), ++sequence, version, ROLLOUTS, 1, 4, 1, states, new float[rows],
                rewards, new float[rows], new float[rows], new float[rows], new float[rows], new float[1], new float[0],
                new int[0]);
    }
}
