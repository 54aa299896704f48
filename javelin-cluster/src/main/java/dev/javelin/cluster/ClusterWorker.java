package dev.javelin.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@code javelin cluster worker}: joins the learner's cluster, acts as the learner's welcome says (SAC or PPO)
 * until the run is finished, and when the learner is lost (its node downed, this one then downs itself) starts
 * a new actor system and joins again, keeping its incarnation and resending what was not acknowledged.
 */
public final class ClusterWorker {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final WorkerOptions options;
    /** New for every start of a worker process; a restarted worker with the same id is told apart by it. */
    private final long incarnation = System.currentTimeMillis();
    private final WorkerInbox inbox = new WorkerInbox();
    private final Outbox outbox;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public ClusterWorker(WorkerOptions options) {
        this.options = options;
        this.outbox = new Outbox(options.id(), incarnation, options.status());
    }

    /** Runs until the learner finishes the run; returns what this worker sent and had confirmed. */
    public WorkerStatus run() throws Exception {
        SleepyEnv.register();
        Thread acting = Thread.ofPlatform().name("javelin-worker-acting").start(this::act);
        try {
            long lastContact = System.nanoTime();
            while (inbox.finished().isEmpty() && failure.get() == null) {
                ActorSystem<WorkerMessage> system = ActorSystem.create(WorkerActor.create(inbox, options, incarnation),
                        ClusterNode.SYSTEM, ClusterNode.config(options.host(), options.port(), ClusterNode.WORKER_ROLE,
                                List.of(options.learner())));
                var terminated = system.getWhenTerminated().toCompletableFuture();
                while (!terminated.isDone() && inbox.finished().isEmpty() && failure.get() == null) {
                    if (inbox.welcome().isPresent()) {
                        lastContact = System.nanoTime();
                    } else if (System.nanoTime() - lastContact > options.reconnect().toNanos()) {
                        system.terminate();
                        terminated.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        throw new IllegalArgumentException("no learner answered at " + options.learner() + " for "
                                + options.reconnect().toSeconds() + " s (is the address right, is it running?); giving up");
                    }
                    inbox.await(100);
                }
                if (!terminated.isDone()) {
                    system.terminate();
                }
                terminated.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (inbox.finished().isEmpty() && failure.get() == null) {
                    System.err.println("worker " + options.id() + ": lost the learner; joining " + options.learner() + " again");
                    inbox.disconnected();
                }
            }
        } finally {
            inbox.finish(inbox.finished().orElse("the worker stopped"));
            acting.join(STOP_TIMEOUT.toMillis());
        }
        Throwable f = failure.get();
        if (f instanceof Exception e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        }
        return outbox.status();
    }

    private void act() {
        try {
            while (inbox.welcome().isEmpty() && inbox.finished().isEmpty()) {
                inbox.await(100);
            }
            var welcome = inbox.welcome();
            if (welcome.isEmpty()) {
                return;
            }
            switch (welcome.get().algo()) {
                case "sac" -> new SacActing(inbox, options, outbox, incarnation, welcome.get()).run();
                case "ppo" -> new PpoActing(inbox, options, outbox, incarnation, welcome.get()).run();
                default -> throw new IllegalArgumentException("the learner runs '" + welcome.get().algo()
                        + "'; this worker acts for sac and ppo");
            }
        } catch (Throwable e) {
            failure.set(e);
            inbox.finish("failed: " + e);
        }
    }
}
