package dev.javelin.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/** A worker as the learner knows it while it is a member: who, which incarnation, its envs and where to send to. */
record WorkerHandle(String id, long incarnation, int envs, ActorRef<WorkerMessage> control, ActorRef<Weights> weights,
                    long joinedNanos) {
}
