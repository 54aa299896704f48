package dev.javelin.cluster;

import dev.javelin.env.Envs;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoAgent;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.env.Space;
import dev.javelin.tensor.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Synchronous PPO's learner in a cluster: a round collects one fragment per live worker, all acted by the
 * current version; the update is built from them alone (the workers' envs side by side, as one vector env of
 * their total size) once every live worker's fragment is in, or once the round timeout passed since the round's
 * first fragment and at least min_worker_share of them are, so one straggler cannot stall the run (the timeout
 * measures how far the others trail the first, not the collection itself, which may take longer). Fragments of an older version, or that
 * arrive while the update runs, are late: counted and dropped. Each update is published as the next version.
 */
final class PpoCore implements LearnerCore {
    static final String STEP_KEY = "timestep";
    static final String VERSION_KEY = "cluster.version";
    static final String LEDGER_KEY = "cluster.ledger";
    private static final List<String> COLUMNS = List.of("rewards", "terminated", "truncated", "log_prob", "values");

    private final TrainContext<PpoConfig> ctx;
    private final PpoConfig c;
    private final ClusterOptions options;
    private final ClusterStats stats;
    private final PpoAgent agent;
    private final int stateSize;
    private final SequenceLedger ledger = new SequenceLedger();
    private final EpisodeWindow episodes;
    private final String configYaml;
    private final long start;
    private final AtomicLong steps;
    private final Map<String, WorkerHandle> live = new LinkedHashMap<>();
    private final Map<String, RolloutFragment> round = new LinkedHashMap<>();
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
            .name("ppo-cluster-trainer").daemon().unstarted(r));
    private final long checkpointInterval;
    private long lastCheckpoint;
    private LearnerActor.Publisher publisher;
    private volatile long version;
    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier clock;
    private boolean collecting = true;
    /** When the round's first fragment came in. */
    private long roundStarted;
    private Future<?> update;
    private volatile Throwable failure;

    PpoCore(TrainContext<PpoConfig> ctx, ClusterOptions options, ClusterStats stats) {
        this(ctx, options, stats, System::nanoTime);
    }

    PpoCore(TrainContext<PpoConfig> ctx, ClusterOptions options, ClusterStats stats, LongSupplier clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.c = ctx.config();
        this.options = options;
        this.stats = stats;
        if (c.randomTimesteps() > 0) {
            throw new IllegalArgumentException("random_timesteps: " + c.randomTimesteps() + " is not supported by javelin "
                    + "cluster ppo; expected 0");
        }
        Space<?> actionSpace;
        try (VectorEnv probe = Envs.makeVec(ctx.envId(), 1, 1, c.envKwargs())) {
            stateSize = probe.observationSize();
            actionSpace = probe.singleActionSpace();
        }
        Optional<Checkpoint> resumed = Optional.empty();
        if (ctx.resume()) {
            Path file = ctx.run().latestCheckpoint().orElseThrow(
                    () -> new IllegalArgumentException("cannot resume " + ctx.run() + ": no checkpoints/*.safetensors"));
            resumed = Optional.of(Checkpoint.read(file));
        }
        this.start = resumed.map(r -> r.longMetadata(STEP_KEY)).orElse(0L);
        this.agent = new PpoAgent(c, stateSize, actionSpace, new Rng(c.seed() ^ (start * 0x9E3779B97F4A7C15L)).split(),
                ctx.threads());
        resumed.ifPresent(r -> {
            agent.restore(r);
            if (!r.metadata().containsKey(VERSION_KEY)) {
                throw new IllegalArgumentException("cannot resume this checkpoint as a cluster run: it has no "
                        + VERSION_KEY + " (was it written by `javelin cluster learner`?)");
            }
            version = r.longMetadata(VERSION_KEY);
            ledger.loadJson(r.metadata(LEDGER_KEY));
            System.out.printf("resumed at step %d: policy version %d, %d workers in the ledger%n", start, version,
                    ledger.state().size());
        });
        this.steps = new AtomicLong(start);
        this.lastCheckpoint = start;
        this.episodes = new EpisodeWindow(ctx.logger());
        this.configYaml = Configs.toYaml(c);
        this.checkpointInterval = c.experiment().checkpointIntervalFor(c.timesteps());
    }

    @Override
    public Weights initialWeights() {
        return new Weights(version, Flat.of(ActingState.tensors(agent.actingState())));
    }

    @Override
    public SequenceLedger ledger() {
        return ledger;
    }

    @Override
    public WorkerMessage.Welcome welcome(WorkerHandle worker, long lastSequence) {
        // each worker its own env seeds, different again after a resume
        return new WorkerMessage.Welcome("ppo", ctx.envId(), configYaml, c.seed() + 7919 * worker.ordinal() + start,
                lastSequence);
    }

    @Override
    public void joined(WorkerHandle worker) {
        live.put(worker.id(), worker);
    }

    @Override
    public void lost(WorkerHandle worker) {
        live.remove(worker.id());
        tick();
    }

    @Override
    public boolean accept(Experience e, WorkerHandle worker) {
        RolloutFragment f = (RolloutFragment) e;
        if (!collecting || f.version() != version || round.containsKey(worker.id())) {
            return false;
        }
        if (f.rollouts() != c.rollouts() || f.stateSize() != stateSize || f.actionSize() != agent.actionSize()) {
            throw new IllegalArgumentException("worker " + worker.id() + " sent " + f.rollouts() + " rollouts of state size "
                    + f.stateSize() + " and action size " + f.actionSize() + "; expected " + c.rollouts() + ", "
                    + stateSize + " and " + agent.actionSize());
        }
        if (round.isEmpty()) {
            roundStarted = clock.getAsLong();
        }
        round.put(worker.id(), f);
        episodes.add(f.episodeReturns(), f.episodeLengths());
        tick();
        return true;
    }

    @Override
    public void tick() {
        if (!collecting || round.isEmpty() || steps.get() >= c.timesteps()) {
            return;
        }
        long in = live.keySet().stream().filter(round::containsKey).count();
        boolean all = in == live.size();
        boolean timedOut = clock.getAsLong() - roundStarted > options.roundTimeout().toNanos()
                && in >= Math.ceil(options.minWorkerShare() * live.size());
        if (all || timedOut) {
            collecting = false;
            List<RolloutFragment> fragments = new ArrayList<>(round.values());
            round.clear();
            for (RolloutFragment f : fragments) {
                stats.inserted(f.worker(), f.steps());
            }
            long after = steps.get() + fragments.stream().mapToLong(RolloutFragment::steps).sum();
            update = trainer.submit(() -> {
                try {
                    train(fragments, after);
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }
    }

    /** One PPO update on the round's fragments, side by side as one vector env; published as the next version. */
    private void train(List<RolloutFragment> fragments, long after) {
        int n = fragments.stream().mapToInt(RolloutFragment::envs).sum();
        int a = agent.actionSize();
        RolloutMemory memory = new RolloutMemory(c.rollouts(), n);
        memory.create("states", stateSize);
        memory.create("actions", a);
        for (String name : new String[] {"rewards", "terminated", "truncated", "log_prob", "values", "returns", "advantages"}) {
            memory.create(name, 1);
        }
        for (int r = 0; r < c.rollouts(); r++) {
            memory.put("states", row(fragments, r, stateSize, RolloutFragment::states));
            memory.put("actions", row(fragments, r, a, RolloutFragment::actions));
            memory.put("rewards", row(fragments, r, 1, RolloutFragment::rewards));
            memory.put("terminated", row(fragments, r, 1, RolloutFragment::terminated));
            memory.put("truncated", row(fragments, r, 1, RolloutFragment::truncated));
            memory.put("log_prob", row(fragments, r, 1, RolloutFragment::logProb));
            memory.put("values", row(fragments, r, 1, RolloutFragment::values));
            memory.advance();
        }
        float[] lastValues = new float[n];
        int at = 0;
        for (RolloutFragment f : fragments) {
            System.arraycopy(f.lastValues(), 0, lastValues, at, f.envs());
            at += f.envs();
        }
        synchronized (ctx.logger()) {
            agent.update(memory, lastValues, Math.min(1.0, (double) after / c.timesteps()), ctx.logger());
        }
        for (RolloutFragment f : fragments) {
            stats.lag.add(version - f.version());
        }
        Weights next = new Weights(version + 1, Flat.of(ActingState.tensors(agent.actingState())));
        version = next.version();
        steps.set(after);
        publisher.publish(next);
    }

    /** Row {@code r} of every fragment's column, concatenated: the envs of all workers side by side. */
    private static float[] row(List<RolloutFragment> fragments, int r, int size,
            java.util.function.Function<RolloutFragment, float[]> column) {
        int n = fragments.stream().mapToInt(RolloutFragment::envs).sum();
        float[] out = new float[n * size];
        int at = 0;
        for (RolloutFragment f : fragments) {
            int len = f.envs() * size;
            System.arraycopy(column.apply(f), r * len, out, at, len);
            at += len;
        }
        return out;
    }

    @Override
    public void published(long published) {
        collecting = true;
        round.clear();
        long now = steps.get();
        if (checkpointInterval > 0 && now / checkpointInterval > lastCheckpoint / checkpointInterval && now < c.timesteps()) {
            checkpoint(now);
            lastCheckpoint = now;
        }
    }

    /** On the actor's thread between updates, so model, counters and ledger agree. */
    private void checkpoint(long step) {
        ctx.saveCheckpoint(agent.checkpoint().meta(STEP_KEY, step).meta(VERSION_KEY, version).meta(LEDGER_KEY, ledger.json()),
                step);
    }

    @Override
    public long steps() {
        return steps.get();
    }

    @Override
    public double recentReturn() {
        return episodes.recentReturn();
    }

    @Override
    public boolean done() {
        return failure != null || steps.get() >= c.timesteps() && (update == null || update.isDone());
    }

    @Override
    public void start(LearnerActor.Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public long stop() throws Exception {
        // an update under way ends first: it is the safe point, and its version is what the checkpoint holds
        if (update != null) {
            update.get();
        }
        trainer.shutdown();
        try {
            if (failure instanceof Exception e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            }
            checkpoint(steps.get());
            return steps.get();
        } finally {
            agent.close();
        }
    }

    @Override
    public TrainResult finish(double trainSeconds) throws Exception {
        trainer.shutdown();
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
        checkpoint(steps.get());
        try {
            EvalResult eval = Evaluation.run(ctx.envId(), c.envKwargs(), Evaluation.seedFor(c.seed()), c.evalEpisodes(), Optional.empty(),
                    obs -> agent.deterministic(obs, 1));
            return new TrainResult(steps.get() - start, trainSeconds, eval);
        } finally {
            agent.close();
        }
    }
}
