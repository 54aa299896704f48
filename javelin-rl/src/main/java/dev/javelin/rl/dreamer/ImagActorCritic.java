package dev.javelin.rl.dreamer;

import dev.javelin.dist.FusedTwoHot;
import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.optim.Polyak;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actor and critic trained in imagination. From every replayed posterior state the actor rolls the world model
 * forward {@code imag_horizon} steps; on that trajectory
 * <pre>
 *   R_t     = λ-return of the predicted rewards, continues and critic values
 *   A_t     = (R_t - v(s_t)) / max(1, P95(R) - P5(R))             percentiles as EMAs
 *   L_actor = -w_t (log pi(a_t | s_t) sg(A_t) + η H[pi(.|s_t)])    REINFORCE (discrete actions)
 *           = -w_t (A_t + η H[pi(.|s_t)])                          backprop through the dynamics (continuous)
 *   L_critic = -w_t (log p_v(sg(R_t) | s_t) + log p_v(sg(v_slow(s_t)) | s_t))
 * </pre>
 * where {@code w_t} is the cumulative discount times continue probability of reaching s_t, and v_slow an EMA
 * of the critic's weights (fraction 0.02 per update) that regularizes it.
 */
final class ImagActorCritic {
    private final Actor actor;
    private final Critic critic;
    private final Critic slowCritic;
    private final Adam actorOpt;
    private final Adam criticOpt;
    private final PercentileReturnScale retnorm;
    private final DreamerConfig c;
    private final boolean backprop;
    private long updates;

    ImagActorCritic(int featSize, int actions, boolean discrete, DreamerConfig c, Rng rng) {
        this.c = c;
        actor = new Actor(featSize, actions, discrete, c.actor(), rng);
        critic = new Critic(featSize, c.critic(), rng);
        slowCritic = new Critic(featSize, c.critic(), rng);
        slowCritic.copyFrom(critic);
        actorOpt = adam(actor.parameterList(), c.actorOpt());
        criticOpt = adam(critic.parameterList(), c.criticOpt());
        retnorm = new PercentileReturnScale(c.retnorm());
        backprop = (discrete ? c.actorGradDisc() : c.actorGradCont()).equals("backprop");
    }

    static Adam adam(List<Tensor> params, DreamerConfig.Opt o) {
        return new Adam(params, o.lr(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, o.eps(), o.wd());
    }

    Actor actor() {
        return actor;
    }

    int parameterCount() {
        return actor.parameterCount() + critic.parameterCount();
    }

    /** One actor and one critic update from start states [N, ...] whose continue flags are {@code startCont} [N]. */
    Map<String, Double> train(WorldModel wm, Rssm.State start, Tensor startCont, Rng rng) {
        int h = c.imagHorizon();
        int n = startCont.size();
        int featSize = wm.rssm().featSize();

        List<Tensor> feats = new ArrayList<>(h + 1);
        List<Tensor> actions = new ArrayList<>(h);
        List<Tensor> entropies = new ArrayList<>(h);
        // REINFORCE needs no graph through the rollout: imagine without one, then score the actions in one batch
        try (var scope = backprop ? null : Grad.disabled()) {
            Rssm.State s = start.detach();
            for (int t = 0; t <= h; t++) {
                Tensor f = s.feat();
                feats.add(f);
                if (t < h) {
                    Actor.Dist d = actor.dist(f.detach());
                    Tensor a = backprop ? d.rsample(rng) : d.sample(rng);
                    actions.add(a);
                    if (backprop) {
                        entropies.add(d.entropy());
                    }
                    s = wm.rssm().imgStep(s, a, rng);
                }
            }
        }
        // states 0 .. H stacked [(H + 1) * N, F]; with backprop this one keeps the graph through the dynamics
        Tensor traj = Tensor.stack(0, feats).reshape((h + 1) * n, featSize);
        Tensor reward;
        Tensor cont;
        try (var scope = backprop ? null : Grad.disabled()) {
            reward = wm.reward(traj.narrow(0, n, h * n)).mean().reshape(h, n);
        }
        try (var g = Grad.disabled()) {
            cont = wm.cont(traj.detach().narrow(0, n, h * n)).mode().reshape(h, n);
        }
        Tensor taken = Tensor.stack(0, actions).reshape(h * n, actions.getFirst().dim(1));
        return update(traj, taken, backprop ? Tensor.stack(0, entropies) : null, reward, cont, startCont);
    }

    /**
     * The losses and optimizer steps on one imagined batch, in the reference's alignment: {@code traj} holds the
     * features of states 0 .. H [(H + 1) * N, F] (row t * N + i is state t of trajectory i), {@code taken} the
     * action taken in states 0 .. H - 1 [H * N, A], {@code reward} and {@code cont} [H, N] the world model's
     * reward and continue flag of arriving in states 1 .. H, {@code startCont} [N] the continue flag of state 0.
     * {@code entropies} [H, N] are the rollout's policy entropies with backprop, null for REINFORCE.
     */
    Map<String, Double> update(Tensor traj, Tensor taken, Tensor entropies, Tensor reward, Tensor cont, Tensor startCont) {
        int h = reward.dim(0);
        int n = reward.dim(1);
        Tensor all = traj.detach();
        Tensor first = all.narrow(0, 0, h * n);

        Tensor value;
        FusedTwoHot critique;   // the critic on every state, with grad for its loss
        if (backprop) {
            value = critic.dist(traj).mean().reshape(h + 1, n);
            critique = critic.dist(all);
        } else {
            critique = critic.dist(all);
            value = critique.mean().detach().reshape(h + 1, n);
        }

        DiscountWeights weights = DiscountWeights.of(cont, startCont, (float) c.discount());
        Tensor w = weights.weight().narrow(0, 0, h);
        Tensor returns = LambdaReturn.compute(reward, value, weights.discount(), c.returnLambda());
        PercentileReturnScale.Scale scale = retnorm.update(returns.detach());
        Tensor adv = returns.sub(value.narrow(0, 0, h)).div((float) scale.scale());

        float eta = (float) c.actent();
        Tensor entropy;
        Tensor objective;
        if (backprop) {
            entropy = entropies;
            objective = adv;
        } else {
            Actor.Dist d = actor.dist(first);
            entropy = d.entropy().reshape(h, n);
            objective = d.logProb(taken).reshape(h, n).mul(adv.detach());
        }
        Tensor actorLoss = w.mul(objective.add(entropy.mul(eta))).neg().mean().mul((float) c.lossScales().actor());
        actorOpt.zeroGrad();
        actorLoss.backward();
        double actorNorm = GradClip.clipGradNorm(actor.parameterList(), clipOrInf(c.actorOpt()));
        actorOpt.step();

        // over all H + 1 states at once, the last with weight 0, so one critic pass serves values and loss
        Tensor target = Tensor.concat(0, returns.detach().reshape(h * n), Tensor.zeros(n));
        Tensor slow;
        try (var g = Grad.disabled()) {
            slow = slowCritic.dist(all).mean();
        }
        Tensor nll = critique.logProb(target).add(critique.logProb(slow).mul((float) c.lossScales().slowreg())).neg();
        Tensor criticLoss = weights.weight().reshape((h + 1) * n).mul(nll).sum().div((float) (h * n))
                .mul((float) c.lossScales().critic());
        criticOpt.zeroGrad();
        criticLoss.backward();
        double criticNorm = GradClip.clipGradNorm(critic.parameterList(), clipOrInf(c.criticOpt()));
        criticOpt.step();
        updates++;
        if (updates % c.slowCriticUpdate() == 0) {
            Polyak.update(slowCritic, critic, c.slowCriticFraction());
        }

        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Loss / Policy loss", (double) actorLoss.item());
        m.put("Loss / Critic loss", (double) criticLoss.item());
        m.put("Policy / Entropy", (double) entropy.detach().mean().item());
        m.put("Return / Imagined return (mean)", (double) returns.detach().mean().item());
        m.put("Return / Scale", scale.scale());
        m.put("Return / Offset", scale.offset());
        m.put("Value / Value (mean)", (double) value.detach().mean().item());
        m.put("Grad / Actor norm", actorNorm);
        m.put("Grad / Critic norm", criticNorm);
        return m;
    }

    static double clipOrInf(DreamerConfig.Opt o) {
        return o.clip() > 0 ? o.clip() : Double.POSITIVE_INFINITY;
    }

    Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> s = new LinkedHashMap<>();
        s.put("actor", actor.state());
        s.put("critic", critic.state());
        s.put("slow_critic", slowCritic.state());
        s.put("actor_opt", actorOpt.state());
        s.put("critic_opt", criticOpt.state());
        s.put("retnorm", retnorm.state());
        return s;
    }

    void load(Map<String, Map<String, Tensor>> s) {
        actor.load(s.get("actor"));
        critic.load(s.get("critic"));
        slowCritic.load(s.get("slow_critic"));
        actorOpt.load(s.get("actor_opt"));
        criticOpt.load(s.get("critic_opt"));
        retnorm.load(s.get("retnorm"));
    }
}
