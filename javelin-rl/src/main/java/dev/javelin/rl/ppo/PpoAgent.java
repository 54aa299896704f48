package dev.javelin.rl.ppo;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Space;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.KLAdaptiveLr;
import dev.javelin.optim.LinearLr;
import dev.javelin.rl.SideThread;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.preprocess.Preprocessor;
import dev.javelin.rl.sde.StateDependentNoise;
import dev.javelin.tensor.Arena;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The PPO agent (Schulman et al. 2017) as skrl's: an actor-critic, one Adam over all its parameters,
 * optional state and value preprocessors, and the clipped-surrogate update over a rollout memory. Public for
 * remote rollout workers (javelin-cluster), which act with the learner's {@link #actingState()}.
 */
public final class PpoAgent implements AutoCloseable {
    static final List<String> SAMPLED = List.of("states", "actions", "log_prob", "values", "returns", "advantages");

    private final PpoConfig config;
    private final int observationSize;
    private final int actionSize;
    private final boolean gaussian;
    private final ActorCritic model;
    private final Adam optimizer;
    private final Preprocessor statePreprocessor;
    private final Preprocessor valuePreprocessor;
    private final Optional<KLAdaptiveLr> klAdaptive;
    private final Optional<LinearLr> linear;
    private final Rng rng;
    private final Optional<SideThread> critic;
    private final boolean normalizeAtCollection;
    /** gSDE: the exploration matrices of the envs [n, L, A], and the vector steps acted since the rollout began. */
    private Tensor exploration;
    private long rolloutSteps;

    /** Actions to take ({@code [n * actionSize]}, discrete ones as indexes from 0), their log-probs and values. */
    public record Act(float[] actions, float[] logProb, float[] values) {
    }

    /**
     * An agent whose state preprocessor learns from the states of each update (skrl's way; remote workers, which
     * share no statistics, use it).
     *
     * @param threads 2 or more: separate actor and critic are differentiated on two threads
     */
    public PpoAgent(PpoConfig config, int observationSize, Space<?> actionSpace, Rng rng, int threads) {
        this(config, observationSize, actionSpace, rng, threads, false);
    }

    /**
     * @param normalizeAtCollection RL Zoo's VecNormalize, for {@code normalize} without a {@code state_preprocessor}:
     *                              the statistics absorb each observation as the env returns it ({@link #observe}),
     *                              the rollout keeps states as they were standardized when acted on
     *                              ({@link #stored}), and the update trains on them as stored
     */
    public PpoAgent(PpoConfig config, int observationSize, Space<?> actionSpace, Rng rng, int threads, boolean normalizeAtCollection) {
        if (normalizeAtCollection && (!config.normalize() || config.statePreprocessor().isPresent())) {
            throw new IllegalArgumentException("normalizing at collection is RL Zoo's normalize: needs normalize = true "
                    + "and no state_preprocessor, got normalize = " + config.normalize() + " and state_preprocessor = "
                    + config.statePreprocessor().map(Object::toString).orElse("null"));
        }
        this.normalizeAtCollection = normalizeAtCollection;
        this.config = config;
        this.observationSize = observationSize;
        this.rng = rng;
        int outputs;
        switch (actionSpace) {
            case Discrete d -> {
                gaussian = false;
                outputs = d.n();
                actionSize = 1;
            }
            case Box b -> {
                gaussian = true;
                outputs = b.size();
                actionSize = b.size();
            }
            default -> throw new IllegalArgumentException("PPO supports Discrete and Box action spaces, got " + actionSpace);
        }
        if (config.useSde() && !gaussian) {
            throw new IllegalArgumentException("use_sde needs a Box action space, got " + actionSpace);
        }
        model = new ActorCritic(observationSize, outputs, gaussian, config.architecture(), rng.split());
        optimizer = new Adam(model.parameterList(), config.learningRate(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2,
                config.optimizerEpsilon(), 0);
        statePreprocessor = Preprocessor.of("state_preprocessor", config.effectiveStatePreprocessor(), observationSize,
                config.effectiveStatePreprocessorKwargs());
        valuePreprocessor = Preprocessor.of("value_preprocessor", config.valuePreprocessor(), 1,
                config.valuePreprocessorKwargs());
        klAdaptive = config.learningRateScheduler().filter(s -> s == PpoConfig.LearningRateScheduler.KL_ADAPTIVE)
                .map(s -> klAdaptive(config.learningRateSchedulerKwargs()));
        long samples = (long) config.rollouts() * config.numEnvs();
        linear = config.learningRateScheduler().filter(s -> s == PpoConfig.LearningRateScheduler.LINEAR)
                .map(s -> new LinearLr(config.learningRate(), 0, Math.max(1, config.timesteps() / samples)));
        critic = threads > 1 && model.separate() ? Optional.of(new SideThread("ppo-critic")) : Optional.empty();
    }

    @Override
    public void close() {
        critic.ifPresent(SideThread::close);
    }

    public int actionSize() {
        return actionSize;
    }

    /**
     * Marks the start of a rollout of {@code n} envs: with gSDE, draws each env a new exploration matrix (SB3's
     * reset_noise at the start of collect_rollouts); without, nothing.
     */
    public void beginRollout(int n) {
        rolloutSteps = 0;
        if (model.usesSde()) {
            resampleNoise(n);
        }
    }

    private void resampleNoise(int n) {
        try (var g = Grad.disabled()) {
            exploration = StateDependentNoise.weights(model.sdeStd(), n, rng);
        }
    }

    /**
     * Actions of the {@code n} envs from their observations, sampled (with gSDE: the mean plus each env's
     * exploration noise, a new matrix every sde_sample_freq steps of the rollout), with log-probs and values.
     */
    public Act act(float[] observations, int n) {
        if (model.usesSde()) {
            if (exploration == null || exploration.dim(0) != n) {
                throw new IllegalStateException("act(): call beginRollout(" + n + ") first, which draws gSDE's "
                        + "exploration matrices");
            }
            if (config.sdeSampleFreq() > 0 && rolloutSteps > 0 && rolloutSteps % config.sdeSampleFreq() == 0) {
                resampleNoise(n);
            }
            rolloutSteps++;
        }
        try (var g = Grad.disabled()) {
            ActorCritic.Output out = model.forward(states(observations, n, false));
            ActionDistribution d = ActionDistribution.of(out, exploration);
            Tensor actions = d.sample(rng);
            return new Act(actions.data(), d.logProb(actions).data(), unscaledValues(out.values()));
        }
    }

    /** With normalizing at collection, the statistics absorb observations just returned by the envs (else nothing). */
    public void observe(float[] observations, int n) {
        if (normalizeAtCollection) {
            statePreprocessor.absorb(observations, n);
        }
    }

    /** The states the rollout keeps: standardized as {@link #act} sees them when normalizing at collection, else raw. */
    public float[] stored(float[] observations, int n) {
        return normalizeAtCollection ? states(observations, n, false).data() : observations;
    }

    /** Log-probs of given actions (e.g. random ones before learning starts) with the values. */
    public Act evaluate(float[] observations, float[] actions, int n) {
        try (var g = Grad.disabled()) {
            ActorCritic.Output out = model.forward(states(observations, n, false));
            Tensor a = Tensor.of(actions.clone(), n, actionSize);
            return new Act(a.data(), ActionDistribution.of(out).logProb(a).data(), unscaledValues(out.values()));
        }
    }

    /** V(s) in reward units (the value preprocessor undone), e.g. to bootstrap a truncated episode. */
    public float[] values(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            return unscaledValues(model.values(states(observations, n, false)));
        }
    }

    /** The deterministic policy: argmax or Gaussian mean. */
    public float[] deterministic(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            Tensor s = states(observations, n, false);
            return ActionDistribution.of(model.separate() ? model.policy(s) : model.forward(s)).mode().data();
        }
    }

    /**
     * One PPO update from a full memory: GAE, then {@code learning_epochs} passes of shuffled mini-batches
     * minimizing the clipped surrogate, the value loss and the entropy bonus.
     *
     * @param progress fraction of the run done, for the linear schedules
     */
    public void update(RolloutMemory memory, float[] lastValues, double progress, Logger logger) {
        // SB3's schedules read progress_remaining after the rollout was counted, before the update
        linear.ifPresent(l -> l.step(optimizer, OptionalDouble.empty()));
        float clip = (float) (config.ratioClip() * (config.ratioClipSchedule() == PpoConfig.Schedule.LINEAR ? 1 - progress : 1));

        Gae.setTargets(memory, memory.data("rewards"), lastValues, config.discountFactor(), config.gaeLambda(),
                valuePreprocessor);

        // the approximate KL is only read by early stopping and the KL-adaptive schedule
        boolean needsKl = config.klThreshold() > 0 || klAdaptive.isPresent();
        double policyLossSum = 0;
        double valueLossSum = 0;
        double entropyLossSum = 0;
        double stdSum = 0;
        int steps = 0;
        for (int epoch = 0; epoch < config.learningEpochs(); epoch++) {
            double klSum = 0;
            int klCount = 0;
            for (Map<String, Tensor> batch : memory.sampleAll(SAMPLED, config.miniBatches(), rng)) {
                // every step computes the same shapes: its arrays are the previous step's, still in cache
                try (Arena arena = Arena.open()) {
                    int b = batch.get("states").dim(0);
                    Tensor states = normalizeAtCollection ? Tensor.of(batch.get("states").data(), b, observationSize)
                            : states(batch.get("states").data(), b, epoch == 0);
                    Tensor oldLogProb = batch.get("log_prob").reshape(b);
                    Tensor oldValues = batch.get("values").reshape(b);
                    Tensor returns = batch.get("returns").reshape(b);
                    Tensor advantage = miniBatchAdvantages(batch.get("advantages").reshape(b), config.advantageNormalization());

                    optimizer.zeroGrad();
                    // separate nets: the critic's loss is differentiated on the second thread meanwhile
                    Optional<SideThread.Pending<Float>> criticLoss = critic.map(thread -> thread.start(() -> {
                        try (Arena criticArena = Arena.open()) {
                            Tensor valueLoss = valueLoss(model.values(states), oldValues, returns);
                            valueLoss.backward();
                            return valueLoss.item();
                        }
                    }));
                    ActorCritic.Output out = criticLoss.isPresent() ? model.policy(states) : model.forward(states);
                    ActionDistribution pi = ActionDistribution.of(out);
                    Tensor logRatio = pi.logProb(batch.get("actions")).sub(oldLogProb);
                    if (needsKl) {
                        double kl;
                        try (var g = Grad.disabled()) {
                            // Schulman's low-variance estimator of KL(old || new): (r - 1) - log r
                            kl = logRatio.exp().sub(1).sub(logRatio).mean().item();
                        }
                        klSum += kl;
                        klCount++;
                        if (config.klThreshold() > 0 && kl > config.klThreshold()) {
                            criticLoss.ifPresent(SideThread.Pending::join);
                            break;
                        }
                    }

                    Tensor policyLoss = PpoLoss.clippedSurrogate(logRatio, advantage, clip);
                    Tensor loss = policyLoss;
                    if (config.entropyLossScale() > 0) {
                        Tensor entropyLoss = pi.entropy().mean().mul((float) -config.entropyLossScale());
                        loss = loss.add(entropyLoss);
                        entropyLossSum += entropyLoss.item();
                    }
                    Tensor valueLoss = criticLoss.isPresent() ? null : valueLoss(out.values(), oldValues, returns);
                    if (valueLoss != null) {
                        loss = loss.add(valueLoss);
                    }
                    loss.backward();
                    valueLossSum += criticLoss.isPresent() ? criticLoss.get().join() : valueLoss.item();
                    if (config.gradNormClip() > 0) {
                        GradClip.clipGradNorm(optimizer.parameters(), config.gradNormClip());
                    }
                    optimizer.step();

                    policyLossSum += policyLoss.item();
                    if (pi instanceof ActionDistribution.Gaussian gauss) {
                        stdSum += gauss.meanStd();
                    } else if (pi instanceof ActionDistribution.StateDependent sde) {
                        stdSum += sde.meanStd();
                    }
                    steps++;
                }
            }
            if (klAdaptive.isPresent() && klCount > 0) {
                klAdaptive.get().step(optimizer, OptionalDouble.of(klSum / klCount));
            }
        }
        // skrl averages over every planned step, also when KL early stopping skipped some
        double planned = (double) config.learningEpochs() * config.miniBatches();
        logger.record("Loss / Policy loss", policyLossSum / planned);
        logger.record("Loss / Value loss", valueLossSum / planned);
        if (config.entropyLossScale() > 0) {
            logger.record("Loss / Entropy loss", entropyLossSum / planned);
        }
        if (gaussian && steps > 0) {
            logger.record("Policy / Standard deviation", stdSum / steps);
        }
        logger.record("Learning / Learning rate", optimizer.learningRate());
    }

    private Tensor valueLoss(Tensor predicted, Tensor oldValues, Tensor returns) {
        return PpoLoss.value(predicted, oldValues, returns, config.clipPredictedValues(), config.valueClip(),
                config.valueLossScale());
    }

    /** Everything needed to continue: model, optimizer, preprocessors and the current learning rate. */
    public Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().put("policy", model.state()).put("optimizer", optimizer.state());
        statePreprocessor.save(c);
        valuePreprocessor.save(c);
        linear.ifPresent(l -> c.meta("updates", l.updates()));
        return c.meta("learning_rate", Double.toString(optimizer.learningRate()));
    }

    public void restore(Checkpoint c) {
        model.load(c.group("policy"));
        optimizer.load(c.group("optimizer"));
        statePreprocessor.restore(c);
        valuePreprocessor.restore(c);
        optimizer.setLearningRate(Double.parseDouble(c.metadata("learning_rate")));
        linear.ifPresent(l -> l.setUpdates(c.longMetadata("updates")));
    }

    /** What acting and bootstrapping need: the model and both preprocessors (not the optimizer). */
    public Checkpoint actingState() {
        Checkpoint c = new Checkpoint().put("policy", model.state());
        statePreprocessor.save(c);
        valuePreprocessor.save(c);
        return c;
    }

    /** Restores {@link #actingState()}. */
    public void restoreActing(Checkpoint c) {
        model.load(c.group("policy"));
        statePreprocessor.restore(c);
        valuePreprocessor.restore(c);
    }

    /** Only what acting needs (evaluation): the model and the state preprocessor. */
    void restorePolicy(Checkpoint c) {
        model.load(c.group("policy"));
        statePreprocessor.restore(c);
    }

    private Tensor states(float[] observations, int n, boolean train) {
        Tensor s = Tensor.of(observations, n, observationSize);
        return statePreprocessor.apply(s, train);
    }

    private float[] unscaledValues(Tensor v) {
        return valuePreprocessor.inverse(v.data());
    }

    private static KLAdaptiveLr klAdaptive(Map<String, Double> kwargs) {
        return new KLAdaptiveLr(kwargs.getOrDefault("kl_threshold", 0.008), kwargs.getOrDefault("min_lr", 1e-6),
                kwargs.getOrDefault("max_lr", 1e-2), kwargs.getOrDefault("kl_factor", 2.0),
                kwargs.getOrDefault("lr_factor", 1.5));
    }

    /**
     * A mini-batch's advantages as the loss uses them: as drawn from the rollout (already standardized over it), or
     * standardized again over the mini-batch. The latter equals SB3's standardizing the raw advantages over the
     * mini-batch, since standardizing is invariant under the rollout's affine map; one sample is left as it is (SB3).
     */
    static Tensor miniBatchAdvantages(Tensor advantages, PpoConfig.AdvantageNormalization mode) {
        if (mode == PpoConfig.AdvantageNormalization.ROLLOUT || advantages.size() < 2) {
            return advantages;
        }
        float[] normalized = advantages.data().clone();
        Gae.normalize(normalized);
        return Tensor.of(normalized, advantages.shape());
    }
}
