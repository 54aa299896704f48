package dev.javelin.rl.ppo;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.MemoryBudget;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.EpisodeTracker;
import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.preprocess.ReturnNormalizer;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import java.util.Map;
import java.util.Optional;

/**
 * Proximal Policy Optimization on a vector env, as skrl's PPO agent in its SequentialTrainer: collect
 * {@code rollouts} vector steps, update, repeat; checkpoints every {@code experiment.checkpoint_interval}
 * env steps and at the end; then a deterministic evaluation on a fresh env.
 */
public final class Ppo implements Algorithm<PpoConfig> {
    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Ppo() {
    }

    @Override
    public String name() {
        return "ppo";
    }

    @Override
    public String description() {
        return "Proximal Policy Optimization: clipped surrogate, GAE, discrete and continuous actions (skrl's defaults)";
    }

    @Override
    public Class<PpoConfig> configClass() {
        return PpoConfig.class;
    }

    @Override
    public void check(String envId, PpoConfig c) {
        int observationSize;
        int actionSize;
        try (var env = Envs.make(envId, c.envKwargs())) {
            observationSize = observationSize(envId, env.observationSpace());
            actionSize = switch (env.actionSpace()) {
                case Discrete d -> 1;
                case Box b -> b.size();
                default -> throw new IllegalArgumentException("PPO supports Discrete and Box action spaces; " + envId
                        + " has " + env.actionSpace());
            };
        }
        // the rollout memory: states, actions and 7 scalars per step and env, float32
        long rollout = MemoryBudget.product(c.rollouts(), c.numEnvs(), observationSize + actionSize + 7, 4);
        MemoryBudget.require("PPO's rollout memory and " + c.numEnvs() + " env copies",
                rollout + MemoryBudget.product(c.numEnvs(), MemoryBudget.BYTES_PER_ENV), "num_envs or rollouts");
    }

    private static int observationSize(String envId, Space<?> space) {
        if (!(space instanceof Box box)) {
            throw new IllegalArgumentException("PPO needs a Box observation space, " + envId + " has " + space);
        }
        return box.size();
    }

    @Override
    public TrainResult train(TrainContext<PpoConfig> ctx) {
        PpoConfig c = ctx.config();
        int n = c.numEnvs();
        Optional<Checkpoint> resumed = ctx.resume() ? Optional.of(Checkpoint.read(ctx.run().latestCheckpoint().orElseThrow(
                () -> new IllegalArgumentException("cannot resume " + ctx.run() + ": no checkpoint")))) : Optional.empty();
        long start = resumed.map(r -> r.longMetadata(RunDirectory.STEP_KEY)).orElse(0L);
        // a resumed run continues on new episodes and new random numbers (start 0 gives the seed itself)
        Rng rng = new Rng(c.seed() ^ (start * 0x9E3779B97F4A7C15L));
        try (VectorEnv envs = Envs.makeVec(ctx.envId(), n, 1, c.envKwargs());
             PpoAgent agent = new PpoAgent(c, envs.observationSize(), envs.singleActionSpace(), rng.split(), ctx.threads(),
                     c.normalize() && c.statePreprocessor().isEmpty())) {
            Optional<ReturnNormalizer> rewardScaling = c.normalize()
                    ? Optional.of(new ReturnNormalizer(n, c.discountFactor())) : Optional.empty();
            resumed.ifPresent(checkpoint -> {
                agent.restore(checkpoint);
                rewardScaling.ifPresent(r -> r.load(checkpoint.group("reward_normalizer")));
            });

            int d = envs.observationSize();
            int a = agent.actionSize();
            RolloutMemory memory = new RolloutMemory(c.rollouts(), n);
            memory.create("states", d);
            memory.create("actions", a);
            for (String name : new String[] {"rewards", "terminated", "truncated", "log_prob", "values", "returns", "advantages"}) {
                memory.create(name, 1);
            }
            EpisodeTracker tracker = new EpisodeTracker(n, ctx.logger());
            Space<?> actionSpace = envs.singleActionSpace();
            float[] states = new float[n * d];
            float[] rewards = new float[n];
            int[] discrete = new int[n];
            float[] continuous = new float[n * a];
            long checkpointInterval = c.experiment().checkpointIntervalFor(c.timesteps());
            long lastCheckpoint = start;

            long began = System.nanoTime();
            long step = start;
            VectorStep s = envs.reset(c.seed() + start);
            agent.observe(s.observations(), n);
            while (step < c.timesteps() && !ctx.stopRequested()) {
                if (memory.index() == 0) {
                    agent.beginRollout(n);
                }
                System.arraycopy(s.observations(), 0, states, 0, states.length);
                PpoAgent.Act act = step < c.randomTimesteps()
                        ? agent.evaluate(states, randomActions(actionSpace, n, a, rng), n)
                        : agent.act(states, n);
                float[] stored = agent.stored(states, n);
                s = step(envs, actionSpace, act.actions(), discrete, continuous);
                agent.observe(s.observations(), n);
                step += n;

                System.arraycopy(s.rewards(), 0, rewards, 0, n);
                tracker.step(s.rewards(), s.terminated(), s.truncated());
                VectorStep now = s;
                rewardScaling.ifPresent(r -> r.normalize(rewards, now.terminated(), now.truncated()));
                if (c.rewardsShaper().isPresent()) {
                    float factor = c.rewardsShaper().get().floatValue();
                    for (int i = 0; i < n; i++) {
                        rewards[i] *= factor;
                    }
                }
                if (c.timeLimitBootstrap()) {
                    bootstrapTruncated(agent, s, rewards, (float) c.discountFactor());
                }
                memory.put("states", stored);
                memory.put("actions", act.actions());
                memory.put("rewards", rewards);
                memory.put("terminated", s.terminated());
                memory.put("truncated", s.truncated());
                memory.put("log_prob", act.logProb());
                memory.put("values", act.values());
                memory.advance();

                if (memory.isFull()) {
                    if (step >= c.learningStarts()) {
                        float[] lastValues = agent.values(s.observations(), n);
                        agent.update(memory, lastValues, Math.min(1.0, (double) step / c.timesteps()), ctx.logger());
                    }
                    memory.reset();
                }
                ctx.logger().step(step);
                ctx.progress().update(step, tracker.recentReturn());
                if (checkpointInterval > 0 && step / checkpointInterval > lastCheckpoint / checkpointInterval) {
                    writeCheckpoint(ctx, agent, rewardScaling, step);
                    lastCheckpoint = step;
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            ctx.logger().write(step);
            if (lastCheckpoint != step || !ctx.run().latestCheckpoint().isPresent()) {
                writeCheckpoint(ctx, agent, rewardScaling, step);
            }
            ctx.endIfStopped(step);
            EvalResult eval = Evaluation.run(ctx.envId(), c.envKwargs(), Evaluation.seedFor(c.seed()), c.evalEpisodes(), Optional.empty(),
                    obs -> agent.deterministic(obs, 1));
            return new TrainResult(step - start, seconds, eval);
        }
    }

    @Override
    public EvalResult evaluate(EvalContext<PpoConfig> ctx) {
        PpoConfig c = ctx.config();
        Checkpoint checkpoint = Checkpoint.read(ctx.checkpoint());
        int observationSize;
        Space<?> actionSpace;
        try (var env = Envs.make(ctx.envId(), ctx.config().envKwargs())) {
            observationSize = observationSize(ctx.envId(), env.observationSpace());
            actionSpace = env.actionSpace();
        }
        try (PpoAgent agent = new PpoAgent(c, observationSize, actionSpace, new Rng(c.seed()), 1)) {
            agent.restorePolicy(checkpoint);
            return Evaluation.run(ctx.envId(), ctx.config().envKwargs(), ctx.seed(), ctx.episodes(), ctx.video(), obs -> agent.deterministic(obs, 1));
        }
    }

    private static void writeCheckpoint(TrainContext<PpoConfig> ctx, PpoAgent agent,
            Optional<ReturnNormalizer> rewardScaling, long step) {
        Checkpoint checkpoint = agent.checkpoint();
        rewardScaling.ifPresent(r -> checkpoint.put("reward_normalizer", r.state()));
        ctx.saveCheckpoint(checkpoint, step);
    }

    /** Steps the envs: discrete indexes shifted by the space's start, continuous actions clipped into the box. */
    public static VectorStep step(VectorEnv envs, Space<?> space, float[] actions, int[] discrete, float[] continuous) {
        if (space instanceof Discrete d) {
            for (int i = 0; i < discrete.length; i++) {
                discrete[i] = d.start() + (int) actions[i];
            }
            return envs.step(discrete);
        }
        Box b = (Box) space;
        int a = b.size();
        for (int k = 0; k < continuous.length; k++) {
            int j = k % a;
            continuous[k] = Math.min(Math.max(actions[k], b.low(j)), b.high(j));
        }
        return envs.step(continuous);
    }

    /** r += gamma * V(final observation) where an episode was cut by the time limit, not ended by the MDP. */
    public static void bootstrapTruncated(PpoAgent agent, VectorStep s, float[] rewards, float gamma) {
        boolean any = false;
        for (int i = 0; i < rewards.length; i++) {
            any |= s.truncated()[i] && !s.terminated()[i];
        }
        if (!any) {
            return;
        }
        float[] finalValues = agent.values(s.finalObservations().clone(), rewards.length);
        for (int i = 0; i < rewards.length; i++) {
            if (s.truncated()[i] && !s.terminated()[i]) {
                rewards[i] += gamma * finalValues[i];
            }
        }
    }

    /** Uniform actions from the space (skrl's random_timesteps), as indexes from 0 or box vectors. */
    public static float[] randomActions(Space<?> space, int n, int a, Rng rng) {
        float[] out = new float[n * a];
        for (int i = 0; i < n; i++) {
            switch (space) {
                case Discrete d -> out[i] = rng.nextInt(d.n());
                case Box b -> System.arraycopy(b.sample(rng), 0, out, i * a, a);
                default -> throw new IllegalArgumentException("PPO supports Discrete and Box action spaces, got " + space);
            }
        }
        return out;
    }
}
