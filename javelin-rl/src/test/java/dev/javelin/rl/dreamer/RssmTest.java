package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RssmTest {
    private final DreamerConfig.Rssm c = DreamerConfig.sized("tiny").rssm();

    @Test
    void isFirstReplacesTheCarriedStateByTheInitialOne() {
        var rssm = new Rssm(c, 2, 5, new Rng(1));
        var rng = new Rng(2);
        Tensor embed = Tensor.randn(rng, 2, 5);
        Rssm.State junk = new Rssm.State(Tensor.randn(rng, 2, c.deter()), Tensor.randn(rng, 2, c.stoch() * c.classes()),
                Tensor.zeros(2, c.stoch(), c.classes()));
        Rssm.State zero = new Rssm.State(Tensor.zeros(2, c.deter()), Tensor.zeros(2, c.stoch() * c.classes()),
                Tensor.zeros(2, c.stoch(), c.classes()));
        Tensor action = Tensor.randn(rng, 2, 2);
        Tensor first = Tensor.of(new float[] {1, 1}, 2);
        Rssm.State a = rssm.obsStep(junk, action, embed, first, new Rng(3))[1];
        Rssm.State b = rssm.obsStep(zero, Tensor.zeros(2, 2), embed, first, new Rng(3))[1];
        assertArrayEquals(a.deter().data(), b.deter().data(), "a reset forgets the previous state and action");
        Rssm.State carried = rssm.obsStep(junk, action, embed, Tensor.zeros(2), new Rng(3))[1];
        assertTrue(!java.util.Arrays.equals(carried.deter().data(), b.deter().data()));
    }

    @Test
    void latentsAreOneHotWithStraightThroughGradients() {
        var rssm = new Rssm(c, 2, 5, new Rng(1));
        var rng = new Rng(4);
        Rssm.State s = rssm.initial(3);
        Rssm.State next = rssm.imgStep(s, Tensor.randn(rng, 3, 2), rng);
        float[] z = next.stoch().data();
        for (int i = 0; i < 3 * c.stoch(); i++) {
            float sum = 0;
            for (int k = 0; k < c.classes(); k++) {
                float v = z[i * c.classes() + k];
                assertTrue(Math.abs(v) < 1e-6 || Math.abs(v - 1) < 1e-6, "latent entry " + v + " is not one-hot");
                sum += v;
            }
            assertEquals(1, sum, 1e-5);
        }
        next.stoch().mul(Tensor.randn(rng, 3, c.stoch() * c.classes())).sum().backward();
        float norm = 0;
        for (var p : rssm.parameters().entrySet()) {
            if (p.getKey().startsWith("img_stats") && p.getValue().hasGrad()) {
                for (float g : p.getValue().grad().data()) {
                    norm += g * g;
                }
            }
        }
        assertTrue(norm > 0, "no gradient reached the prior's logits through the sampled latents");
    }

    @Test
    void observeStacksPosteriorsAndPriorsAlongTime() {
        var rssm = new Rssm(c, 2, 5, new Rng(1));
        var rng = new Rng(6);
        var seq = rssm.observe(Tensor.randn(rng, 3, 4, 5), Tensor.zeros(3, 4, 2), Tensor.zeros(3, 4), rng);
        assertArrayEquals(new int[] {3, 4, c.deter()}, seq.post().deter().shape());
        assertArrayEquals(new int[] {3, 4, c.stoch(), c.classes()}, seq.prior().logits().shape());
        assertArrayEquals(seq.post().deter().data(), seq.prior().deter().data(), "posterior and prior share h_t");
    }
}
