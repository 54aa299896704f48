package dev.javelin.cluster;

import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A worker's actors: the control actor (guardian) finds the learner through the Receptionist and joins it, asking
 * again until welcomed; a child "weights" actor takes the weight pushes on Artery's large-message channel. Both
 * only hand what they receive to the {@link WorkerInbox}; acting happens on the worker's own thread.
 */
final class WorkerActor {
    private static final Duration REJOIN = Duration.ofSeconds(2);
    /**
     * How long after the learner actor's end a Finished may still arrive (it is sent just before): on a loaded machine
     * 1 s was too short, and a worker of a completed run waited for a --resume that never came.
     */
    private static final Duration FINISHED_GRACE = Duration.ofSeconds(10);

    private record Learners(Set<ActorRef<LearnerMessage>> refs) implements WorkerMessage {
    }

    private enum Rejoin implements WorkerMessage { INSTANCE }

    /** The learner actor stopped (an orderly stop, or its node is gone). */
    private record LearnerGone(ActorRef<LearnerMessage> learner) implements WorkerMessage {
    }

    /** Still no end of the run some time after the learner stopped: start over and wait for it to come back. */
    private enum StartOver implements WorkerMessage { INSTANCE }

    private WorkerActor() {
    }

    static Behavior<WorkerMessage> create(WorkerInbox inbox, WorkerOptions options, long incarnation) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<Weights> weights = context.spawn(Behaviors.receiveMessage(w -> {
                inbox.weights(w);
                return Behaviors.same();
            }), "weights");
            ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                    l -> new Learners(l.getServiceInstances(LearnerActor.KEY)));
            context.getSystem().receptionist().tell(Receptionist.subscribe(LearnerActor.KEY, listings));
            timers.startTimerWithFixedDelay(Rejoin.INSTANCE, REJOIN);
            LearnerMessage.Join join = new LearnerMessage.Join(options.id(), incarnation, options.envs(), context.getSelf(),
                    weights);
            return Behaviors.receive(WorkerMessage.class)
                    .onMessage(Learners.class, l -> {
                        if (!l.refs().isEmpty()) {
                            ActorRef<LearnerMessage> learner = l.refs().iterator().next();
                            if (inbox.learner().filter(learner::equals).isEmpty()) {
                                inbox.learner(learner);
                                context.watchWith(learner, new LearnerGone(learner));
                                learner.tell(join);
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Rejoin.INSTANCE, () -> {
                        if (inbox.welcome().isEmpty()) {
                            inbox.learner().ifPresent(learner -> learner.tell(join));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(LearnerGone.class, g -> {
                        if (inbox.learner().filter(g.learner()::equals).isPresent()) {
                            timers.startSingleTimer(StartOver.INSTANCE, FINISHED_GRACE);
                        }
                        return Behaviors.same();
                    })
                    // a learner that stopped in order left the cluster without downing this node: stopping the
                    // guardian ends this actor system, and ClusterWorker joins the learner's address again
                    .onMessageEquals(StartOver.INSTANCE, () -> inbox.finished().isPresent() ? Behaviors.same()
                            : Behaviors.stopped())
                    .onMessage(WorkerMessage.Welcome.class, w -> {
                        inbox.welcome(w);
                        return Behaviors.same();
                    })
                    .onMessage(WorkerMessage.Credits.class, c -> {
                        inbox.credits(c);
                        return Behaviors.same();
                    })
                    .onMessage(WorkerMessage.Ack.class, a -> {
                        inbox.acked(a);
                        return Behaviors.same();
                    })
                    .onMessage(WorkerMessage.Finished.class, f -> {
                        inbox.finish(f.reason());
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }
}
