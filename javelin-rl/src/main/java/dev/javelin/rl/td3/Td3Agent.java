package dev.javelin.rl.td3;

import dev.javelin.nn.Mlp;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.LinearLr;
import dev.javelin.optim.Optimizer;
import dev.javelin.optim.Polyak;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.rl.sac.OffPolicyAgent;
import dev.javelin.rl.sac.RewardNormalizer;
import dev.javelin.tensor.Arena;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Twin Delayed DDPG (Fujimoto et al. 2018, "Addressing Function Approximation Error in Actor-Critic Methods"):
 * the networks, their optimizers and one gradient step in skrl's order (critics; then every
 * {@code policy_delay} critic updates the actor on -Q1(s, mu(s)) and the targets). With one critic, no delay and
 * no smoothing noise it is DDPG (Lillicrap et al. 2016) as skrl's. Actions live in [-1, 1]; the env sees them
 * through RescaleAction.
 */
public final class Td3Agent implements OffPolicyAgent {
    /**
     * What one gradient step measured, under skrl's tags; {@code policyLoss} is NaN on a step without an actor
     * update.
     */
    public record Losses(double policyLoss, double criticLoss, double q1Mean, double q2Mean, double targetMean) {
    }

    static final String UPDATES_KEY = "updates";

    private final Td3Config config;
    private final int stateDim;
    private final int actionDim;
    private final String[] criticNames;
    final DeterministicActor policy;
    final DeterministicActor targetPolicy;
    final List<Mlp> critics = new ArrayList<>();
    final List<Mlp> targetCritics = new ArrayList<>();
    private final List<Tensor> actorParameters;
    private final Adam policyOptimizer;
    private final Adam criticOptimizer;
    private final Optional<LinearLr> policySchedule;
    private final Optional<LinearLr> criticSchedule;
    private final Optional<GaussianNoise> smoothing;
    private final Optional<RunningStandardScaler> stateScaler;
    private final Optional<RewardNormalizer> rewardNormalizer;
    private final Td3Policy acting;
    private long updates;

    /**
     * Actor and {@code critics} critics (2: TD3's twins, 1: DDPG's) with their targets and optimizers,
     * initialized from {@code rng}; the targets start as copies.
     *
     * @param totalUpdates gradient steps the run will take, for the linear learning-rate schedule
     */
    public Td3Agent(Td3Config config, int critics, int stateDim, int actionDim, long totalUpdates, Rng rng) {
        if (critics != 1 && critics != 2) {
            throw new IllegalArgumentException("Td3Agent: critics must be 1 (DDPG) or 2 (TD3), got " + critics);
        }
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        // skrl's checkpoint module names
        this.criticNames = critics == 2 ? new String[] {"critic_1", "critic_2"} : new String[] {"critic"};
        this.policy = new DeterministicActor(stateDim, actionDim, config.netArch(), config.activation(), rng);
        this.targetPolicy = new DeterministicActor(stateDim, actionDim, config.netArch(), config.activation(), rng);
        targetPolicy.copyFrom(policy);
        targetPolicy.requiresGrad(false);
        List<Tensor> criticParameters = new ArrayList<>();
        for (int i = 0; i < critics; i++) {
            Mlp q = new Mlp(stateDim + actionDim, config.netArch(), 1, config.activation(), rng);
            Mlp target = new Mlp(stateDim + actionDim, config.netArch(), 1, config.activation(), rng);
            target.copyFrom(q);
            target.requiresGrad(false);
            this.critics.add(q);
            this.targetCritics.add(target);
            criticParameters.addAll(q.parameterList());
        }
        this.actorParameters = policy.parameterList();
        this.policyOptimizer = new Adam(actorParameters, config.actorLearningRate());
        this.criticOptimizer = new Adam(criticParameters, config.criticLearningRate());
        boolean linear = config.learningRateScheduler().isPresent();
        long total = Math.max(1, totalUpdates);
        this.policySchedule = linear ? Optional.of(new LinearLr(config.actorLearningRate(), config.linearEndFactor(), total))
                : Optional.empty();
        this.criticSchedule = linear ? Optional.of(new LinearLr(config.criticLearningRate(), config.linearEndFactor(), total))
                : Optional.empty();
        this.smoothing = config.smoothing();
        this.stateScaler = scalerFor(config, stateDim);
        this.rewardNormalizer = config.normalizeReward() ? Optional.of(new RewardNormalizer()) : Optional.empty();
        this.acting = new Td3Policy(policy, stateScaler, config.exploration(), config.timesteps());
    }

    /** skrl's RunningStandardScaler with its kwargs epsilon and clip_threshold, when configured. */
    static Optional<RunningStandardScaler> scalerFor(Td3Config config, int stateDim) {
        return config.statePreprocessor().map(name -> RunningStandardScaler.fromKwargs(stateDim,
                config.statePreprocessorKwargs()));
    }

    @Override
    public Td3Policy policy() {
        return acting;
    }

    @Override
    public Td3Policy newPolicy() {
        DeterministicActor actor = new DeterministicActor(stateDim, actionDim, config.netArch(), config.activation(), new Rng(0));
        actor.requiresGrad(false);
        return new Td3Policy(actor, scalerFor(config, stateDim), config.exploration(), config.timesteps());
    }

    @Override
    public Optional<RewardNormalizer> rewardNormalizer() {
        return rewardNormalizer;
    }

    @Override
    public long updates() {
        return updates;
    }

    /** Critics: 2 for TD3, 1 for DDPG. */
    public int critics() {
        return critics.size();
    }

    /**
     * Target policy smoothing: {@code mu'(s') + clip(eps, -c, c)}, clipped to the action bounds [-1, 1]
     * (the paper's eq. 14 with skrl's clipping of the sum).
     */
    static Tensor smooth(Tensor targetAction, Tensor noise, float clip) {
        return targetAction.add(noise.clamp(-clip, clip)).clamp(-1f, 1f);
    }

    /** y = r + gamma (1 - done) min_i Q'_i(s', a') over the target critics' values [B, 1]. */
    static Tensor target(Tensor rewards, Tensor notDone, List<Tensor> nextQ, float gamma) {
        Tensor q = nextQ.getFirst();
        for (int i = 1; i < nextQ.size(); i++) {
            q = q.minimum(nextQ.get(i));
        }
        return rewards.add(notDone.mul(q).mul(gamma));
    }

    /** The targets of a batch: mu'(s'), smoothed when configured (noise drawn from {@code rng}), into the target critics. */
    Tensor targets(Tensor rewards, Tensor notDone, Tensor nextStates, Rng rng) {
        try (var g = Grad.disabled()) {
            Tensor next = targetPolicy.forward(nextStates);
            if (smoothing.isPresent()) {
                next = smooth(next, smoothing.get().sample(rng, next.dim(0), next.dim(1)), (float) config.smoothRegularizationClip());
            }
            Tensor input = Tensor.concat(1, nextStates, next);
            List<Tensor> nextQ = targetCritics.stream().map(q -> q.forward(input)).toList();
            return target(rewards, notDone, nextQ, (float) config.discountFactor());
        }
    }

    /** J(Q) = sum_i mean (Q_i(s, a) - y)^2 (skrl's and SB3's sum of the critics' MSE). */
    Tensor criticLoss(List<Tensor> q, Tensor y) {
        Tensor loss = q.getFirst().sub(y).square().mean();
        for (int i = 1; i < q.size(); i++) {
            loss = loss.add(q.get(i).sub(y).square().mean());
        }
        return loss;
    }

    /** J(mu) = -mean Q_1(s, mu(s)), plus action_l2 * mean(mu(s)^2) when that weight is set (Baselines' HER). */
    Tensor policyLoss(Tensor states) {
        Tensor mu = policy.forward(states);
        Tensor loss = critics.getFirst().forward(Tensor.concat(1, states, mu)).mean().neg();
        return config.actionL2() > 0 ? loss.add(mu.square().mean().mul((float) config.actionL2())) : loss;
    }

    /**
     * One gradient step on a batch whose rewards are already shaped (normalized here with normalize_reward):
     * the critics, then, on every policy_delay-th step, the actor and the Polyak averages of all targets.
     */
    public Losses update(Transitions batch, Rng rng) {
        try (Arena arena = Arena.open()) {
            // skrl preprocesses (and so updates the statistics with) both states and next states of every batch
            Tensor s = preprocess(batch.statesTensor());
            Tensor a = batch.actionsTensor();
            Tensor r = rewardNormalizer.map(n -> n.normalize(batch)).orElse(batch).rewardsTensor();
            Tensor s2 = preprocess(batch.nextStatesTensor());
            Tensor notDone = batch.donesTensor().neg().add(1f);
            Tensor y = targets(r, notDone, s2, rng);

            Tensor input = Tensor.concat(1, s, a);
            List<Tensor> q = critics.stream().map(c -> c.forward(input)).toList();
            Tensor criticLoss = criticLoss(q, y);
            criticOptimizer.zeroGrad();
            criticLoss.backward();
            clip(criticOptimizer);
            criticOptimizer.step();

            updates++;
            double policyLoss = Double.NaN;
            if (updates % config.policyDelay() == 0) {
                // the gradient of the actor alone: the critic's weights get none (a backward pass would leave them
                // gradients that only the next zeroGrad clears, and the state of those buffers would then differ
                // between a resumed run and the uninterrupted one)
                Tensor loss = policyLoss(s);
                List<Tensor> grads = Grad.of(List.of(loss), actorParameters, false);
                policyOptimizer.zeroGrad();
                for (int k = 0; k < actorParameters.size(); k++) {
                    actorParameters.get(k).setGrad(grads.get(k));
                }
                clip(policyOptimizer);
                policyOptimizer.step();
                policyLoss = loss.item();
                for (int i = 0; i < critics.size(); i++) {
                    Polyak.update(targetCritics.get(i), critics.get(i), config.polyak());
                }
                Polyak.update(targetPolicy, policy, config.polyak());
            }
            policySchedule.ifPresent(l -> policyOptimizer.setLearningRate(l.step(policyOptimizer.learningRate(),
                    OptionalDouble.empty())));
            criticSchedule.ifPresent(l -> criticOptimizer.setLearningRate(l.step(criticOptimizer.learningRate(),
                    OptionalDouble.empty())));
            return new Losses(policyLoss, criticLoss.item(), q.getFirst().mean().item(),
                    q.size() > 1 ? q.get(1).mean().item() : Double.NaN, y.mean().item());
        }
    }

    /** {@link #update}, its losses recorded under skrl's tags; demonstration rows are learned from as any other. */
    @Override
    public void learn(Transitions batch, int demoRows, Rng rng, Logger logger) {
        Losses l = update(batch, rng);
        synchronized (logger) {
            if (!Double.isNaN(l.policyLoss())) {
                logger.record("Loss / Policy loss", l.policyLoss());
            }
            logger.record("Loss / Critic loss", l.criticLoss());
            logger.record("Q-network / Q1 (mean)", l.q1Mean());
            if (!Double.isNaN(l.q2Mean())) {
                logger.record("Q-network / Q2 (mean)", l.q2Mean());
            }
            logger.record("Target / Target (mean)", l.targetMean());
        }
    }

    private Tensor preprocess(Tensor states) {
        return stateScaler.map(sc -> sc.apply(states, true)).orElse(states);
    }

    private void clip(Optimizer optimizer) {
        if (config.gradNormClip() > 0) {
            GradClip.clipGradNorm(optimizer.parameters(), config.gradNormClip());
        }
    }

    @Override
    public void close() {
    }

    /** Everything a resumed run needs, in groups named as skrl's checkpoint modules. */
    @Override
    public Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint()
                .put("policy", policy.state())
                .put("target_policy", targetPolicy.state())
                .put("policy_optimizer", policyOptimizer.state())
                .put("critic_optimizer", criticOptimizer.state());
        for (int i = 0; i < critics.size(); i++) {
            c.put(criticNames[i], critics.get(i).state());
            c.put("target_" + criticNames[i], targetCritics.get(i).state());
        }
        stateScaler.ifPresent(sc -> c.putFloat64("state_preprocessor", sc.state()));
        rewardNormalizer.ifPresent(n -> n.save(c));
        return c.meta(UPDATES_KEY, updates);
    }

    /** Restores {@link #checkpoint()}; for evaluation only the policy (and its preprocessor) are read. */
    @Override
    public void load(Checkpoint c, boolean policyOnly) {
        c.restore("policy", policy.parameters());
        stateScaler.ifPresent(sc -> sc.load(c.float64Group("state_preprocessor")));
        if (policyOnly) {
            return;
        }
        c.restore("target_policy", targetPolicy.parameters());
        for (int i = 0; i < critics.size(); i++) {
            c.restore(criticNames[i], critics.get(i).parameters());
            c.restore("target_" + criticNames[i], targetCritics.get(i).parameters());
        }
        policyOptimizer.load(c.group("policy_optimizer"));
        criticOptimizer.load(c.group("critic_optimizer"));
        rewardNormalizer.ifPresent(n -> n.load(c));
        updates = c.longMetadata(UPDATES_KEY);
        policySchedule.ifPresent(l -> {
            l.setUpdates(updates);
            policyOptimizer.setLearningRate(l.learningRate());
        });
        criticSchedule.ifPresent(l -> {
            l.setUpdates(updates);
            criticOptimizer.setLearningRate(l.learningRate());
        });
    }
}
