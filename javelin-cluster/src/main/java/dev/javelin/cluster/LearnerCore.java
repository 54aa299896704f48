package dev.javelin.cluster;

import dev.javelin.rl.TrainResult;

/**
 * The algorithm's side of a cluster learner, driven by {@link LearnerActor} on its thread (so its state needs no
 * lock against the actor) while its own trainer thread takes the gradient steps.
 */
interface LearnerCore {
    /** The weights workers act with until the first update (the initial or resumed policy). */
    Weights initialWeights();

    /** The batches held per worker; read and written on the actor's thread, saved in checkpoints. */
    SequenceLedger ledger();

    /** The welcome of a worker, with the last sequence number of its incarnation the ledger holds. */
    WorkerMessage.Welcome welcome(WorkerHandle worker, long lastSequence);

    void joined(WorkerHandle worker);

    /** The worker left or was removed; experience still owed by it will not come. */
    void lost(WorkerHandle worker);

    /** New experience (the ledger has checked it is neither a duplicate nor stale); false when it was dropped. */
    boolean accept(Experience experience, WorkerHandle worker);

    /** The trainer published a new version (already pushed to workers). */
    void published(long version);

    /** Called every few milliseconds: timeouts, credits. */
    void tick();

    /** Env steps inserted so far (counted towards the budget). */
    long steps();

    /** Mean return of the last finished episodes (NaN before one ended), for the progress line. */
    double recentReturn();

    /** Whether the step budget is reached and its gradient steps are done. */
    boolean done();

    /** Starts the trainer thread; the actor is ready to take its publications. */
    void start(LearnerActor.Publisher publisher);

    /**
     * An orderly stop, on the actor's thread (so no batch comes in meanwhile): ends the trainer at a safe point
     * (never inside an update), writes a checkpoint of everything inserted so far (agent, for SAC the replay
     * buffer, the counters, the policy version and the ledger), releases the agent and returns the checkpoint's step.
     */
    long stop() throws Exception;

    /** Waits for the trainer thread, saves the last checkpoint and evaluates the final policy. */
    TrainResult finish(double trainSeconds) throws Exception;
}
