package dev.javelin.rl.amp;

import dev.javelin.env.Box;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.motion.AmpEnv;
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
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.tensor.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Adversarial Motion Priors (Peng et al. 2021, arXiv:2104.02180) on PPO, as skrl's {@code AMP} agent with its
 * sequential trainer: collect {@code rollouts} vector steps (the agent's AMP observations from {@code info["amp_obs"]}),
 * then update policy, value and discriminator together. The environment must implement {@link AmpEnv}; its
 * {@code collect_reference_motions} fills the motion dataset and its {@code collect_observation} gives the states
 * acted on. Logged returns are the environment's task rewards; the policy learns from the combined reward.
 *
 * <p>Not carried across {@code --resume}: the motion dataset is refilled from the env and the replay buffer
 * starts empty (skrl does not checkpoint memories either).
 */
public final class Amp implements Algorithm<AmpConfig> {
    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Amp() {
    }

    private static final String ALGORITHM = "amp";

    @Override
    public String name() {
        return ALGORITHM;
    }

    @Override
    public String description() {
        return "Adversarial Motion Priors on PPO (skrl's AMP): a discriminator's style reward imitates reference motions";
    }

    @Override
    public Class<AmpConfig> configClass() {
        return AmpConfig.class;
    }

    @Override
    public void check(String envId, AmpConfig c) {
        int observationSize;
        int actionSize;
        int ampSize;
        try (var env = Envs.make(envId, c.envKwargs())) {
            if (!(env.unwrapped() instanceof AmpEnv amp)) {
                throw new IllegalArgumentException("amp needs an env that provides AMP observations and reference motions"
                        + " (dev.javelin.env.motion.AmpEnv, e.g. PendulumSpin-v0), got " + envId);
            }
            if (!(env.observationSpace() instanceof Box obs)) {
                throw new IllegalArgumentException("amp needs a Box observation space, " + envId + " has "
                        + env.observationSpace());
            }
            observationSize = obs.size();
            actionSize = actionSpace(envId, env.actionSpace()).size();
            ampSize = amp.ampObservationSize();
        }
        // rollout memory (states, actions, AMP states, 8 scalars) and the two AMP observation buffers, float32
        long rollout = MemoryBudget.product(c.rollouts(), c.numEnvs(), observationSize + actionSize + ampSize + 8, 4);
        long buffers = MemoryBudget.product((long) c.motionDatasetSize() + c.replayBufferSize(), ampSize, 4);
        MemoryBudget.require("AMP's rollout memory, motion dataset, replay and " + c.numEnvs() + " env copies",
                rollout + buffers + MemoryBudget.product(c.numEnvs(), MemoryBudget.BYTES_PER_ENV),
                "num_envs, rollouts, motion_dataset_size or replay_buffer_size");
    }

    @Override
    public TrainResult train(TrainContext<AmpConfig> context) throws Exception {
        AmpConfig c = context.config();
        int n = c.numEnvs();
        // one thread: a pendulum step is far cheaper than handing envs to another thread
        try (VectorEnv envs = Envs.makeVec(context.envId(), n, 1, c.envKwargs())) {
            AmpEnv[] hooks = hooks(context.envId(), envs);
            Box actionSpace = actionSpace(context.envId(), envs.singleActionSpace());
            int obsSize = envs.observationSize();
            int actSize = envs.actionSize();
            int ampSize = hooks[0].ampObservationSize();

            Optional<Checkpoint> resumed = Optional.empty();
            if (context.resume()) {
                Path latest = context.run().latestCheckpoint().orElseThrow(() -> new IllegalArgumentException(
                        "cannot resume " + context.run() + ": it has no checkpoint"));
                resumed = Optional.of(Checkpoint.read(latest));
            }
            long start = resumed.map(r -> r.longMetadata(RunDirectory.STEP_KEY)).orElse(0L);
            // a resumed run continues on new episodes and new random numbers
            Rng rng = new Rng(start == 0 ? c.seed() : c.seed() ^ (start * 0x9E3779B97F4A7C15L));
            AmpAgent agent = new AmpAgent(c, obsSize, actSize, ampSize, rng.split());
            resumed.ifPresent(agent::restore);
            Rng randomActions = rng.split();

            RolloutMemory memory = new RolloutMemory(c.rollouts(), n);
            memory.create("states", obsSize);
            memory.create("actions", actSize);
            memory.create("rewards", 1);
            memory.create("bootstrap", 1);
            memory.create("terminated", 1);
            memory.create("truncated", 1);
            memory.create("log_prob", 1);
            memory.create("values", 1);
            memory.create("returns", 1);
            memory.create("advantages", 1);
            memory.create("amp_states", ampSize);

            VectorStep step = envs.reset(c.seed() + start);
            ObservationBuffer motionDataset = new ObservationBuffer(c.motionDatasetSize(), ampSize);
            ObservationBuffer replayBuffer = new ObservationBuffer(c.replayBufferSize(), ampSize);
            for (long k = 0; k < ceilDiv(c.motionDatasetSize(), c.ampBatchSize()); k++) {
                motionDataset.add(hooks[0].collectReferenceMotions(c.ampBatchSize()));
            }

            EpisodeTracker tracker = new EpisodeTracker(n, context.logger());
            long checkpointInterval = c.experiment().checkpointIntervalFor(c.timesteps());
            long nanos = System.nanoTime();
            long timestep = start;
            float[] rewards = new float[n];
            float[] bootstrap = new float[n];
            float[] ampStates = new float[n * ampSize];
            float[] envActions = new float[n * actSize];
            while (timestep < c.timesteps() && !context.stopRequested()) {
                float[] states = collectObservations(hooks, obsSize);
                AmpAgent.Act act = timestep < c.randomTimesteps()
                        ? agent.evaluate(states, uniform(actionSpace, n, randomActions), n)
                        : agent.act(states, n);
                for (int i = 0; i < envActions.length; i++) {
                    int j = i % actSize;
                    float a = act.actions()[i];
                    envActions[i] = c.clipActions() ? Math.min(Math.max(a, actionSpace.low(j)), actionSpace.high(j)) : a;
                }
                step = envs.step(envActions);
                timestep += n;

                tracker.step(step.rewards(), step.terminated(), step.truncated());
                for (int i = 0; i < n; i++) {
                    Map<String, Object> info = step.done(i) ? step.finalInfo(i) : step.info(i);
                    System.arraycopy(ampObservation(info, ampSize, context.envId()), 0, ampStates, i * ampSize, ampSize);
                    rewards[i] = (float) (step.rewards()[i] * c.rewardsShaper().orElse(1.0));
                }
                // a truncated (not terminated) episode keeps the value of its final observation
                Arrays.fill(bootstrap, 0);
                if (c.timeLimitBootstrap()) {
                    float[] finalValues = agent.values(step.finalObservations(), n);
                    for (int i = 0; i < n; i++) {
                        if (step.truncated()[i] && !step.terminated()[i]) {
                            bootstrap[i] = (float) (c.discountFactor() * finalValues[i]);
                        }
                    }
                }
                memory.put("states", states);
                memory.put("actions", act.actions());
                memory.put("rewards", rewards);
                memory.put("bootstrap", bootstrap);
                memory.put("terminated", step.terminated());
                memory.put("truncated", step.truncated());
                memory.put("log_prob", act.logProb());
                memory.put("values", act.values());
                memory.put("amp_states", ampStates);
                memory.advance();

                if (memory.index() == 0 && timestep >= c.learningStarts()) {
                    float[] lastValues = agent.values(collectObservations(hooks, obsSize), n);
                    agent.update(memory, lastValues, motionDataset, replayBuffer, hooks[0]::collectReferenceMotions,
                            (double) timestep / c.timesteps(), context.logger());
                }
                if (checkpointInterval > 0 && timestep / checkpointInterval != (timestep - n) / checkpointInterval) {
                    writeCheckpoint(agent, context, timestep);
                }
                context.logger().step(timestep);
                context.progress().update(timestep, tracker.recentReturn());
            }
            double seconds = (System.nanoTime() - nanos) / 1e9;
            writeCheckpoint(agent, context, timestep);
            context.endIfStopped(timestep);
            EvalResult eval = Evaluation.run(context.envId(), c.envKwargs(), Evaluation.seedFor(c.seed()), c.evalEpisodes(), Optional.empty(),
                    obs -> agent.deterministic(obs, 1));
            return new TrainResult(timestep - start, seconds, eval);
        }
    }

    @Override
    public EvalResult evaluate(EvalContext<AmpConfig> context) throws Exception {
        AmpConfig c = context.config();
        try (VectorEnv envs = Envs.makeVec(context.envId(), 1, 1, context.config().envKwargs())) {
            AmpEnv hook = hooks(context.envId(), envs)[0];
            Box actionSpace = actionSpace(context.envId(), envs.singleActionSpace());
            AmpAgent agent = new AmpAgent(c, envs.observationSize(), actionSpace.size(), hook.ampObservationSize(),
                    new Rng(c.seed()));
            agent.restorePolicy(Checkpoint.read(context.checkpoint()));
            return Evaluation.run(context.envId(), context.config().envKwargs(), context.seed(), context.episodes(), context.video(),
                    obs -> agent.deterministic(obs, 1));
        }
    }

    private static void writeCheckpoint(AmpAgent agent, TrainContext<AmpConfig> context, long timestep) {
        context.saveCheckpoint(agent.checkpoint(), timestep);
    }

    /** skrl's pre_interaction: the states to act on come from the env's collect_observation(). */
    private static float[] collectObservations(AmpEnv[] hooks, int obsSize) {
        float[] states = new float[hooks.length * obsSize];
        for (int i = 0; i < hooks.length; i++) {
            System.arraycopy(hooks[i].collectObservation(), 0, states, i * obsSize, obsSize);
        }
        return states;
    }

    private static AmpEnv[] hooks(String envId, VectorEnv envs) {
        AmpEnv[] hooks = new AmpEnv[envs.numEnvs()];
        for (int i = 0; i < hooks.length; i++) {
            if (!(envs.env(i).unwrapped() instanceof AmpEnv amp)) {
                throw new IllegalArgumentException("amp needs an env that provides AMP observations and reference motions"
                        + " (dev.javelin.env.motion.AmpEnv, e.g. PendulumSpin-v0), got " + envId);
            }
            hooks[i] = amp;
        }
        return hooks;
    }

    private static Box actionSpace(String envId, Space<?> space) {
        if (!(space instanceof Box box) || !box.isBounded()) {
            throw new IllegalArgumentException("amp needs a bounded Box action space (a Gaussian policy), got "
                    + space + " for " + envId);
        }
        return box;
    }

    private static float[] ampObservation(Map<String, Object> info, int size, String envId) {
        if (!(info.get(AmpEnv.AMP_OBS) instanceof float[] amp) || amp.length != size) {
            throw new IllegalStateException(envId + ": step info must hold '" + AmpEnv.AMP_OBS + "' as float[" + size
                    + "], got " + info.get(AmpEnv.AMP_OBS));
        }
        return amp;
    }

    private static float[] uniform(Box box, int n, Rng rng) {
        float[] a = new float[n * box.size()];
        for (int i = 0; i < a.length; i++) {
            int j = i % box.size();
            a[i] = box.low(j) + (box.high(j) - box.low(j)) * rng.nextFloat();
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
