package dev.javelin.rl.sac;

import dev.javelin.dist.SquashedNormal;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.LinearLr;
import dev.javelin.optim.Optimizer;
import dev.javelin.optim.Polyak;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
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

    private final SacConfig config;
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
    private long updates;

    /** @param totalUpdates gradient steps the run will take, for the linear learning-rate schedule */
    public SacAgent(SacConfig config, int stateDim, int actionDim, long totalUpdates, Rng rng) {
        this.config = config;
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
        this.policySchedule = linear ? Optional.of(new LinearLr(config.actorLearningRate(), 0, total)) : Optional.empty();
        this.criticSchedule = linear ? Optional.of(new LinearLr(config.criticLearningRate(), 0, total)) : Optional.empty();
        this.targetEntropy = (float) config.targetEntropyFor(actionDim);
    }

    public SquashedGaussianActor policy() {
        return policy;
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
        Tensor s = batch.statesTensor();
        Tensor a = batch.actionsTensor();
        Tensor r = batch.rewardsTensor();
        Tensor s2 = batch.nextStatesTensor();
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

        // J(pi) = E[alpha log pi(a|s) - min Q(s, a)], a ~ pi: the critics are frozen so only the policy gets gradients
        critic.requiresGrad(false);
        Tensor policyLoss;
        try {
            policyLoss = pi.logProb().mul(alpha).sub(critic.forward(s, pi.action()).min()).mean();
        } finally {
            critic.requiresGrad(true);
        }
        policyOptimizer.zeroGrad();
        policyLoss.backward();
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

    private void clip(Optimizer optimizer) {
        if (config.gradNormClip() > 0) {
            GradClip.clipGradNorm(optimizer.parameters(), config.gradNormClip());
        }
    }

    /** Everything a resumed run needs, skrl's checkpoint module names as prefixes. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        put(out, "policy", policy.state());
        put(out, "critic", critic.state());
        put(out, "target_critic", targetCritic.state());
        put(out, "policy_optimizer", policyOptimizer.state());
        put(out, "critic_optimizer", criticOptimizer.state());
        entropyOptimizer.ifPresent(o -> put(out, "entropy_optimizer", o.state()));
        out.put("log_entropy_coefficient", logAlpha.copy());
        out.put("updates", Tensor.of(new float[] {(float) (updates >>> 24), (float) (updates & 0xFFFFFF)}, 2));
        return out;
    }

    /** Restores {@link #state()}; a policy-only file (for evaluation) needs only the policy tensors. */
    public void load(Map<String, Tensor> state, boolean policyOnly) {
        policy.load(section(state, "policy"));
        if (policyOnly) {
            return;
        }
        critic.load(section(state, "critic"));
        targetCritic.load(section(state, "target_critic"));
        policyOptimizer.load(section(state, "policy_optimizer"));
        criticOptimizer.load(section(state, "critic_optimizer"));
        entropyOptimizer.ifPresent(o -> o.load(section(state, "entropy_optimizer")));
        Tensor la = require(state, "log_entropy_coefficient");
        logAlpha.data()[0] = la.item();
        float[] u = require(state, "updates").data();
        updates = ((long) u[0] << 24) + (long) u[1];
        policySchedule.ifPresent(l -> {
            l.setUpdates(updates);
            policyOptimizer.setLearningRate(l.learningRate());
        });
        criticSchedule.ifPresent(l -> {
            l.setUpdates(updates);
            criticOptimizer.setLearningRate(l.learningRate());
        });
    }

    private static Tensor require(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("SAC checkpoint: missing tensor '" + name + "'");
        }
        return t;
    }

    private static void put(Map<String, Tensor> out, String prefix, Map<String, Tensor> part) {
        part.forEach((n, t) -> out.put(prefix + "." + n, t));
    }

    private static Map<String, Tensor> section(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        String p = prefix + ".";
        state.forEach((n, t) -> {
            if (n.startsWith(p)) {
                out.put(n.substring(p.length()), t);
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("SAC checkpoint: no tensors under '" + prefix + ".'; has "
                    + state.keySet().stream().map(k -> k.split("\\.")[0]).distinct().toList());
        }
        return out;
    }
}
