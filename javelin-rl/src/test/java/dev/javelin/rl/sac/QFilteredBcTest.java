package dev.javelin.rl.sac;

import dev.javelin.rl.config.Configs;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QFilteredBcTest {
    @Test
    void clonesOnlyTheDemonstrationRowsTheCriticRatesAboveThePolicy() {
        // batch of 3, the last 2 rows demonstrations; 2 action dims
        float[] pi = {0.5f, 0.5f, 0.2f, -0.4f, 1.0f, 0.0f};
        float[] a = {9f, 9f, 0.0f, 0.0f, 0.0f, 1.0f};
        float[] qDemo = {100f, 2f, 1f};
        float[] qPi = {0f, 1f, 3f};
        QFilteredBc bc = QFilteredBc.of(pi, a, qDemo, qPi, 3, 2, 2, 0.5, true);
        // row 1 kept (2 > 1): ||(0.2, -0.4)||^2 = 0.2; row 2 filtered out (1 < 3); row 0 is not a demonstration
        assertEquals(0.5 * 0.2 / 2, bc.loss(), 1e-7);
        assertEquals(0.5, bc.accepted());
        assertArrayEquals(new float[] {0, 0, 2 * 0.5f / 2 * 0.2f, 2 * 0.5f / 2 * -0.4f, 0, 0}, bc.gradient().data(), 1e-7f);
        QFilteredBc plain = QFilteredBc.of(pi, a, qDemo, qPi, 3, 2, 2, 0.5, false);
        assertEquals(0.5 * (0.2 + 2.0) / 2, plain.loss(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> QFilteredBc.of(pi, a, qDemo, qPi, 3, 2, 4, 0.5, true));
    }

    @Test
    void aHeavyBcLossPullsThePolicyOntoTheDemonstratedAction() {
        SacConfig c = Configs.override(new SacConfig(), List.of("net_arch=[16,16]", "batch_size=32", "bc_loss_weight=50",
                "q_filter=false", "demonstrations_ratio=1.0"));
        SacAgent agent = new SacAgent(c, 2, 1, 200, new Rng(7));
        int n = 32;
        Rng data = new Rng(8);
        float[] s = new float[n * 2], s2 = new float[n * 2], act = new float[n], r = new float[n], d = new float[n];
        for (int i = 0; i < n * 2; i++) {
            s[i] = 2 * data.nextFloat() - 1;
            s2[i] = 2 * data.nextFloat() - 1;
        }
        java.util.Arrays.fill(act, 0.8f);
        Transitions demos = new Transitions(n, 2, 1, s, act, r, s2, d);
        float before = agent.policy().deterministic(new float[] {0.1f, -0.2f})[0];
        Rng rng = new Rng(9);
        for (int k = 0; k < 200; k++) {
            agent.update(demos, n, rng);
        }
        float after = agent.policy().deterministic(new float[] {0.1f, -0.2f})[0];
        agent.close();
        assertTrue(Math.abs(after - 0.8f) < 0.15f && Math.abs(after - 0.8f) < Math.abs(before - 0.8f),
                "deterministic action " + before + " -> " + after + ", demonstrated 0.8");
    }
}
