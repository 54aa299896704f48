package dev.javelin.rl.sac;

import dev.javelin.env.Env;
import dev.javelin.env.wrappers.RescaleAction;
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
 * The run of an off-policy learner (SAC, TD3, DDPG), whatever its gradient step: with {@code workers: 1} one
 * thread alternates env steps and gradient steps (deterministic for a seed); with K workers, K collector
 * threads and one learner thread share the networks and the replay buffer ({@link ParallelLoop}). Also the
 * checks, evaluation and demonstration recording these algorithms share.
 */
public final class OffPolicyTraining {
    static final String STEP_KEY = RunDirectory.STEP_KEY;
    static final String REPLAY_DIR = "replay";
    static final String REPLAY_GROUP = "replay";

    private OffPolicyTraining() {
    }

    /**
     * Builds an algorithm's agent for an env's sizes.
     *
     * @param <C> the algorithm's config record
     */
    @FunctionalInterface
    public interface Agents<C> {
        /**
         * The agent, initialized from {@code rng}.
         *
         * @param totalUpdates gradient steps the run will take, for learning-rate schedules (1 when only acting)
         */
        OffPolicyAgent create(C config, int stateDim, int actionDim, long totalUpdates, Rng rng);
    }

    /** Refuses an env without Box observations and bounded Box actions, or a replay buffer beyond the heap. */
    public static void check(String algorithm, String envId, OffPolicyConfig c) {
        int stateDim;
        int actionDim;
        try (Env<float[], float[]> probe = SacEnv.make(envId, c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        // the replay buffer: state, next state, action, reward and done per transition, float32
        MemoryBudget.require(algorithm + "'s replay buffer",
                MemoryBudget.product(c.bufferSize(), 2L * stateDim + actionDim + 2, 4), "buffer_size");
    }

    /** Trains as {@link dev.javelin.rl.Algorithm#train} asks, with the agents {@code agents} builds. */
    public static <C extends Record & OffPolicyConfig> TrainResult train(TrainContext<C> ctx, String algorithm, Agents<C> agents)
            throws Exception {
        C c = ctx.config();
        Rng root = new Rng(c.seed());
        int stateDim;
        int actionDim;
        try (Env<float[], float[]> probe = SacEnv.make(ctx.envId(), c.envKwargs())) {
            stateDim = SacEnv.stateDim(probe);
            actionDim = SacEnv.actionDim(probe);
        }
        OffPolicyAgent agent = agents.create(c, stateDim, actionDim, Sac.updatesDue(c, c.timesteps()), root.split());
        ReplayBuffer buffer = HerSettings.buffer(c, ctx.envId(), stateDim, actionDim);
        Optional<Demonstrations> demos = c.demonstrations().map(p -> demonstrations(c, Path.of(p), stateDim, actionDim));

        long start = 0;
        if (ctx.resume()) {
            Path file = ctx.run().latestCheckpoint().orElseThrow(
                    () -> new IllegalArgumentException("cannot resume " + ctx.run() + ": no checkpoints/*.safetensors"));
            start = load(agent, file, false, algorithm);
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
    private static long sequential(TrainContext<? extends OffPolicyConfig> ctx, OffPolicyAgent agent, ReplayBuffer buffer,
            Learner learner, Checkpoints checkpoints, long start, RandomStreams collection) {
        OffPolicyConfig c = ctx.config();
        Logger logger = ctx.logger();
        try (Collector collector = new Collector(ctx.envId(), collection, logger, c, agent.rewardNormalizer())) {
            long done = Sac.updatesDue(c, start);
            long t = start;
            while (t < c.timesteps() && !ctx.stopRequested()) {
                t++;
                collector.step(t, agent.policy(), c.randomAt(t), buffer);
                for (long due = Sac.updatesDue(c, t); done < due; done++) {
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

    private static Demonstrations demonstrations(OffPolicyConfig c, Path file, int stateDim, int actionDim) {
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
    public static long load(OffPolicyAgent agent, Path file, boolean policyOnly, String algorithm) {
        Checkpoint c = Checkpoint.read(file);
        try {
            agent.load(c, policyOnly);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit this " + algorithm + " config: "
                    + e.getMessage(), e);
        }
        return c.longMetadata(STEP_KEY);
    }

    static Path replayFile(Path run, Path checkpoint) {
        return run.resolve(REPLAY_DIR).resolve(checkpoint.getFileName());
    }

    private static <C extends Record & OffPolicyConfig> OffPolicyAgent agentFor(C c, String envId, Agents<C> agents) {
        try (Env<float[], float[]> probe = SacEnv.make(envId, c.envKwargs())) {
            return agents.create(c, SacEnv.stateDim(probe), SacEnv.actionDim(probe), 1, new Rng(c.seed()));
        }
    }

    /** Deterministic evaluation of a checkpoint, as {@link dev.javelin.rl.Algorithm#evaluate} asks. */
    public static <C extends Record & OffPolicyConfig> EvalResult evaluate(EvalContext<C> ctx, String algorithm,
            Agents<C> agents) {
        try (OffPolicyAgent agent = agentFor(ctx.config(), ctx.envId(), agents)) {
            load(agent, ctx.checkpoint(), true, algorithm);
            return evaluate(agent.policy(), ctx.envId(), ctx.config().envKwargs(), ctx.seed(), ctx.episodes(), ctx.video());
        }
    }

    /** The shared deterministic evaluation, with the policy's [-1, 1] actions mapped onto the env's bounds. */
    private static EvalResult evaluate(ActingPolicy policy, String envId, Map<String, Object> envKwargs, long seed,
            int episodes, Optional<Path> video) {
        try (RescaleAction<float[]> bounds = SacEnv.make(envId, envKwargs)) {
            return Evaluation.run(envId, envKwargs, seed, episodes, video, s -> bounds.rescale(policy.deterministic(s)));
        }
    }

    /** Writes {@code transitions} of a checkpoint's deterministic policy, as {@link dev.javelin.rl.Algorithm#recordDemonstrations}. */
    public static <C extends Record & OffPolicyConfig> int recordDemonstrations(EvalContext<C> ctx, int transitions, Path out,
            String algorithm, Agents<C> agents) {
        if (transitions < 1) {
            throw new IllegalArgumentException("--record-demos must be >= 1 transitions, got " + transitions);
        }
        try (OffPolicyAgent agent = agentFor(ctx.config(), ctx.envId(), agents)) {
            load(agent, ctx.checkpoint(), true, algorithm);
            Transitions t = DemoRecorder.record(agent.policy(), ctx.envId(), ctx.config().envKwargs(), ctx.seed(), transitions);
            Demonstrations.write(out, t);
            return t.size();
        }
    }
}
