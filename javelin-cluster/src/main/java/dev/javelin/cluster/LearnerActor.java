package dev.javelin.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The learner's actor: registered with the Receptionist under {@link #KEY}, it admits workers (watching each, so
 * a crashed or removed one is reported), checks every batch against the ledger before the algorithm sees it,
 * acknowledges it, and pushes each published version of the weights to every worker with at most one push in
 * flight per worker (a worker that is behind gets the newest, not the ones in between).
 */
final class LearnerActor extends AbstractBehavior<LearnerMessage> {
    static final ServiceKey<LearnerMessage> KEY = ServiceKey.create(LearnerMessage.class, "javelin-learner");
    private static final Duration TICK = Duration.ofMillis(5);

    /** How the trainer thread hands over a new version. */
    interface Publisher {
        void publish(Weights weights);
    }

    private record Published(Weights weights) implements LearnerMessage {
    }

    private record WorkerGone(String worker, long incarnation) implements LearnerMessage {
    }

    private enum Tick implements LearnerMessage { INSTANCE }

    /** Tells every worker the run is over, then stops. */
    enum Finish implements LearnerMessage { INSTANCE }

    /**
     * An orderly stop: the core writes its checkpoint here, between two messages, so every batch acknowledged
     * is in it and none comes after; then this actor stops without telling the workers the run is over (they
     * see it terminate and wait for the learner to come back, as after its loss).
     */
    record Stop(CompletableFuture<Long> step) implements LearnerMessage {
    }

    private final LearnerCore core;
    private final ClusterStats stats;
    private final Map<String, WorkerHandle> workers = new LinkedHashMap<>();
    /** Per worker: the version in flight and when it was sent. */
    private final Map<String, long[]> inFlight = new LinkedHashMap<>();
    private long joins;
    private Weights latest;

    private LearnerActor(ActorContext<LearnerMessage> context, LearnerCore core, ClusterStats stats, Weights initial) {
        super(context);
        this.core = core;
        this.stats = stats;
        this.latest = initial;
    }

    static Behavior<LearnerMessage> create(LearnerCore core, ClusterStats stats, Weights initial) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
            ActorRef<LearnerMessage> self = context.getSelf();
            core.start(w -> self.tell(new Published(w)));
            return new LearnerActor(context, core, stats, initial);
        }));
    }

    @Override
    public Receive<LearnerMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(LearnerMessage.Join.class, this::onJoin)
                .onMessage(TransitionBatch.class, this::onExperience)
                .onMessage(RolloutFragment.class, this::onExperience)
                .onMessage(LearnerMessage.WeightsAck.class, this::onWeightsAck)
                .onMessage(Published.class, this::onPublished)
                .onMessage(WorkerGone.class, this::onWorkerGone)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessageEquals(Finish.INSTANCE, this::onFinish)
                .onMessage(Stop.class, this::onStop)
                .build();
    }

    private Behavior<LearnerMessage> onJoin(LearnerMessage.Join join) {
        WorkerHandle known = workers.get(join.worker());
        if (known != null && known.incarnation() == join.incarnation()) {
            // the worker asked again (its timer, or it saw the learner anew): welcome it again. A welcome voids the
            // credits it holds, so they go back to the pool and it gets new ones after the welcome; it resends
            // what was not acknowledged.
            known.control().tell(core.welcome(known, core.ledger().contiguous(known.id(), known.incarnation())));
            core.lost(known);
            core.joined(known);
            return this;
        }
        if (known != null) {
            if (join.incarnation() < known.incarnation()) {
                join.control().tell(new WorkerMessage.Finished("worker " + join.worker() + " incarnation "
                        + join.incarnation() + " was replaced by incarnation " + known.incarnation()));
                return this;
            }
            lose(known);
        }
        WorkerHandle w = new WorkerHandle(join.worker(), join.incarnation(), join.envs(), join.control(), join.weights(),
                ++joins);
        workers.put(w.id(), w);
        getContext().watchWith(w.control(), new WorkerGone(w.id(), w.incarnation()));
        stats.joins.incrementAndGet();
        getContext().getLog().info("worker {} (incarnation {}, {} envs) joined from {}", w.id(), w.incarnation(), w.envs(),
                w.control().path().address());
        w.control().tell(core.welcome(w, core.ledger().contiguous(w.id(), w.incarnation())));
        push(w);
        core.joined(w);
        return this;
    }

    private Behavior<LearnerMessage> onExperience(Experience e) {
        WorkerHandle w = workers.get(e.worker());
        if (w == null || w.incarnation() != e.incarnation()) {
            // from a worker already removed or replaced: what it owed was handed to the others
            stats.dropped.incrementAndGet();
            stats.droppedSteps.addAndGet(e.steps());
            return this;
        }
        switch (core.ledger().take(e.worker(), e.incarnation(), e.sequence())) {
            case NEW -> {
                if (!core.accept(e, w)) {
                    stats.dropped.incrementAndGet();
                    stats.droppedSteps.addAndGet(e.steps());
                }
                w.control().tell(new WorkerMessage.Ack(e.incarnation(), e.sequence(), true));
            }
            case DUPLICATE -> {
                stats.duplicates.incrementAndGet();
                w.control().tell(new WorkerMessage.Ack(e.incarnation(), e.sequence(), false));
            }
            case STALE -> {
                stats.dropped.incrementAndGet();
                stats.droppedSteps.addAndGet(e.steps());
            }
        }
        return this;
    }

    private Behavior<LearnerMessage> onWeightsAck(LearnerMessage.WeightsAck ack) {
        long[] sent = inFlight.get(ack.worker());
        WorkerHandle w = workers.get(ack.worker());
        if (sent != null && sent[0] == ack.version() && w != null && w.incarnation() == ack.incarnation()) {
            stats.pushMillis.add((System.nanoTime() - sent[1]) / 1e6);
            inFlight.remove(ack.worker());
            if (latest.version() > ack.version()) {
                push(w);
            }
        }
        return this;
    }

    private Behavior<LearnerMessage> onPublished(Published p) {
        latest = p.weights();
        for (WorkerHandle w : workers.values()) {
            if (!inFlight.containsKey(w.id())) {
                push(w);
            }
        }
        core.published(latest.version());
        return this;
    }

    private void push(WorkerHandle w) {
        inFlight.put(w.id(), new long[] {latest.version(), System.nanoTime()});
        w.weights().tell(latest);
    }

    private Behavior<LearnerMessage> onWorkerGone(WorkerGone gone) {
        WorkerHandle w = workers.get(gone.worker());
        if (w != null && w.incarnation() == gone.incarnation()) {
            getContext().getLog().warn("worker {} (incarnation {}) is gone", w.id(), w.incarnation());
            lose(w);
        }
        return this;
    }

    private void lose(WorkerHandle w) {
        workers.remove(w.id());
        inFlight.remove(w.id());
        getContext().unwatch(w.control());
        stats.losses.incrementAndGet();
        core.lost(w);
    }

    private Behavior<LearnerMessage> onTick() {
        core.tick();
        return this;
    }

    private Behavior<LearnerMessage> onStop(Stop stop) {
        try {
            stop.step().complete(core.stop());
        } catch (Throwable e) {
            stop.step().completeExceptionally(e);
        }
        return Behaviors.stopped();
    }

    private Behavior<LearnerMessage> onFinish() {
        for (WorkerHandle w : workers.values()) {
            w.control().tell(new WorkerMessage.Finished("the run is complete"));
        }
        return Behaviors.stopped();
    }
}
