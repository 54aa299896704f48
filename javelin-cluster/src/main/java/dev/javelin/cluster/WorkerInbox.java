package dev.javelin.cluster;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a worker's actors received, for its acting thread: the learner, its welcome, the newest weights (older
 * ones are simply replaced), credits, acknowledgements and the end of the run. Outlives the actor system, which
 * is rebuilt when the worker reconnects to a restarted learner.
 */
final class WorkerInbox {
    private final Object signal = new Object();
    private final AtomicReference<Weights> weights = new AtomicReference<>();
    private final ArrayDeque<WorkerMessage.Credits> credits = new ArrayDeque<>();
    final ConcurrentLinkedQueue<WorkerMessage.Ack> acks = new ConcurrentLinkedQueue<>();
    private volatile ActorRef<LearnerMessage> learner;
    private volatile WorkerMessage.Welcome welcome;
    private volatile String finished;

    void learner(ActorRef<LearnerMessage> ref) {
        learner = ref;
        signal();
    }

    Optional<ActorRef<LearnerMessage>> learner() {
        return Optional.ofNullable(learner);
    }

    /** A (new) welcome: credits of an earlier learner are void, its weights too. */
    void welcome(WorkerMessage.Welcome w) {
        synchronized (credits) {
            credits.clear();
        }
        welcome = w;
        signal();
    }

    Optional<WorkerMessage.Welcome> welcome() {
        return Optional.ofNullable(welcome);
    }

    /** The learner is gone: wait for the next one. */
    void disconnected() {
        learner = null;
        welcome = null;
        weights.set(null);
        synchronized (credits) {
            credits.clear();
        }
        signal();
    }

    /** Keeps {@code w} unless newer weights are already here (pushes may overtake each other across reconnects). */
    void weights(Weights w) {
        weights.accumulateAndGet(w, (old, neu) -> old == null || neu.version() >= old.version() ? neu : old);
        signal();
    }

    Optional<Weights> weights() {
        return Optional.ofNullable(weights.get());
    }

    void credits(WorkerMessage.Credits c) {
        synchronized (credits) {
            credits.add(c);
        }
        signal();
    }

    /** The next granted global step index, or -1 when no credit is left. */
    long takeStep() {
        synchronized (credits) {
            WorkerMessage.Credits c = credits.poll();
            if (c == null) {
                return -1;
            }
            if (c.count() > 1) {
                credits.addFirst(new WorkerMessage.Credits(c.first() + 1, c.count() - 1));
            }
            return c.first();
        }
    }

    /** Env steps granted and not yet taken. */
    long creditsLeft() {
        synchronized (credits) {
            return credits.stream().mapToLong(WorkerMessage.Credits::count).sum();
        }
    }

    void acked(WorkerMessage.Ack ack) {
        acks.add(ack);
        signal();
    }

    void finish(String reason) {
        finished = reason;
        signal();
    }

    Optional<String> finished() {
        return Optional.ofNullable(finished);
    }

    /** Waits until something arrives or {@code millis} pass. */
    void await(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }

    private void signal() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
