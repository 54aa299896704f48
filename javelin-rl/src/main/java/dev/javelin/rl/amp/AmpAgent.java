package dev.javelin.rl.amp;

import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.ppo.ActionDistribution;
import dev.javelin.rl.ppo.ActorCritic;
import dev.javelin.rl.ppo.Gae;
import dev.javelin.rl.ppo.PpoLoss;
import dev.javelin.rl.preprocess.Preprocessor;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The AMP agent (Peng et al. 2021) as skrl's: a Gaussian policy and a value function (PPO's actor-critic with separate
 * nets, checkpointed as skrl's two models "policy" and "value") and a discriminator trained by one
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
    private final ActorCritic model;
    private final Mlp discriminator;
    private final Adam optimizer;
    private final Preprocessor statePreprocessor;
    private final Preprocessor valuePreprocessor;
    private final Preprocessor ampStatePreprocessor;
    private final Rng rng;

    /** Actions to take ({@code [n * actionSize]}), their log-probs and values in reward units. */
    record Act(float[] actions, float[] logProb, float[] values) {
    }

    AmpAgent(AmpConfig config, int observationSize, int actionSize, int ampObservationSize, Rng rng) {
        this.config = config;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.rng = rng;
        model = new ActorCritic(observationSize, actionSize, true, config.architecture(), rng.split(), rng.split());
        discriminator = new Mlp(ampObservationSize, config.discriminatorHiddenSizes(), 1,
                config.discriminatorActivation(), rng.split());
        List<Tensor> parameters = new ArrayList<>(model.parameterList());
        parameters.addAll(discriminator.parameterList());
        optimizer = new Adam(parameters, config.learningRate());
        statePreprocessor = Preprocessor.of("state_preprocessor", config.statePreprocessor(), observationSize,
                config.statePreprocessorKwargs());
        valuePreprocessor = Preprocessor.of("value_preprocessor", config.valuePreprocessor(), 1,
                config.valuePreprocessorKwargs());
        ampStatePreprocessor = Preprocessor.of("amp_state_preprocessor", config.ampStatePreprocessor(),
                ampObservationSize, config.ampStatePreprocessorKwargs());
    }

    Act act(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            ActorCritic.Output out = model.forward(states(observations, n, false));
            ActionDistribution pi = ActionDistribution.of(out);
            Tensor actions = pi.sample(rng);
            return new Act(actions.data(), pi.logProb(actions).data(), valuePreprocessor.inverse(out.values().data()));
        }
    }

    /** Log-probs and values of given actions (the random ones before random_timesteps). */
    Act evaluate(float[] observations, float[] actions, int n) {
        try (var g = Grad.disabled()) {
            ActorCritic.Output out = model.forward(states(observations, n, false));
            Tensor a = Tensor.of(actions.clone(), n, actionSize);
            return new Act(a.data(), ActionDistribution.of(out).logProb(a).data(),
                    valuePreprocessor.inverse(out.values().data()));
        }
    }

    /** V(s) in reward units, to bootstrap the rollout's last step or a truncated episode. */
    float[] values(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            return valuePreprocessor.inverse(model.values(states(observations, n, false)).data());
        }
    }

    /** The deterministic policy: the Gaussian's mean. */
    float[] deterministic(float[] observations, int n) {
        try (var g = Grad.disabled()) {
            return ActionDistribution.of(model.policy(states(observations, n, false))).mode().data();
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

        Gae.setTargets(memory, combined, lastValues, config.discountFactor(), config.gaeLambda(), valuePreprocessor);

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

                ActorCritic.Output out = model.forward(states);
                ActionDistribution pi = ActionDistribution.of(out);
                Tensor policyLoss = PpoLoss.clippedSurrogate(pi.logProb(batch.get("actions")).sub(oldLogProb),
                        advantage, clip);
                Tensor valueLoss = PpoLoss.value(out.values(), oldValues, returns, config.clipPredictedValues(),
                        config.valueClip(), config.valueLossScale());

                DiscriminatorLoss.Terms d = DiscriminatorLoss.compute(discriminator::forward,
                        discriminator.layers().getLast().weight(), discriminatorWeights(),
                        ampStates(first(batch.get("amp_states")), train), ampStates(first(replayBatches.get(i)), train),
                        ampStates(first(motionBatches.get(i)), train), scales);

                Tensor loss = policyLoss.add(valueLoss).add(d.total());
                if (config.entropyLossScale() > 0) {
                    Tensor entropyLoss = pi.entropy().mean().mul((float) -config.entropyLossScale());
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
            logger.record("Policy / Standard deviation", model.std().mean().item());
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
        Map<String, Tensor> state = model.state();
        Checkpoint c = new Checkpoint().put("policy", policyModel(state)).put("value", valueModel(state))
                .put("discriminator", discriminator.state()).put("optimizer", optimizer.state());
        statePreprocessor.save(c);
        valuePreprocessor.save(c);
        ampStatePreprocessor.save(c);
        return c.meta("learning_rate", Double.toString(optimizer.learningRate()));
    }

    void restore(Checkpoint c) {
        restorePolicy(c);
        c.restore("value", valueModel(model.parameters()));
        discriminator.load(c.group("discriminator"));
        optimizer.load(c.group("optimizer"));
        valuePreprocessor.restore(c);
        ampStatePreprocessor.restore(c);
        optimizer.setLearningRate(Double.parseDouble(c.metadata("learning_rate")));
    }

    /** Only what acting needs (evaluation): the policy and the state preprocessor. */
    void restorePolicy(Checkpoint c) {
        c.restore("policy", policyModel(model.parameters()));
        statePreprocessor.restore(c);
    }

    /** skrl's policy model: the actor-critic's log_std and actor net, {@code actor.*} named {@code net.*}. */
    private static Map<String, Tensor> policyModel(Map<String, Tensor> actorCritic) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        actorCritic.forEach((name, t) -> {
            if (name.equals("log_std")) {
                out.put(name, t);
            } else if (name.startsWith("actor.")) {
                out.put("net." + name.substring("actor.".length()), t);
            }
        });
        return out;
    }

    /** skrl's value model: the actor-critic's critic net, {@code critic.*} without the prefix. */
    private static Map<String, Tensor> valueModel(Map<String, Tensor> actorCritic) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        actorCritic.forEach((name, t) -> {
            if (name.startsWith("critic.")) {
                out.put(name.substring("critic.".length()), t);
            }
        });
        return out;
    }

    private Tensor states(float[] observations, int n, boolean train) {
        return statePreprocessor.apply(Tensor.of(observations, n, observationSize), train);
    }

    private Tensor ampStates(Tensor amp, boolean train) {
        return ampStatePreprocessor.apply(amp, train);
    }
}
