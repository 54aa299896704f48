package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.dist.TwoHot;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The actor-critic step on hand-made imagined batches whose better action is known: every state has the same
 * features, so all REINFORCE terms act on one action distribution and its probabilities show the net push.
 */
class ImagActorCriticTest {
    private static final int FEAT = 6;

    private static DreamerConfig config() {
        return DreamerConfig.sized("tiny");
    }

    private static Tensor sameFeatures(int rows, long seed) {
        Tensor f = Tensor.randn(new Rng(seed), 1, FEAT);
        return f.expand(rows, FEAT).copy();
    }

    private static Tensor actions(int... a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return Tensor.oneHot(Tensor.of(f, a.length), 2);
    }

    private static float probOfAction0(ImagActorCritic ac, Tensor feat) {
        try (var g = Grad.disabled()) {
            return ((Actor.Discrete) ac.actor().dist(feat.narrow(0, 0, 1))).d().probs().data()[0];
        }
    }

    /** Puts the critic's (and slow critic's) mass on one bin: v(s) = that bin for every state. */
    private static float setValue(ImagActorCritic ac, int bin) {
        Map<String, Map<String, Tensor>> s = ac.state();
        for (String group : new String[] {"critic", "slow_critic"}) {
            Tensor bias = s.get(group).entrySet().stream()
                    .filter(e -> e.getKey().endsWith("bias") && e.getValue().size() == 255)
                    .findFirst().orElseThrow().getValue();
            bias.data()[bin] = 40f;
        }
        ac.load(s);
        return TwoHot.symexpBins(255).data()[bin];
    }

    @Test
    void reinforceRaisesTheProbabilityOfTheActionWithTheHigherReward() {
        ImagActorCritic ac = new ImagActorCritic(FEAT, 2, true, config(), new Rng(1));
        int n = 2;
        Tensor traj = sameFeatures(2 * n, 3);   // states 0 and 1 of both trajectories
        float before = probOfAction0(ac, traj);
        // trajectory 0 takes action 0 and is paid 1; trajectory 1 takes action 1 and is paid 0
        ac.update(traj, actions(0, 1), null, Tensor.of(new float[] {1, 0}, 1, n), Tensor.ones(1, n), Tensor.ones(n));
        float after = probOfAction0(ac, traj);
        assertTrue(after > before + 1e-4, "p(better action) " + before + " -> " + after);

        // and the other way round: the sign follows the reward, not the action index
        ImagActorCritic other = new ImagActorCritic(FEAT, 2, true, config(), new Rng(1));
        other.update(traj, actions(0, 1), null, Tensor.of(new float[] {0, 1}, 1, n), Tensor.ones(1, n), Tensor.ones(n));
        assertTrue(probOfAction0(other, traj) < before - 1e-4, "p(worse action) " + before + " -> " + probOfAction0(other, traj));
    }

    @Test
    void anActionThatEndsTheEpisodeLosesItsBootstrapValue() {
        ImagActorCritic ac = new ImagActorCritic(FEAT, 2, true, config(), new Rng(2));
        float v = setValue(ac, 127 + 15);   // ~9.6 in every state
        assertTrue(v > 5, "value " + v);
        int n = 2;
        Tensor traj = sameFeatures(2 * n, 4);
        float before = probOfAction0(ac, traj);
        // equal rewards; trajectory 1's action 1 arrives in a terminal state (continue flag 0 for state 1), so its
        // return is 1 against 1 + γ v for trajectory 0: only the continue flag of the state arrived in tells them apart
        Map<String, Double> m = ac.update(traj, actions(0, 1), null, Tensor.ones(1, n), Tensor.of(new float[] {1, 0}, 1, n),
                Tensor.ones(n));
        float after = probOfAction0(ac, traj);
        assertTrue(after > before + 1e-4, "p(continuing action) " + before + " -> " + after);
        double gamma = config().discount();
        assertEquals((1 + gamma * v + 1) / 2, m.get("Return / Imagined return (mean)"), 1e-3 * v);
        assertEquals(v, m.get("Value / Value (mean)"), 1e-3 * v);
    }

    @Test
    void backpropMovesTheActionTowardsTheRewardsMaximum() {
        DreamerConfig c = config();
        ImagActorCritic ac = new ImagActorCritic(FEAT, 1, false, c, new Rng(3));
        int n = 16;
        Tensor feat0 = sameFeatures(n, 5);
        float before;
        try (var g = Grad.disabled()) {
            before = ac.actor().dist(feat0).mode().data()[0];
        }
        // H = 1: the reward of arriving in state 1 is -(a - target)^2, differentiable in the action a
        float target = before < 0 ? 0.8f : -0.8f;
        for (int i = 0; i < 20; i++) {
            Actor.Dist d = ac.actor().dist(feat0);
            Tensor a = d.rsample(new Rng(10 + i));
            Tensor reward = a.sub(target).square().neg().reshape(1, n);
            Tensor traj = Tensor.concat(0, feat0, Tensor.randn(new Rng(20 + i), n, FEAT));
            ac.update(traj, a, d.entropy().reshape(1, n), reward, Tensor.ones(1, n), Tensor.ones(n));
        }
        float after;
        try (var g = Grad.disabled()) {
            after = ac.actor().dist(feat0).mode().data()[0];
        }
        assertTrue(Math.abs(after - target) < Math.abs(before - target) - 1e-3,
                "actor mean " + before + " -> " + after + ", reward peaks at " + target);
    }

    @Test
    void discountsAndWeightsUseTheContinueFlagOfTheStateArrivedIn() {
        // two trajectories of 3 steps: the first continues throughout, the second ends on arriving in state 2
        Tensor cont = Tensor.of(new float[] {1, 1, 1, 0, 1, 1}, 3, 2);
        DiscountWeights dw = DiscountWeights.of(cont, Tensor.of(new float[] {1, 1}, 2), 0.5f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0, 0.5f, 0.5f}, dw.discount().data());
        assertArrayEquals(new float[] {1, 1, 0.5f, 0.5f, 0.25f, 0, 0, 0}, dw.weight().data());
        // a start state that is itself terminal weighs nothing
        DiscountWeights dead = DiscountWeights.of(Tensor.ones(2, 1), Tensor.of(new float[] {0}, 1), 0.5f);
        assertArrayEquals(new float[] {0, 0, 0}, dead.weight().data());
    }
}
