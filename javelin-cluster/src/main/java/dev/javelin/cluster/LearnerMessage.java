package dev.javelin.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/** What the learner actor receives: joins and acknowledgements from workers, their experience, and its own events. */
public interface LearnerMessage {
    /**
     * A worker asks to take part. {@code incarnation} is new for every start of the worker process, so the learner
     * tells a restarted worker from a redelivery of its predecessor's batches.
     */
    record Join(String worker, long incarnation, int envs, ActorRef<WorkerMessage> control, ActorRef<Weights> weights)
            implements LearnerMessage, ControlMessage {
        public Join {
            if (worker.isBlank()) {
                throw new IllegalArgumentException("Join: worker id must not be blank");
            }
            if (envs < 1) {
                throw new IllegalArgumentException("Join: worker " + worker + " offers " + envs + " envs; expected >= 1");
            }
        }
    }

    /** The worker installed weights {@code version}: the learner may push the next one (at most one in flight). */
    record WeightsAck(String worker, long incarnation, long version) implements LearnerMessage, ControlMessage {
    }
}
