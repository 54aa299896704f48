package dev.javelin.rl.amp;

import dev.javelin.dist.Normal;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.ppo.Gae;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The AMP agent (Peng et al. 2021) as skrl's: a Gaussian policy, a value function and a discriminator trained by one
 * Adam on the sum of PPO's losses and the discriminator loss, with optional state, value and AMP-state preprocessors.
 * The policy never sees the discriminator directly: it learns from the style reward the discriminator assigns to
 * its transitions.
 */
final class AmpAgent {
    static final List<String> SAMPLED =
            List.of("states", "actions", "log_prob", "values", "returns", "advantages", "amp_states");

    private final AmpConfig config;
    private final int observationSize;
    private final int actionSize;
    private final GaussianPolicy policy;
    private final Mlp value;
    private final Mlp discriminator;
    private final Adam optimizer;
    private final Optional<RunningStandardScaler> statePreprocessor;
    private final Optional<RunningStandardScaler> valuePreprocessor;
    private final Optional<RunningStandardScaler> ampStatePreprocessor;
    private final Rng rng;

    /** Actions to take ({@code [n * actionSize]}), their log-probs and values in reward units. */
    record Act(float[] actions, float[] logProb, float[] values) {
    }

    AmpAgent(AmpConfig config, int observationSize, int actionSize, int ampObservationSize, Rng rng) {
        this.config = config;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.rng = rng;
        policy = new GaussianPolicy(observationSize, actionSize, config.hiddenSizes(), config.activation(),
                config.logStdInit(), config.fixedLogStd(), rng.split());
        value = new Mlp(observationSize, config.hiddenSizes(), 1, config.activation(), rng.split());
        discriminator = new Mlp(ampObservationSize, config.discriminatorHiddenSizes(), 1,
                config.discriminatorActivation(), rng.split());
        List<Tensor> parameters = new ArrayList<>(policy.parameterList());
        parameters.addAll(value.parameterList());
        parameters.addAll(discriminator.parameterList());
        optimizer = new Adam(parameters, config.learningRate());
        statePreprocessor = config.statePreprocessor().map(p -> scaler(observationSize, config.statePreprocessorKwargs()));
        valuePreprocessor = config.valuePreprocessor().map(p -> scaler(1, config.valuePreprocessorKwargs()));
        ampStatePreprocessor = config.ampStatePreprocessor()
                .map(p -> scaler(ampObservationSize, config.ampStatePreprocessorKwargs()));
    }

    Act act(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            Tensor states = states(observations, n, false);
            Normal pi = policy.distribution(states);
            Tensor actions = pi.sample(rng);
            return new Act(actions.data(), pi.logProb(actions).sum(1).data(), unscaledValues(value.forward(states)));
        }
    }

    /** Log-probs and values of given actions (the random ones before random_timesteps). */
    Act evaluate(float[] observations, float[] actions, int n) {
        try (var g = Grad.disabled()) {
            Tensor states = states(observations, n, false);
            Tensor a = Tensor.of(actions.clone(), n, actionSize);
            return new Act(a.data(), policy.distribution(states).logProb(a).sum(1).data(),
                    unscaledValues(value.forward(states)));
        }
    }

    /** V(s) in reward units, to bootstrap the rollout's last step or a truncated episode. */
    float[] values(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            return unscaledValues(value.forward(states(observations, n, false)));
        }
    }

    /** The deterministic policy: the Gaussian's mean. */
    float[] deterministic(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            return policy.distribution(states(observations, n, false)).mode().data();
        }
    }

    /**
     * One AMP update from a full rollout memory ("rewards" are the shaped task rewards, "bootstrap" the discounted
     * values of truncated episodes' final observations):
     * reference samples into the motion dataset, style rewards from the discriminator, combined rewards, GAE, then
     * {@code learning_epochs} passes over the mini-batches minimizing policy + value (+ entropy) + discriminator loss;
     * finally the rollout's AMP observations go to the replay buffer.
     *
     * @param referenceMotions the env's collect_reference_motions(n)
     * @param progress         fraction of the run done, for the linear learning-rate schedule
     */
    void update(RolloutMemory memory, float[] lastValues, ObservationBuffer motionDataset, ObservationBuffer replayBuffer,
                IntFunction<float[]> referenceMotions, double progress, Logger logger) {
        if (config.learningRateScheduler().isPresent()) {  // linear, the only one
            optimizer.setLearningRate(config.learningRate() * (1 - progress));
        }
        motionDataset.add(referenceMotions.apply(config.ampBatchSize()));

        // r = w_G * r_task + w_S * r_style, with r_style = -log(max(1 - D(s, s'), 1e-4)) * scale
        float[] ampStates = memory.data("amp_states");
        float[] style;
        try (var g = Grad.disabled()) {
            Tensor amp = ampStates(Tensor.of(ampStates.clone(), memory.samples(), memory.size("amp_states")), false);
            style = StyleReward.of(discriminator.forward(amp), config.discriminatorRewardScale()).data();
        }
        float[] task = memory.data("rewards");
        float[] bootstrap = memory.data("bootstrap");
        float[] combined = new float[task.length];
        double styleSum = 0;
        for (int k = 0; k < combined.length; k++) {
            combined[k] = (float) (config.taskRewardWeight() * task[k] + config.styleRewardWeight() * style[k]) + bootstrap[k];
            styleSum += style[k];
        }

        float[] values = memory.data("values");
        float[] dones = memory.data("terminated").clone();
        float[] truncated = memory.data("truncated");
        for (int k = 0; k < dones.length; k++) {
            dones[k] = Math.max(dones[k], truncated[k]);
        }
        Gae.Result gae = Gae.compute(combined, values, dones, lastValues, memory.numEnvs(), config.discountFactor(),
                config.gaeLambda());
        float[] advantages = gae.advantages();
        Gae.normalize(advantages);
        memory.set("values", scaledValues(values));
        memory.set("returns", scaledValues(gae.returns()));
        memory.set("advantages", advantages);

        // as skrl: the mini-batches, and the motion and replay samples paired with them, are drawn once per update
        List<Map<String, Tensor>> batches = memory.sampleAll(SAMPLED, config.miniBatches(), rng);
        List<Tensor> motionBatches = new ArrayList<>();
        List<Tensor> replayBatches = new ArrayList<>();
        for (Map<String, Tensor> batch : batches) {
            int b = batch.get("states").dim(0);
            motionBatches.add(motionDataset.sample(b, rng));
            replayBatches.add(replayBuffer.isEmpty() ? batch.get("amp_states") : replayBuffer.sample(b, rng));
        }

        DiscriminatorLoss.Scales scales = config.discriminatorScales();
        float clip = (float) config.ratioClip();
        double policyLossSum = 0;
        double valueLossSum = 0;
        double entropyLossSum = 0;
        double discriminatorLossSum = 0;
        double agentAccuracySum = 0;
        double referenceAccuracySum = 0;
        for (int epoch = 0; epoch < config.learningEpochs(); epoch++) {
            boolean train = epoch == 0;  // preprocessors absorb each sample once
            for (int i = 0; i < batches.size(); i++) {
                Map<String, Tensor> batch = batches.get(i);
                int b = batch.get("states").dim(0);
                Tensor states = states(batch.get("states").data(), b, train);
                Tensor oldLogProb = batch.get("log_prob").reshape(b);
                Tensor oldValues = batch.get("values").reshape(b);
                Tensor returns = batch.get("returns").reshape(b);
                Tensor advantage = batch.get("advantages").reshape(b);

                Normal pi = policy.distribution(states);
                Tensor ratio = pi.logProb(batch.get("actions")).sum(1).sub(oldLogProb).exp();
                Tensor surrogate = advantage.mul(ratio);
                Tensor clippedSurrogate = advantage.mul(ratio.clamp(1 - clip, 1 + clip));
                Tensor policyLoss = surrogate.minimum(clippedSurrogate).mean().neg();

                Tensor predicted = value.forward(states).reshape(b);
                if (config.clipPredictedValues()) {
                    float vc = (float) config.valueClip();
                    predicted = oldValues.add(predicted.sub(oldValues).clamp(-vc, vc));
                }
                Tensor valueLoss = returns.sub(predicted).square().mean().mul((float) config.valueLossScale());

                DiscriminatorLoss.Terms d = DiscriminatorLoss.compute(discriminator::forward,
                        discriminator.layers().getLast().weight(), discriminatorWeights(),
                        ampStates(first(batch.get("amp_states")), train), ampStates(first(replayBatches.get(i)), train),
                        ampStates(first(motionBatches.get(i)), train), scales);

                Tensor loss = policyLoss.add(valueLoss).add(d.total());
                if (config.entropyLossScale() > 0) {
                    Tensor entropyLoss = pi.entropy().sum(1).mean().mul((float) -config.entropyLossScale());
                    loss = loss.add(entropyLoss);
                    entropyLossSum += entropyLoss.item();
                }
                optimizer.zeroGrad();
                loss.backward();
                if (config.gradNormClip() > 0) {
                    GradClip.clipGradNorm(optimizer.parameters(), config.gradNormClip());
                }
                optimizer.step();
                flushSubnormals(discriminator.parameterList());

                policyLossSum += policyLoss.item();
                valueLossSum += valueLoss.item();
                discriminatorLossSum += d.total().item();
                agentAccuracySum += d.agentAccuracy();
                referenceAccuracySum += d.referenceAccuracy();
            }
        }
        replayBuffer.add(ampStates);

        double steps = (double) config.learningEpochs() * batches.size();
        logger.record("Loss / Policy loss", policyLossSum / steps);
        logger.record("Loss / Value loss", valueLossSum / steps);
        if (config.entropyLossScale() > 0) {
            logger.record("Loss / Entropy loss", entropyLossSum / steps);
        }
        logger.record("Loss / Discriminator loss", discriminatorLossSum / steps);
        logger.record("Reward / Style reward (mean)", styleSum / combined.length);
        logger.record("Discriminator / Accuracy on agent samples", agentAccuracySum / steps);
        logger.record("Discriminator / Accuracy on reference samples", referenceAccuracySum / steps);
        try (var g = Grad.disabled()) {
            logger.record("Policy / Standard deviation", policy.std().mean().item());
        }
        logger.record("Learning / Learning rate", optimizer.learningRate());
    }

    /**
     * Sets subnormal weights to 0, as {@code torch.set_flush_denormal(True)} does on CPU. Weight decay and logit
     * regularization shrink the weights of dead ReLU units towards 0 through the subnormal range, where x86 float
     * arithmetic takes microcode assists: it made AMP's updates ~5x slower after 40k steps (487 of 4673 weights).
     */
    private static void flushSubnormals(List<Tensor> parameters) {
        for (Tensor p : parameters) {
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                if (Math.abs(d[i]) < Float.MIN_NORMAL) {
                    d[i] = 0f;
                }
            }
        }
    }

    /** The first discriminator_batch_size rows (all when 0 or fewer rows). */
    private Tensor first(Tensor rows) {
        int n = config.discriminatorBatchSize();
        return n > 0 && n < rows.dim(0) ? rows.narrow(0, 0, n) : rows;
    }

    private List<Tensor> discriminatorWeights() {
        return discriminator.layers().stream().map(Linear::weight).toList();
    }

    /** Everything needed to continue: models, optimizer, preprocessors and the current learning rate. */
    Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().put("policy", policy.state()).put("value", value.state())
                .put("discriminator", discriminator.state()).put("optimizer", optimizer.state());
        statePreprocessor.ifPresent(s -> c.put("state_preprocessor", s.state()));
        valuePreprocessor.ifPresent(s -> c.put("value_preprocessor", s.state()));
        ampStatePreprocessor.ifPresent(s -> c.put("amp_state_preprocessor", s.state()));
        return c.meta("learning_rate", Double.toString(optimizer.learningRate()));
    }

    void restore(Checkpoint c) {
        restorePolicy(c);
        value.load(c.group("value"));
        discriminator.load(c.group("discriminator"));
        optimizer.load(c.group("optimizer"));
        valuePreprocessor.ifPresent(s -> s.load(c.group("value_preprocessor")));
        ampStatePreprocessor.ifPresent(s -> s.load(c.group("amp_state_preprocessor")));
        optimizer.setLearningRate(Double.parseDouble(c.metadata("learning_rate")));
    }

    /** Only what acting needs (evaluation): the policy and the state preprocessor. */
    void restorePolicy(Checkpoint c) {
        policy.load(c.group("policy"));
        statePreprocessor.ifPresent(s -> s.load(c.group("state_preprocessor")));
    }

    private Tensor states(float[] observations, int n, boolean train) {
        Tensor s = Tensor.of(observations, n, observationSize);
        return statePreprocessor.map(p -> p.apply(s, train)).orElse(s);
    }

    private Tensor ampStates(Tensor amp, boolean train) {
        return ampStatePreprocessor.map(p -> p.apply(amp, train)).orElse(amp);
    }

    private float[] unscaledValues(Tensor v) {
        float[] out = v.data().clone();
        valuePreprocessor.ifPresent(p -> p.inverse(out, out, out.length));
        return out;
    }

    /** Values and returns into the value preprocessor's units, which learn from them first (skrl's train=True). */
    private float[] scaledValues(float[] v) {
        float[] out = v.clone();
        valuePreprocessor.ifPresent(p -> {
            p.update(out, out.length);
            p.standardize(out, out, out.length);
        });
        return out;
    }

    private static RunningStandardScaler scaler(int size, Map<String, Object> kwargs) {
        return new RunningStandardScaler(size, AmpConfig.kwarg(kwargs, "epsilon", RunningStandardScaler.DEFAULT_EPSILON),
                AmpConfig.kwarg(kwargs, "clip_threshold", RunningStandardScaler.DEFAULT_CLIP_THRESHOLD));
    }
}
