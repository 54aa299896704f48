package dev.javelin.rl.sac;

import dev.javelin.env.Env;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.MemoryBudget;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.ReplayBuffer;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.kernel.Parallelism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Soft Actor-Critic as {@code javelin train sac <env>}: with {@code workers: 1} one thread alternates env
 * steps and gradient steps (deterministic for a seed); with K workers, K collector threads and one learner
 * thread share the networks and the replay buffer ({@link ParallelLoop}).
 */
public final class Sac implements Algorithm<SacConfig> {
    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Sac() {
    }

    static final String STEP_KEY = RunDirectory.STEP_KEY;
    static final String REPLAY_DIR = "replay";
    static final String REPLAY_GROUP = "replay";

    @Override
    public String name() {
        return "sac";
    }

    @Override
    public String description() {
        return "Soft Actor-Critic (twin Q, tanh Gaussian, learned entropy), parallel collectors, demonstrations";
    }

    @Override
    public Class<SacConfig> configClass() {
        return SacConfig.class;
    }

    /** Gradient steps due once {@code envSteps} env steps are done: every train_freq steps after learning_starts. */
    public static long updatesDue(SacConfig c, long envSteps) {
        if (envSteps <= c.learningStarts()) {
            return 0;
        }
        return (envSteps / c.trainFreq() - c.learningStarts() / c.trainFreq()) * c.gradientSteps();
    }

    @Override
    public void check(String envId, SacConfig c) {
        int stateDim;
        int actionDim;
        try (Env<float[], float[]> probe = SacEnv.make(envId, c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        // the replay buffer: state, next state, action, reward and done per transition, float32
        MemoryBudget.require("SAC's replay buffer", MemoryBudget.product(c.bufferSize(), 2L * stateDim + actionDim + 2, 4),
                "buffer_size");
    }

    @Override
    public TrainResult train(TrainContext<SacConfig> ctx) throws Exception {
        SacConfig c = ctx.config();
        Rng root = new Rng(c.seed());
        int stateDim;
        int actionDim;
        try (Env<float[], float[]> probe = SacEnv.make(ctx.envId(), c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        SacAgent agent = new SacAgent(c, stateDim, actionDim, updatesDue(c, c.timesteps()), root.split());
        ReplayBuffer buffer = HerSettings.buffer(c, ctx.envId(), stateDim, actionDim);
        Optional<Demonstrations> demos = c.demonstrations().map(p -> demonstrations(c, Path.of(p), stateDim, actionDim));

        long start = 0;
        if (ctx.resume()) {
            Path file = ctx.run().latestCheckpoint().orElseThrow(
                    () -> new IllegalArgumentException("cannot resume " + ctx.run() + ": no checkpoints/*.safetensors"));
            start = load(agent, file, false);
            Path replay = replayFile(ctx.run().path(), file);
            if (Files.isRegularFile(replay)) {
                buffer.load(Checkpoint.read(replay).group(REPLAY_GROUP));
            }
        }
        if (start > c.timesteps()) {
            throw new IllegalArgumentException("cannot resume at step " + start + ": timesteps is " + c.timesteps());
        }
        Learner learner = new Learner(agent, buffer, demos, c.batchSize(), new RandomStreams(root), ctx.logger());
        RandomStreams collection = new RandomStreams(root);
        Checkpoints checkpoints = new Checkpoints(ctx, agent, buffer, start);
        long t0 = System.nanoTime();
        // the learner's products split over --threads kernel threads (same bits for any count)
        int kernelThreads = Parallelism.threads();
        Parallelism.setThreads(ctx.threads());
        long end;
        try {
            end = c.workers() == 1 ? sequential(ctx, agent, buffer, learner, checkpoints, start, collection)
                    : new ParallelLoop(ctx, agent, buffer, learner, checkpoints, start, collection).run();
        } finally {
            Parallelism.setThreads(kernelThreads);
            agent.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ctx.endIfStopped(end);
        EvalResult eval = evaluate(agent.policy(), ctx.envId(), c.envKwargs(), Evaluation.seedFor(c.seed()), c.evalEpisodes(),
                Optional.empty());
        return new TrainResult(end - start, seconds, eval);
    }

    /**
     * One thread: env step, then the gradient steps due, in a fixed order, so a seed fixes the run (and a run
     * resumed with its replay at an episode boundary continues as if it had not stopped). Returns the step
     * it ended at: the timesteps, or where a stop was asked.
     */
    private static long sequential(TrainContext<SacConfig> ctx, SacAgent agent, ReplayBuffer buffer, Learner learner,
            Checkpoints checkpoints, long start, RandomStreams collection) {
        SacConfig c = ctx.config();
        Logger logger = ctx.logger();
        try (Collector collector = new Collector(ctx.envId(), collection, logger, c, agent.rewardNormalizer())) {
            long done = updatesDue(c, start);
            long t = start;
            while (t < c.timesteps() && !ctx.stopRequested()) {
                t++;
                collector.step(t, agent.policy(), c.randomAt(t), buffer);
                for (long due = updatesDue(c, t); done < due; done++) {
                    learner.update();
                }
                synchronized (logger) {
                    logger.step(t);
                }
                ctx.progress().update(t, collector.recentReturn());
                checkpoints.maybeSave(t);
            }
            checkpoints.save(t);
            return t;
        }
    }

    private static Demonstrations demonstrations(SacConfig c, Path file, int stateDim, int actionDim) {
        Transitions t = Demonstrations.read(file);
        if (t.stateDim() != stateDim || t.actionDim() != actionDim) {
            throw new IllegalArgumentException("demonstrations " + file + " have state dim " + t.stateDim()
                    + " and action dim " + t.actionDim() + ", the env has " + stateDim + " and " + actionDim);
        }
        float scale = (float) c.rewardsShaperScale();
        float[] rewards = t.rewards().clone();
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] *= scale;
        }
        return new Demonstrations(new Transitions(t.size(), t.stateDim(), t.actionDim(), t.states(), t.actions(),
                rewards, t.nextStates(), t.dones()), c.demonstrationsRatio());
    }

    /** Loads a checkpoint into {@code agent}; returns the env step it was written at. */
    static long load(SacAgent agent, Path file, boolean policyOnly) {
        Checkpoint c = Checkpoint.read(file);
        try {
            agent.load(c, policyOnly);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit this SAC config: " + e.getMessage(), e);
        }
        return c.longMetadata(STEP_KEY);
    }

    static Path replayFile(Path run, Path checkpoint) {
        return run.resolve(REPLAY_DIR).resolve(checkpoint.getFileName());
    }

    private static SacAgent agentFor(SacConfig c, String envId) {
        try (Env<float[], float[]> probe = SacEnv.make(envId, c.envKwargs())) {
            return new SacAgent(c, SacEnv.stateDim(probe), SacEnv.actionDim(probe), 1, new Rng(c.seed()));
        }
    }

    @Override
    public EvalResult evaluate(EvalContext<SacConfig> ctx) {
        SacAgent agent = agentFor(ctx.config(), ctx.envId());
        load(agent, ctx.checkpoint(), true);
        return evaluate(agent.policy(), ctx.envId(), ctx.config().envKwargs(), ctx.seed(), ctx.episodes(), ctx.video());
    }

    /** The shared deterministic evaluation, with the policy's [-1, 1] actions mapped onto the env's bounds. */
    private static EvalResult evaluate(Policy policy, String envId, Map<String, Object> envKwargs, long seed, int episodes,
                                       Optional<Path> video) {
        try (RescaleAction<float[]> bounds = SacEnv.make(envId, envKwargs)) {
            return Evaluation.run(envId, envKwargs, seed, episodes, video, s -> bounds.rescale(policy.deterministic(s)));
        }
    }

    @Override
    public int recordDemonstrations(EvalContext<SacConfig> ctx, int transitions, Path out) {
        if (transitions < 1) {
            throw new IllegalArgumentException("--record-demos must be >= 1 transitions, got " + transitions);
        }
        SacAgent agent = agentFor(ctx.config(), ctx.envId());
        load(agent, ctx.checkpoint(), true);
        Transitions t = DemoRecorder.record(agent.policy(), ctx.envId(), ctx.config().envKwargs(), ctx.seed(), transitions);
        Demonstrations.write(out, t);
        return t.size();
    }
}
