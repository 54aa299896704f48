package dev.javelin.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * A worker as the learner knows it while it is a member: who, which incarnation, its envs, where to send to, and
 * the how-many-th join of the run it was (its envs' seed derives from it).
 */
record WorkerHandle(String id, long incarnation, int envs, ActorRef<WorkerMessage> control, ActorRef<Weights> weights,
                    long ordinal) {
}
