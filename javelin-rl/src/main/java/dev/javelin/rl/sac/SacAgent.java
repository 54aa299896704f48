package dev.javelin.rl.sac;

import dev.javelin.dist.SquashedNormal;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.LinearLr;
import dev.javelin.optim.Optimizer;
import dev.javelin.optim.Polyak;
import dev.javelin.rl.SideThread;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Arena;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Soft Actor-Critic (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications"): the networks,
 * their optimizers and one gradient step, in Stable-Baselines3's order (entropy coefficient, critics,
 * actor, targets). Actions live in [-1, 1]; the env sees them through RescaleAction.
 */
public final class SacAgent implements OffPolicyAgent {
    /** What one gradient step measured, under skrl's tags. */
    public record Losses(double policyLoss, double criticLoss, double entropyLoss, double alpha,
                         double q1Mean, double q2Mean, double targetMean) {
    }

    static final String UPDATES_KEY = "updates";

    private final SacConfig config;
    private final int stateDim;
    private final int actionDim;
    final SquashedGaussianActor policy;
    final TwinQ critic;
    final TwinQ targetCritic;
    private final Adam policyOptimizer;
    private final Adam criticOptimizer;
    private final Tensor logAlpha;
    private final Optional<Adam> entropyOptimizer;
    private final Optional<LinearLr> policySchedule;
    private final Optional<LinearLr> criticSchedule;
    private final float targetEntropy;
    private final Optional<RunningStandardScaler> stateScaler;
    private final Optional<RewardNormalizer> rewardNormalizer;
    private final Policy acting;
    private final List<Tensor> actorParameters;
    private final SideThread twins = new SideThread("sac-twin");
    private long updates;

    /**
     * Actor, twin critics with their targets, entropy coefficient and optimizers, initialized from {@code rng}.
     *
     * @param totalUpdates gradient steps the run will take, for the linear learning-rate schedule
     */
    public SacAgent(SacConfig config, int stateDim, int actionDim, long totalUpdates, Rng rng) {
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        var activation = config.activation();
        this.policy = actor(config, stateDim, actionDim, rng);
        this.critic = new TwinQ(stateDim, actionDim, config.netArch(), activation, rng);
        this.targetCritic = new TwinQ(stateDim, actionDim, config.netArch(), activation, rng);
        targetCritic.copyFrom(critic);
        targetCritic.requiresGrad(false);
        this.actorParameters = policy.parameterList();
        this.policyOptimizer = new Adam(actorParameters, config.actorLearningRate());
        this.criticOptimizer = new Adam(critic.parameterList(), config.criticLearningRate());
        this.logAlpha = Tensor.parameter(new float[] {(float) Math.log(config.initialEntropyValue())}, 1);
        this.entropyOptimizer = config.learnEntropy()
                ? Optional.of(new Adam(List.of(logAlpha), config.entropyLearningRate())) : Optional.empty();
        boolean linear = config.learningRateScheduler().isPresent();
        long total = Math.max(1, totalUpdates);
        this.policySchedule = linear ? Optional.of(new LinearLr(config.actorLearningRate(), config.linearEndFactor(), total)) : Optional.empty();
        this.criticSchedule = linear ? Optional.of(new LinearLr(config.criticLearningRate(), config.linearEndFactor(), total)) : Optional.empty();
        this.targetEntropy = (float) config.targetEntropyFor(actionDim);
        this.stateScaler = scalerFor(config, stateDim);
        this.rewardNormalizer = config.normalizeReward() ? Optional.of(new RewardNormalizer()) : Optional.empty();
        this.acting = new Policy(policy, stateScaler);
    }

    private static SquashedGaussianActor actor(SacConfig config, int stateDim, int actionDim, Rng rng) {
        return new SquashedGaussianActor(stateDim, actionDim, config.netArch(), config.activation(), config.logStdMin(),
                config.logStdMax(), config.sde(), config.logStdInit(), config.clipMean(), rng);
    }

    /** skrl's RunningStandardScaler with its kwargs epsilon and clip_threshold, when configured. */
    static Optional<RunningStandardScaler> scalerFor(SacConfig config, int stateDim) {
        return config.statePreprocessor().map(name -> RunningStandardScaler.fromKwargs(stateDim,
                config.statePreprocessorKwargs()));
    }

    /** A policy of the same shape with its own parameters (freshly initialized: copy into it), for another thread. */
    @Override
    public Policy newPolicy() {
        Policy p = new Policy(actor(config, stateDim, actionDim, new Rng(0)), scalerFor(config, stateDim));
        p.actor.requiresGrad(false);
        return p;
    }

    /** The live policy (the learner's): act with it only between updates. */
    @Override
    public Policy policy() {
        return acting;
    }

    /** The reward normalization's statistics, which the collectors feed, when normalize_reward is on. */
    @Override
    public Optional<RewardNormalizer> rewardNormalizer() {
        return rewardNormalizer;
    }

    /** Floats per action. */
    public int actionDim() {
        return actionDim;
    }

    /** Gradient steps done so far. */
    @Override
    public long updates() {
        return updates;
    }

    /** The entropy coefficient alpha = exp(log alpha). */
    public double alpha() {
        return Math.exp(logAlpha.item());
    }

    /**
     * One gradient step on a batch whose rewards are already shaped (normalized here with normalize_reward).
     * Work that does not depend on each other (the actor on s and on s', each critic's passes) runs side by
     * side when the kernel threads allow two ({@link SideThread#both}); the arithmetic is the same either way.
     */
    public Losses update(Transitions batch, Rng rng) {
        return update(batch, 0, rng);
    }

    /**
     * {@link #update(Transitions, Rng)} on a batch whose last {@code demoRows} rows are demonstrations, which the
     * actor also clones when bc_loss_weight is set ({@link QFilteredBc}).
     */
    public Losses update(Transitions batch, int demoRows, Rng rng) {
        // the caller's side of the step in an Arena: the same shapes every step, so last step's arrays come back
        // (the side thread's tasks allocate as usual; nothing computed here outlives the step but doubles)
        try (Arena arena = Arena.open()) {
            // skrl preprocesses (and so updates the statistics with) both states and next states of every batch
            Tensor s = preprocess(batch.statesTensor());
            Tensor a = batch.actionsTensor();
            Tensor r = rewardNormalizer.map(n -> n.normalize(batch)).orElse(batch).rewardsTensor();
            Tensor s2 = preprocess(batch.nextStatesTensor());
            Tensor notDone = batch.donesTensor().neg().add(1f);

            // gSDE: one exploration matrix per gradient step, for s and s' (SB3's reset_noise in train)
            Tensor exploration = policy.usesSde() ? policy.exploration(1, rng) : null;
            // pi(.|s) recorded for the actor's losses, pi(.|s') without a graph for the target; drawn in that order
            List<SquashedGaussianActor.Pi> dists = twins.both(i -> {
                if (i == 0) {
                    return policy.pi(s, exploration);
                }
                try (var g = Grad.disabled()) {
                    return policy.pi(s2, exploration);
                }
            });
            SquashedNormal.Sample pi = dists.get(0).draw(rng);

            // alpha: J(alpha) = E[-log alpha (log pi + target entropy)], on log alpha as SB3 and skrl
            float alpha = (float) alpha();
            double entropyLoss = Double.NaN;
            if (entropyOptimizer.isPresent()) {
                Tensor loss = logAlpha.mul(pi.logProb().detach().add(targetEntropy)).mean().neg();
                entropyOptimizer.get().zeroGrad();
                loss.backward();
                entropyOptimizer.get().step();
                entropyLoss = loss.item();
            }

            // y = r + gamma (1 - done) (min Q'(s', a') - alpha log pi(a'|s')), a' ~ pi(.|s')
            Tensor y;
            try (var g = Grad.disabled()) {
                SquashedNormal.Sample next = dists.get(1).draw(rng);
                Tensor nextInput = Tensor.concat(1, s2, next.action());
                List<Tensor> nextQ = twins.both(i -> {
                    try (var inner = Grad.disabled()) {
                        return targetCritic.q(i).forward(nextInput);
                    }
                });
                Tensor softQ = nextQ.get(0).minimum(nextQ.get(1)).sub(next.logProb().mul(alpha));
                y = r.add(notDone.mul(softQ).mul((float) config.discountFactor()));
            }

            // J(Q) = 1/2 (mean (Q1(s, a) - y)^2 + mean (Q2(s, a) - y)^2): each critic's half differentiated on its own
            Tensor input = Tensor.concat(1, s, a);
            criticOptimizer.zeroGrad();
            List<CriticPass> q = twins.both(i -> {
                Tensor qi = critic.q(i).forward(input);
                Tensor mse = qi.sub(y).square().mean();
                mse.mul(0.5f).backward();
                return new CriticPass(qi, mse);
            });
            clip(criticOptimizer);
            criticOptimizer.step();

            // J(pi) = E[alpha log pi(a|s) - min Q(s, a)], a ~ pi(.|s). The critics only pass gradients on to a: each
            // critic's dQ_i/da is a vector-Jacobian product on its own (their weights get none), then one backward
            // pass through the actor takes both the log pi term and dJ/da.
            Tensor action = pi.action().detach().requiresGrad(true);
            Tensor policyInput = Tensor.concat(1, s, action);
            List<Tensor> qPi = twins.both(i -> critic.q(i).forward(policyInput));
            Tensor policyLoss = pi.logProb().mul(alpha).sub(qPi.get(0).minimum(qPi.get(1))).mean();
            List<Tensor> dLossDq = Grad.of(List.of(policyLoss), qPi, false);
            // + L_BC on the demonstration rows: its gradient joins dJ/da (Nair et al. 2018)
            Optional<QFilteredBc> bc = demoRows > 0 && config.bcLossWeight() > 0
                    ? Optional.of(QFilteredBc.of(pi.action().data(), batch.actions(), q.get(0).q().minimum(q.get(1).q()).data(),
                            qPi.get(0).minimum(qPi.get(1)).data(), batch.size(), actionDim, demoRows, config.bcLossWeight(),
                            config.qFilter()))
                    : Optional.empty();
            List<Tensor> dLossDa = twins.both(i -> Grad.of(List.of(qPi.get(i)), List.of(action), List.of(dLossDq.get(i)), false)
                    .getFirst());
            List<Tensor> actorGrads = Grad.of(List.of(policyLoss, pi.action()), actorParameters,
                    List.of(Tensor.scalar(1f), bc.isEmpty() ? dLossDa.get(0).add(dLossDa.get(1))
                            : dLossDa.get(0).add(dLossDa.get(1)).add(bc.get().gradient())), false);
            policyOptimizer.zeroGrad();
            for (int k = 0; k < actorParameters.size(); k++) {
                actorParameters.get(k).setGrad(actorGrads.get(k));
            }
            clip(policyOptimizer);
            policyOptimizer.step();

            updates++;
            if (updates % config.targetUpdateInterval() == 0) {
                twins.both(i -> {
                    Polyak.update(targetCritic.q(i), critic.q(i), config.polyak());
                    return i;
                });
            }
            policySchedule.ifPresent(l -> policyOptimizer.setLearningRate(l.step(policyOptimizer.learningRate(),
                    java.util.OptionalDouble.empty())));
            criticSchedule.ifPresent(l -> criticOptimizer.setLearningRate(l.step(criticOptimizer.learningRate(),
                    java.util.OptionalDouble.empty())));
            CriticPass q1 = q.get(0);
            CriticPass q2 = q.get(1);
            return new Losses(policyLoss.item() + bc.map(QFilteredBc::loss).orElse(0.0), q1.mse().add(q2.mse()).mul(0.5f).item(), entropyLoss, alpha,
                    q1.q().mean().item(), q2.q().mean().item(), y.mean().item());
        }
    }

    /** {@link #update(Transitions, int, Rng)}, its losses recorded under skrl's tags. */
    @Override
    public void learn(Transitions batch, int demoRows, Rng rng, Logger logger) {
        Losses l = update(batch, demoRows, rng);
        synchronized (logger) {
            logger.record("Loss / Policy loss", l.policyLoss());
            logger.record("Loss / Critic loss", l.criticLoss());
            logger.record("Q-network / Q1 (mean)", l.q1Mean());
            logger.record("Q-network / Q2 (mean)", l.q2Mean());
            logger.record("Target / Target (mean)", l.targetMean());
            if (!Double.isNaN(l.entropyLoss())) {
                logger.record("Loss / Entropy loss", l.entropyLoss());
            }
            logger.record("Coefficient / Entropy coefficient", l.alpha());
        }
    }

    /** One critic's values Q_i(s, a) [B, 1] and its squared error against the target. */
    private record CriticPass(Tensor q, Tensor mse) {
    }

    /** Stops the twin passes' side thread; the agent can still act and be saved. */
    @Override
    public void close() {
        twins.close();
    }

    private Tensor preprocess(Tensor states) {
        return stateScaler.map(sc -> sc.apply(states, true)).orElse(states);
    }

    private void clip(Optimizer optimizer) {
        if (config.gradNormClip() > 0) {
            GradClip.clipGradNorm(optimizer.parameters(), config.gradNormClip());
        }
    }

    /** Everything a resumed run needs, in groups named as skrl's checkpoint modules. */
    @Override
    public Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint()
                .put("policy", policy.state())
                .put("critic", critic.state())
                .put("target_critic", targetCritic.state())
                .put("policy_optimizer", policyOptimizer.state())
                .put("critic_optimizer", criticOptimizer.state())
                .put("entropy", Map.of("log_entropy_coefficient", logAlpha));
        entropyOptimizer.ifPresent(o -> c.put("entropy_optimizer", o.state()));
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
        c.restore("critic", critic.parameters());
        c.restore("target_critic", targetCritic.parameters());
        policyOptimizer.load(c.group("policy_optimizer"));
        criticOptimizer.load(c.group("critic_optimizer"));
        c.restore("entropy", Map.of("log_entropy_coefficient", logAlpha));
        entropyOptimizer.ifPresent(o -> o.load(c.group("entropy_optimizer")));
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
