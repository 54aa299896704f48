package dev.javelin.rl.dreamer;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.render.Pixels;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import dev.javelin.env.wrappers.PixelObservation;
import dev.javelin.env.wrappers.RescaleAction;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.MemoryBudget;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.EpisodeTracker;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DreamerV3 as the command line runs it: {@code javelin train dreamer CartPole-v1 --config presets/dreamer/...}.
 * Collects with the exploring policy into the sequence replay, and trains {@code train_ratio / (batch_size *
 * batch_length)} updates per env step once a whole sequence is stored. Continuous actions are rescaled to
 * [-1, 1]; with {@code pixels: true} the env is observed through its rendering at image_size x image_size.
 * Checkpoints hold the networks, optimizers and percentile return scale, not the replay: a resumed run refills it.
 */
public final class Dreamer implements Algorithm<DreamerConfig> {
    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Dreamer() {
    }

    static final String TIMESTEP = RunDirectory.STEP_KEY;
    static final String UPDATES = "updates";

    @Override
    public String name() {
        return "dreamer";
    }

    @Override
    public String description() {
        return "DreamerV3: world model with categorical latents, actor-critic in imagination, fixed hyperparameters";
    }

    @Override
    public Class<DreamerConfig> configClass() {
        return DreamerConfig.class;
    }

    /** The env as the agent sees it: actions of a Box in [-1, 1], pixels channel-first when configured. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Env<float[], Object> makeEnv(String envId, DreamerConfig c) {
        Env env = Envs.make(envId, c.envKwargs());
        if (env.actionSpace() instanceof Box) {
            env = new RescaleAction(env, -1f, 1f);
        } else if (!(env.actionSpace() instanceof Discrete)) {
            throw new IllegalArgumentException("dreamer: " + envId + " has action space " + env.actionSpace()
                    + ", expected Discrete or Box");
        }
        if (c.pixels()) {
            env = new PixelObservation(env, c.imageSize(), c.imageSize(), Pixels.Layout.CHW);
        } else if (!(env.observationSpace() instanceof Box b) || b.shape().length != 1) {
            throw new IllegalArgumentException("dreamer: " + envId + " has observations " + env.observationSpace()
                    + ", expected a 1-D Box (or set pixels: true)");
        }
        return (Env<float[], Object>) env;
    }

    /** Steps per env stream of the replay: its share of min(replay_size, timesteps), plus one window. */
    static int replayCapacity(DreamerConfig c) {
        long capacity = Math.min(c.replaySize(), c.timesteps()) / c.numEnvs() + c.batchLength();
        return (int) Math.min(capacity, Integer.MAX_VALUE);
    }

    static int actionSize(Space<?> space) {
        return space instanceof Discrete d ? d.n() : ((Box) space).size();
    }

    static DreamerAgent agent(String envId, DreamerConfig c, Rng rng) {
        try (Env<float[], Object> env = makeEnv(envId, c)) {
            Space<?> actions = env.actionSpace();
            return new DreamerAgent(c, ((Box) env.observationSpace()).size(), actionSize(actions),
                    actions instanceof Discrete, rng);
        }
    }

    @Override
    public void check(String envId, DreamerConfig c) {
        int obsSize;
        int actionSize;
        try (Env<float[], Object> env = makeEnv(envId, c)) {
            obsSize = ((Box) env.observationSpace()).size();
            actionSize = actionSize(env.actionSpace());
        }
        // the sequence replay as train() sizes it, pixels as bytes; allocated as it fills, bounded here up front
        long steps = (long) c.numEnvs() * replayCapacity(c);
        MemoryBudget.requireBuffer("DreamerV3's replay (" + (c.pixels() ? obsSize + " uint8 pixels" : obsSize
                + " float32 values") + " and " + actionSize + " action floats per step, "
                + c.numEnvs() + (c.numEnvs() == 1 ? " env stream)" : " env streams)"),
                steps, SequenceReplay.bytesPerStep(obsSize, actionSize, c.pixels()),
                "replay_size (now " + c.replaySize() + "; the replay holds min(replay_size, timesteps) steps) or num_envs (now "
                        + c.numEnvs() + ")");
    }

    @Override
    public TrainResult train(TrainContext<DreamerConfig> context) throws Exception {
        DreamerConfig c = context.config();
        Rng rng = new Rng(c.seed());
        DreamerAgent agent = agent(context.envId(), c, rng.split());
        Rng replayRng = rng.split();
        Rng policyRng = rng.split();
        long step = 0;
        if (context.resume()) {
            Path latest = context.run().latestCheckpoint().orElseThrow(() -> new IllegalArgumentException(
                    "cannot resume " + context.run() + ": it has no checkpoint"));
            step = restore(agent, latest);
        }
        int n = c.numEnvs();
        Logger logger = context.logger();
        EpisodeTracker tracker = new EpisodeTracker(n, logger);
        long checkpointEvery = c.experiment().checkpointIntervalFor(c.timesteps());
        long start = System.nanoTime();
        long taken = 0;
        try (VectorEnv envs = Envs.makeVec(n, context.threads(), i -> makeEnv(context.envId(), c))) {
            int obsSize = envs.observationSize();
            int actionSize = actionSize(envs.singleActionSpace());
            boolean discrete = envs.singleActionSpace() instanceof Discrete;
            SequenceReplay replay = new SequenceReplay(n, replayCapacity(c), obsSize, actionSize, c.pixels());
            DreamerAgent.Policy policy = agent.new Policy(n, policyRng);
            VectorStep s = envs.reset(c.seed() + step);
            boolean[] first = new boolean[n];
            java.util.Arrays.fill(first, true);
            float[] reward = new float[n];
            float[] noAction = new float[actionSize];
            int[] indices = new int[n];
            double owed = 0;
            while (step < c.timesteps() && !context.stopRequested()) {
                float[] obs = s.observations();
                float[] a = policy.act(obs, first, true);
                for (int i = 0; i < n; i++) {
                    replay.add(i, obs, i * obsSize, a, i * actionSize, reward[i], first[i], false);
                }
                if (discrete) {
                    for (int i = 0; i < n; i++) {
                        indices[i] = argmax(a, i * actionSize, actionSize);
                    }
                    s = envs.step(indices);
                } else {
                    s = envs.step(a);
                }
                for (int i = 0; i < n; i++) {
                    if (s.done(i)) {
                        // the last observation of an episode is stored with no action after it
                        replay.add(i, s.finalObservations(), i * obsSize, noAction, 0, s.rewards()[i], false, s.terminated()[i]);
                        first[i] = true;
                        reward[i] = 0;
                    } else {
                        first[i] = false;
                        reward[i] = s.rewards()[i];
                    }
                }
                tracker.step(s.rewards(), s.terminated(), s.truncated());
                step += n;
                taken += n;
                if (replay.canSample(c.batchLength()) && step >= c.trainFill()) {
                    owed += n * c.updatesPerStep();
                    for (; owed >= 1; owed--) {
                        Map<String, Double> m = agent.update(replay.sample(c.batchSize(), c.batchLength(), replayRng));
                        m.forEach(logger::record);
                    }
                }
                logger.step(step);
                context.progress().update(step, tracker.recentReturn());
                if (checkpointEvery > 0 && step % checkpointEvery < n) {
                    context.saveCheckpoint(checkpoint(agent), step);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        logger.write(step);
        context.saveCheckpoint(checkpoint(agent), step);
        context.endIfStopped(step);
        long evalSeed = Evaluation.seedFor(c.seed());
        EvalResult eval = evaluate(agent, context.envId(), c, c.evalEpisodes(), evalSeed, Optional.empty(), new Rng(evalSeed));
        return new TrainResult(taken, seconds, eval);
    }

    @Override
    public EvalResult evaluate(EvalContext<DreamerConfig> context) throws Exception {
        DreamerConfig c = context.config();
        DreamerAgent agent = agent(context.envId(), c, new Rng(c.seed()));
        restore(agent, context.checkpoint());
        return evaluate(agent, context.envId(), c, context.episodes(), context.seed(), context.video(), new Rng(context.seed()));
    }

    /** Deterministic episodes (the actor's mode) on a fresh env; a GIF of the first one when asked. */
    static EvalResult evaluate(DreamerAgent agent, String envId, DreamerConfig c, int episodes, long seed,
            Optional<Path> video, Rng rng) {
        DreamerAgent.Policy policy = agent.new Policy(1, rng);
        Env<float[], Object> env = makeEnv(envId, c);
        Space<?> actions = env.actionSpace();
        int actionSize = actionSize(actions);
        boolean[] first = {true};
        return Evaluation.run(env, seed, episodes, video, new Evaluation.Policy() {
            @Override
            public void episodeStart() {
                first[0] = true;
            }

            @Override
            public float[] act(float[] observation) {
                float[] a = policy.act(observation, first, false);
                first[0] = false;
                return actions instanceof Discrete ? new float[] {argmax(a, 0, actionSize)} : a;
            }
        });
    }

    static void save(DreamerAgent agent, Path file, long step) {
        checkpoint(agent).meta(TIMESTEP, step).write(file);
    }

    private static Checkpoint checkpoint(DreamerAgent agent) {
        Checkpoint ck = new Checkpoint();
        agent.state().forEach(ck::put);
        return ck.meta(UPDATES, agent.updates());
    }

    /** Loads a checkpoint into {@code agent}; returns the env step it was written at. */
    static long restore(DreamerAgent agent, Path file) {
        Checkpoint ck = Checkpoint.read(file);
        Map<String, Map<String, Tensor>> groups = new LinkedHashMap<>();
        for (String g : DreamerAgent.groups()) {
            if (!ck.has(g)) {
                throw new IllegalArgumentException("checkpoint " + file + " is not a DreamerV3 checkpoint: it has no '"
                        + g + "' group (groups: " + ck.groups() + ")");
            }
            groups.put(g, ck.group(g));
        }
        agent.load(groups);
        return ck.longMetadata(TIMESTEP);
    }

    private static int argmax(float[] a, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (a[off + j] > a[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
