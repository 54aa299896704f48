package dev.javelin.rl.td3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.nn.Module;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** TD3's gradient step on hand-computed cases, by finite differences, and DDPG as TD3 with its three features off. */
class Td3AgentTest {
    private static final int S = 3;
    private static final int A = 2;
    private static final int B = 5;

    private static Td3Config td3(String... sets) {
        List<String> all = new ArrayList<>(List.of("net_arch=[8,8]", "batch_size=" + B, "discount_factor=0.9", "polyak=0.1"));
        all.addAll(List.of(sets));
        return Configs.override(Configs.defaults(Td3Config.class), all);
    }

    private static Transitions batch(long seed) {
        Rng rng = new Rng(seed);
        float[] s = Tensor.randn(rng, B, S).data();
        float[] a = Tensor.uniform(rng, -1f, 1f, B, A).data();
        float[] r = Tensor.randn(rng, B).data();
        float[] s2 = Tensor.randn(rng, B, S).data();
        float[] d = {0, 1, 0, 0, 1};
        return new Transitions(B, S, A, s, a, r, s2, d);
    }

    @Test
    void theTargetIsTheRewardPlusTheDiscountedMinimumOfTheTwinTargetCritics() {
        Tensor r = Tensor.of(new float[] {1, 2, -1}, 3, 1);
        Tensor notDone = Tensor.of(new float[] {1, 0, 1}, 3, 1);
        Tensor q1 = Tensor.of(new float[] {3, 5, -2}, 3, 1);
        Tensor q2 = Tensor.of(new float[] {4, 1, -3}, 3, 1);
        // min: 3, 1, -3; y = r + 0.5 (1 - done) min
        assertArrayEquals(new float[] {2.5f, 2f, -2.5f}, Td3Agent.target(r, notDone, List.of(q1, q2), 0.5f).data());
        // DDPG's single critic
        assertArrayEquals(new float[] {2.5f, 2f, -2f}, Td3Agent.target(r, notDone, List.of(q1), 0.5f).data());
    }

    @Test
    void smoothingClipsTheNoiseThenTheAction() {
        Tensor action = Tensor.of(new float[] {0.9f, -0.2f, 0f, 0.1f}, 2, 2);
        Tensor noise = Tensor.of(new float[] {0.7f, -0.3f, -2f, 0.3f}, 2, 2);
        // noise clipped to +-0.5: 0.5, -0.3, -0.5, 0.3; then the sum to [-1, 1]: 1.4 -> 1
        assertArrayEquals(new float[] {1f, -0.5f, -0.5f, 0.4f}, Td3Agent.smooth(action, noise, 0.5f).data(), 1e-7f);
    }

    @Test
    void targetsSmoothTheTargetActionAndTakeTheSmallerTargetCritic() {
        try (Td3Agent agent = new Td3Agent(td3(), 2, S, A, 10, new Rng(1))) {
            Transitions b = batch(2);
            Tensor r = b.rewardsTensor();
            Tensor notDone = b.donesTensor().neg().add(1f);
            Tensor y = agent.targets(r, notDone, b.nextStatesTensor(), new Rng(3));
            // by hand: the same noise, clipped at 0.5, on mu'(s'), each target critic, their minimum
            Tensor noise = Tensor.randn(new Rng(3), B, A).mul(0.2f);
            Tensor next = agent.targetPolicy.forward(b.nextStatesTensor()).detach();
            float[] expected = new float[B];
            for (int i = 0; i < B; i++) {
                float[] in = new float[S + A];
                for (int k = 0; k < S; k++) {
                    in[k] = b.nextStates()[i * S + k];
                }
                for (int k = 0; k < A; k++) {
                    float eps = Math.clamp(noise.data()[i * A + k], -0.5f, 0.5f);
                    in[S + k] = Math.clamp(next.data()[i * A + k] + eps, -1f, 1f);
                }
                Tensor x = Tensor.of(in, 1, S + A);
                float q1 = agent.targetCritics.get(0).forward(x).item();
                float q2 = agent.targetCritics.get(1).forward(x).item();
                expected[i] = b.rewards()[i] + 0.9f * (1 - b.dones()[i]) * Math.min(q1, q2);
            }
            assertArrayEquals(expected, y.data(), 1e-5f);
            // the smoothing noise matters: other draws give other targets
            assertFalse(java.util.Arrays.equals(y.data(), agent.targets(r, notDone, b.nextStatesTensor(), new Rng(4)).data()));
        }
    }

    private static List<float[]> snapshot(Module m) {
        return m.parameterList().stream().map(t -> t.data().clone()).toList();
    }

    private static boolean changed(List<float[]> before, Module m) {
        List<float[]> now = snapshot(m);
        for (int i = 0; i < now.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), now.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Per update: did the critics, the actor and the targets change. */
    private static List<boolean[]> changes(Td3Agent agent, int steps) {
        List<boolean[]> out = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            List<Module> watched = new ArrayList<>(List.of(agent.critics.getFirst(), agent.policy, agent.targetPolicy,
                    agent.targetCritics.getFirst()));
            List<List<float[]>> before = watched.stream().map(Td3AgentTest::snapshot).toList();
            Td3Agent.Losses l = agent.update(batch(10 + k), new Rng(k));
            boolean[] c = new boolean[5];
            for (int i = 0; i < watched.size(); i++) {
                c[i] = changed(before.get(i), watched.get(i));
            }
            c[4] = !Double.isNaN(l.policyLoss());
            out.add(c);
        }
        return out;
    }

    @Test
    void theActorAndTheTargetsMoveEveryPolicyDelayCriticUpdates() {
        try (Td3Agent agent = new Td3Agent(td3("policy_delay=2"), 2, S, A, 10, new Rng(1))) {
            List<boolean[]> c = changes(agent, 4);
            for (int k = 0; k < 4; k++) {
                boolean due = (k + 1) % 2 == 0;
                assertArrayEquals(new boolean[] {true, due, due, due, due}, c.get(k), "update " + (k + 1));
            }
            assertEquals(4, agent.updates());
        }
        try (Td3Agent agent = new Td3Agent(td3("policy_delay=3"), 2, S, A, 10, new Rng(1))) {
            List<boolean[]> c = changes(agent, 3);
            assertArrayEquals(new boolean[] {false, false, true}, new boolean[] {c.get(0)[1], c.get(1)[1], c.get(2)[1]});
        }
    }

    @Test
    void ddpgIsTd3WithOneCriticNoSmoothingAndNoDelay() {
        DdpgConfig ddpg = Configs.override(Configs.defaults(DdpgConfig.class), List.of("net_arch=[8,8]", "batch_size=" + B,
                "discount_factor=0.9", "polyak=0.1"));
        Td3Config asTd3 = ddpg.asTd3();
        // the three features, and nothing else
        assertEquals(1, asTd3.policyDelay());
        assertEquals(Optional.empty(), asTd3.smoothing());
        Td3Config td3 = td3();
        Map<String, Object> differ = differences(td3, asTd3);
        assertEquals(java.util.Set.of("policy_delay", "smooth_regularization_noise", "smooth_regularization_noise_kwargs",
                "smooth_regularization_clip"), differ.keySet(), differ.toString());
        try (Td3Agent agent = new Td3Agent(asTd3, 1, S, A, 10, new Rng(1))) {
            assertEquals(1, agent.critics());
            Transitions b = batch(2);
            Tensor r = b.rewardsTensor();
            Tensor notDone = b.donesTensor().neg().add(1f);
            // no smoothing: the target does not depend on the step's randomness, and is Q'(s', mu'(s'))
            Tensor y = agent.targets(r, notDone, b.nextStatesTensor(), new Rng(3));
            assertArrayEquals(y.data(), agent.targets(r, notDone, b.nextStatesTensor(), new Rng(4)).data());
            Tensor next = agent.targetPolicy.forward(b.nextStatesTensor()).detach();
            Tensor q = agent.targetCritics.getFirst().forward(Tensor.concat(1, b.nextStatesTensor(), next)).detach();
            assertArrayEquals(r.add(notDone.mul(q).mul(0.9f)).data(), y.data(), 1e-6f);
            // no delay: everything moves with every update
            for (boolean[] c : changes(agent, 3)) {
                assertArrayEquals(new boolean[] {true, true, true, true, true}, c);
            }
        }
    }

    /** The config keys whose values differ. */
    private static Map<String, Object> differences(Td3Config a, Td3Config b) {
        Map<String, Object> out = new java.util.TreeMap<>();
        var components = Td3Config.class.getRecordComponents();
        for (var rc : components) {
            try {
                Object x = rc.getAccessor().invoke(a);
                Object y = rc.getAccessor().invoke(b);
                if (!x.equals(y)) {
                    out.put(Configs.keyOf(rc), x + " vs " + y);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** Central differences of a float loss in each of a few entries of each parameter, against backward. */
    private static void checkGradients(Supplier<Tensor> loss, List<Tensor> parameters) {
        List<Tensor> analytic = Grad.of(List.of(loss.get()), parameters, false);
        int checked = 0;
        for (int p = 0; p < parameters.size(); p++) {
            float[] w = parameters.get(p).data();
            for (int i = 0; i < w.length; i += Math.max(1, w.length / 4)) {
                float keep = w[i];
                float h = 1e-3f;
                w[i] = keep + h;
                double up;
                double down;
                try (var g = Grad.disabled()) {
                    up = loss.get().item();
                    w[i] = keep - h;
                    down = loss.get().item();
                }
                w[i] = keep;
                double numeric = (up - down) / (2 * h);
                double ana = analytic.get(p).data()[i];
                assertEquals(numeric, ana, 2e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(ana)),
                        "parameter " + p + " entry " + i);
                checked++;
            }
        }
        assertTrue(checked > 10);
    }

    @Test
    void theLossGradientsMatchFiniteDifferences() {
        try (Td3Agent agent = new Td3Agent(td3(), 2, S, A, 10, new Rng(7))) {
            Transitions b = batch(8);
            Tensor s = b.statesTensor();
            Tensor y = agent.targets(b.rewardsTensor(), b.donesTensor().neg().add(1f), b.nextStatesTensor(), new Rng(9));
            Tensor input = Tensor.concat(1, s, b.actionsTensor());
            List<Tensor> criticParameters = new ArrayList<>(agent.critics.get(0).parameterList());
            criticParameters.addAll(agent.critics.get(1).parameterList());
            checkGradients(() -> agent.criticLoss(agent.critics.stream().map(c -> c.forward(input)).toList(), y),
                    criticParameters);
            checkGradients(() -> agent.policyLoss(s), agent.policy.parameterList());
        }
    }

    @Test
    void actionL2AddsTheMeanSquaredActionToThePolicyLoss() {
        try (Td3Agent plain = new Td3Agent(td3(), 2, S, A, 10, new Rng(7));
             Td3Agent penalized = new Td3Agent(Configs.override(td3(), List.of("action_l2=0.5")), 2, S, A, 10, new Rng(7))) {
            Tensor s = batch(8).statesTensor();
            float[] mu = plain.policy.forward(s).data();
            double meanSquare = 0;
            for (float m : mu) {
                meanSquare += (double) m * m / mu.length;
            }
            assertEquals(plain.policyLoss(s).item() + 0.5 * meanSquare, penalized.policyLoss(s).item(), 1e-5);
            checkGradients(() -> penalized.policyLoss(s), penalized.policy.parameterList());
        }
    }
}
