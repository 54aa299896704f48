package dev.javelin.cluster;

import dev.javelin.env.Env;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.memory.ReplayBuffer;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.sac.Learner;
import dev.javelin.rl.sac.RandomStreams;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacAgent;
import dev.javelin.rl.sac.SacConfig;
import dev.javelin.rl.sac.SacEnv;
import dev.javelin.tensor.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SAC's learner in a cluster: the replay buffer takes every new transition batch, a trainer thread takes the
 * gradient steps due for the transitions inserted ({@link Sac#updatesDue}, the update-to-data ratio of
 * {@code javelin train}), and env steps are handed out as credits so that no worker acts on step t before the
 * updates due for step t - lead are done, lead being the credit window of all live workers together (as the
 * threads of {@code workers: K} wait K * train_freq steps ahead). Credits a lost worker held go back to the pool.
 */
final class SacCore implements LearnerCore {
    static final String INSERTED_KEY = "timestep";
    static final String NEXT_INDEX_KEY = "cluster.next_step_index";
    static final String LEDGER_KEY = "cluster.ledger";
    static final String REPLAY_GROUP = "replay";

    private final TrainContext<SacConfig> ctx;
    private final SacConfig c;
    private final ClusterOptions options;
    private final SacAgent agent;
    private final ReplayBuffer buffer;
    private final Learner learner;
    private final ClusterStats stats;
    private final EpisodeWindow episodes;
    private final SequenceLedger ledger = new SequenceLedger();
    private final Object agentLock = new Object();
    /** Notified when transitions come in, so the idle trainer wakes at once instead of polling. */
    private final Object arrived = new Object();
    private final long start;
    private final String configYaml;
    /** Inserted transitions: read by the trainer thread. */
    private final AtomicLong inserted;
    private final AtomicLong updatesDone;
    /** Credits per worker not yet returned as transitions. */
    private final Map<String, WorkerHandle> live = new LinkedHashMap<>();
    private final Map<String, Long> outstanding = new LinkedHashMap<>();
    private final long checkpointInterval;
    private long nextCheckpoint;
    /** Steps promised: inserted plus outstanding credits. */
    private long granted;
    /** The next global step index to hand out (only grows: indexes of a lost worker's credits are not reused). */
    private long nextIndex;
    private volatile boolean stop;
    private volatile Throwable failure;
    private Thread trainer;

    SacCore(TrainContext<SacConfig> ctx, ClusterOptions options, ClusterStats stats) {
        this.ctx = ctx;
        this.c = ctx.config();
        this.options = options;
        this.stats = stats;
        if (c.normalizeReward()) {
            throw new IllegalArgumentException("normalize_reward: true is not supported by javelin cluster (the return "
                    + "statistics live with the collectors); expected false");
        }
        Rng root = new Rng(c.seed());
        int stateDim;
        int actionDim;
        try (Env<float[], float[]> probe = SacEnv.make(ctx.envId(), c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        this.agent = new SacAgent(c, stateDim, actionDim, Sac.updatesDue(c, c.timesteps()), root.split());
        this.buffer = new ReplayBuffer(c.bufferSize(), stateDim, actionDim);
        long at = 0;
        long index = 0;
        if (ctx.resume()) {
            Path file = ctx.run().latestCheckpoint().orElseThrow(
                    () -> new IllegalArgumentException("cannot resume " + ctx.run() + ": no checkpoints/*.safetensors"));
            Checkpoint ck = Checkpoint.read(file);
            agent.load(ck, false);
            if (!ck.has(REPLAY_GROUP)) {
                throw new IllegalArgumentException("cannot resume " + file + " as a cluster run: it has no replay group "
                        + "(was it written by `javelin cluster learner`?)");
            }
            buffer.load(ck.group(REPLAY_GROUP));
            at = ck.longMetadata(INSERTED_KEY);
            index = ck.longMetadata(NEXT_INDEX_KEY);
            ledger.loadJson(ck.metadata(LEDGER_KEY));
        }
        if (at > c.timesteps()) {
            throw new IllegalArgumentException("cannot resume at step " + at + ": timesteps is " + c.timesteps());
        }
        this.start = at;
        this.inserted = new AtomicLong(at);
        this.granted = at;
        this.nextIndex = index;
        this.updatesDone = new AtomicLong(agent.updates());
        this.learner = new Learner(agent, buffer, Optional.empty(), c.batchSize(), new RandomStreams(root), ctx.logger());
        this.episodes = new EpisodeWindow(ctx.logger());
        this.checkpointInterval = c.experiment().checkpointIntervalFor(c.timesteps());
        this.nextCheckpoint = checkpointInterval > 0 ? (at / checkpointInterval + 1) * checkpointInterval : Long.MAX_VALUE;
        this.configYaml = Configs.toYaml(c);
        if (ctx.resume()) {
            System.out.printf("resumed at step %d: replay %d transitions, policy version %d, %d workers in the ledger%n",
                    at, buffer.size(), agent.updates(), ledger.state().size());
        }
    }

    @Override
    public Weights initialWeights() {
        synchronized (agentLock) {
            return new Weights(agent.updates(), Flat.of(agent.policy().state()));
        }
    }

    @Override
    public SequenceLedger ledger() {
        return ledger;
    }

    @Override
    public WorkerMessage.Welcome welcome(WorkerHandle worker, long lastSequence) {
        // each worker its own env seeds, different again after a resume
        return new WorkerMessage.Welcome("sac", ctx.envId(), configYaml, c.seed() + 7919 * worker.ordinal() + start,
                lastSequence);
    }

    @Override
    public void joined(WorkerHandle worker) {
        live.put(worker.id(), worker);
        outstanding.put(worker.id(), 0L);
        grant();
    }

    @Override
    public void lost(WorkerHandle worker) {
        live.remove(worker.id());
        Long owed = outstanding.remove(worker.id());
        if (owed != null) {
            granted -= owed;
        }
        grant();
    }

    @Override
    public boolean accept(Experience e, WorkerHandle worker) {
        TransitionBatch b = (TransitionBatch) e;
        Transitions t = b.transitions();
        if (t.stateDim() != buffer.stateDim() || t.actionDim() != buffer.actionDim()) {
            return false;
        }
        long version = updatesDone.get();
        int s = t.stateDim();
        int a = t.actionDim();
        for (int i = 0; i < t.size(); i++) {
            buffer.add(Arrays.copyOfRange(t.states(), i * s, (i + 1) * s),
                    Arrays.copyOfRange(t.actions(), i * a, (i + 1) * a), t.rewards()[i],
                    Arrays.copyOfRange(t.nextStates(), i * s, (i + 1) * s), t.dones()[i] != 0);
            stats.lag.add(version - b.versions()[i]);
        }
        long owed = outstanding.getOrDefault(worker.id(), 0L);
        // a batch may carry steps granted by a learner before a restart: those were never counted as granted here
        long covered = Math.min(owed, t.size());
        outstanding.put(worker.id(), owed - covered);
        granted += t.size() - covered;
        inserted.addAndGet(t.size());
        synchronized (arrived) {
            arrived.notifyAll();
        }
        stats.inserted(worker.id(), t.size());
        episodes.add(b.episodeReturns(), b.episodeLengths());
        if (inserted.get() >= nextCheckpoint && inserted.get() < c.timesteps()) {
            checkpoint(inserted.get());
            nextCheckpoint = (inserted.get() / checkpointInterval + 1) * checkpointInterval;
        }
        grant();
        return true;
    }

    @Override
    public void published(long version) {
        grant();
    }

    @Override
    public void tick() {
        grant();
    }

    /**
     * Tops every live worker's credits up to its window while the promised steps stay within what the updates
     * done allow: step t may be taken once the updates due for t - lead are done. Round robin: a worker that got
     * credits goes to the back, or with one credit free per update the first-joined worker would take them all.
     */
    private void grant() {
        long lead = (long) options.creditWindow() * Math.max(1, live.size());
        long allowed = Math.min(c.timesteps(), StepAllowance.coveredSteps(c, updatesDone.get()) + lead);
        for (WorkerHandle w : List.copyOf(live.values())) {
            long owed = outstanding.get(w.id());
            long n = Math.min(options.creditWindow() - owed, allowed - granted);
            if (n <= 0) {
                continue;
            }
            w.control().tell(new WorkerMessage.Credits(nextIndex + 1, Math.toIntExact(n)));
            nextIndex += n;
            granted += n;
            outstanding.put(w.id(), owed + n);
            live.remove(w.id());
            live.put(w.id(), w);
        }
    }

    @Override
    public long steps() {
        return inserted.get();
    }

    @Override
    public boolean done() {
        return failure != null || inserted.get() >= c.timesteps() && updatesDone.get() >= Sac.updatesDue(c, c.timesteps());
    }

    @Override
    public void start(LearnerActor.Publisher publisher) {
        trainer = Thread.ofPlatform().name("sac-cluster-trainer").daemon().start(() -> {
            try {
                train(publisher);
            } catch (Throwable e) {
                failure = e;
            }
        });
    }

    /** Gradient steps as transitions come in; each one published as the next version. */
    private void train(LearnerActor.Publisher publisher) throws InterruptedException {
        long total = Sac.updatesDue(c, c.timesteps());
        while (!stop && updatesDone.get() < total) {
            synchronized (arrived) {
                if (updatesDone.get() >= Sac.updatesDue(c, inserted.get())) {
                    arrived.wait(10);
                    continue;
                }
            }
            float[] weights;
            synchronized (agentLock) {
                learner.update();
                weights = Flat.of(agent.policy().state());
            }
            publisher.publish(new Weights(updatesDone.incrementAndGet(), weights));
        }
    }

    /** Called on the actor's thread, so the buffer, counters and ledger agree. */
    private void checkpoint(long step) {
        Checkpoint ck;
        synchronized (agentLock) {
            ck = agent.checkpoint();
        }
        ck.put(REPLAY_GROUP, buffer.state()).meta(INSERTED_KEY, step).meta(NEXT_INDEX_KEY, nextIndex)
                .meta(LEDGER_KEY, ledger.json());
        ctx.saveCheckpoint(ck, step);
    }

    @Override
    public long stop() throws Exception {
        long step = inserted.get();
        endTrainer();
        try {
            checkpoint(step);
        } finally {
            agent.close();
        }
        return step;
    }

    /** Stops the trainer after its current update and rethrows what it failed with. */
    private void endTrainer() throws Exception {
        stop = true;
        trainer.join();
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    @Override
    public TrainResult finish(double trainSeconds) throws Exception {
        endTrainer();
        checkpoint(inserted.get());
        agent.close();
        EvalResult eval;
        try (RescaleAction<float[]> bounds = SacEnv.make(ctx.envId(), c.envKwargs())) {
            eval = Evaluation.run(ctx.envId(), c.envKwargs(), c.seed(), c.evalEpisodes(), Optional.empty(),
                    s -> bounds.rescale(agent.policy().deterministic(s)));
        }
        return new TrainResult(inserted.get() - start, trainSeconds, eval);
    }

    @Override
    public double recentReturn() {
        return episodes.recentReturn();
    }
}
