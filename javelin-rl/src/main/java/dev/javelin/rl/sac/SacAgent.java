package dev.javelin.rl.sac;

import dev.javelin.dist.SquashedNormal;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.LinearLr;
import dev.javelin.optim.Optimizer;
import dev.javelin.optim.Polyak;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.rl.preprocess.RunningStandardScaler;
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
public final class SacAgent {
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
    private final Policy acting;
    private long updates;

    /** @param totalUpdates gradient steps the run will take, for the linear learning-rate schedule */
    public SacAgent(SacConfig config, int stateDim, int actionDim, long totalUpdates, Rng rng) {
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        var activation = config.activation();
        this.policy = new SquashedGaussianActor(stateDim, actionDim, config.netArch(), activation,
                config.logStdMin(), config.logStdMax(), rng);
        this.critic = new TwinQ(stateDim, actionDim, config.netArch(), activation, rng);
        this.targetCritic = new TwinQ(stateDim, actionDim, config.netArch(), activation, rng);
        targetCritic.copyFrom(critic);
        targetCritic.requiresGrad(false);
        this.policyOptimizer = new Adam(policy.parameterList(), config.actorLearningRate());
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
        this.acting = new Policy(policy, stateScaler);
    }

    /** skrl's RunningStandardScaler with its kwargs epsilon and clip_threshold, when configured. */
    static Optional<RunningStandardScaler> scalerFor(SacConfig config, int stateDim) {
        return config.statePreprocessor().map(name -> new RunningStandardScaler(stateDim,
                config.scalerEpsilon(), config.scalerClipThreshold()));
    }

    /** A policy of the same shape with its own parameters (freshly initialized: copy into it), for another thread. */
    Policy newPolicy() {
        Policy p = new Policy(new SquashedGaussianActor(stateDim, actionDim, config.netArch(), config.activation(),
                config.logStdMin(), config.logStdMax(), new Rng(0)), scalerFor(config, stateDim));
        p.actor.requiresGrad(false);
        return p;
    }

    /** The live policy (the learner's): act with it only between updates. */
    Policy policy() {
        return acting;
    }

    public int actionDim() {
        return actionDim;
    }

    public long updates() {
        return updates;
    }

    public double alpha() {
        return Math.exp(logAlpha.item());
    }

    /** One gradient step on a batch whose rewards are already shaped. */
    public Losses update(Transitions batch, Rng rng) {
        // skrl preprocesses (and so updates the statistics with) both states and next states of every batch
        Tensor s = preprocess(batch.statesTensor());
        Tensor a = batch.actionsTensor();
        Tensor r = batch.rewardsTensor();
        Tensor s2 = preprocess(batch.nextStatesTensor());
        Tensor notDone = batch.donesTensor().neg().add(1f);

        SquashedNormal.Sample pi = policy.sample(s, rng);

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
            SquashedNormal.Sample next = policy.sample(s2, rng);
            Tensor softQ = targetCritic.forward(s2, next.action()).min().sub(next.logProb().mul(alpha));
            y = r.add(notDone.mul(softQ).mul((float) config.discountFactor()));
        }

        TwinQ.Values q = critic.forward(s, a);
        Tensor criticLoss = q.q1().sub(y).square().mean().add(q.q2().sub(y).square().mean()).mul(0.5f);
        criticOptimizer.zeroGrad();
        criticLoss.backward();
        clip(criticOptimizer);
        criticOptimizer.step();

        // J(pi) = E[alpha log pi(a|s) - min Q(s, a)], a ~ pi: the critics stay frozen through the backward pass
        // (which reads requiresGrad when it runs), so it computes the critics' input gradients, not their weights'
        critic.requiresGrad(false);
        Tensor policyLoss;
        try {
            policyLoss = pi.logProb().mul(alpha).sub(critic.forward(s, pi.action()).min()).mean();
            policyOptimizer.zeroGrad();
            policyLoss.backward();
        } finally {
            critic.requiresGrad(true);
        }
        clip(policyOptimizer);
        policyOptimizer.step();

        updates++;
        if (updates % config.targetUpdateInterval() == 0) {
            Polyak.update(targetCritic, critic, config.polyak());
        }
        policySchedule.ifPresent(l -> policyOptimizer.setLearningRate(l.step(policyOptimizer.learningRate(),
                java.util.OptionalDouble.empty())));
        criticSchedule.ifPresent(l -> criticOptimizer.setLearningRate(l.step(criticOptimizer.learningRate(),
                java.util.OptionalDouble.empty())));
        return new Losses(policyLoss.item(), criticLoss.item(), entropyLoss, alpha, q.q1().mean().item(),
                q.q2().mean().item(), y.mean().item());
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
    public Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint()
                .put("policy", policy.state())
                .put("critic", critic.state())
                .put("target_critic", targetCritic.state())
                .put("policy_optimizer", policyOptimizer.state())
                .put("critic_optimizer", criticOptimizer.state())
                .put("entropy", Map.of("log_entropy_coefficient", logAlpha));
        entropyOptimizer.ifPresent(o -> c.put("entropy_optimizer", o.state()));
        stateScaler.ifPresent(sc -> c.put("state_preprocessor", sc.state()));
        return c.meta(UPDATES_KEY, updates);
    }

    /** Restores {@link #checkpoint()}; for evaluation only the policy (and its preprocessor) are read. */
    public void load(Checkpoint c, boolean policyOnly) {
        c.restore("policy", policy.parameters());
        stateScaler.ifPresent(sc -> sc.load(c.group("state_preprocessor")));
        if (policyOnly) {
            return;
        }
        c.restore("critic", critic.parameters());
        c.restore("target_critic", targetCritic.parameters());
        policyOptimizer.load(c.group("policy_optimizer"));
        criticOptimizer.load(c.group("critic_optimizer"));
        c.restore("entropy", Map.of("log_entropy_coefficient", logAlpha));
        entropyOptimizer.ifPresent(o -> o.load(c.group("entropy_optimizer")));
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
