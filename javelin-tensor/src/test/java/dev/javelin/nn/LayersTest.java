package dev.javelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.GradCheck;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Shapes, PyTorch's default initializers, forward against the tensor ops, and finite-difference gradients. */
class LayersTest {
    /**
     * Every entry inside [-bound, bound), and the range actually used close to the full width (so the
     * bound is not too wide): n uniform draws leave a fraction of about 2/(n+1) uncovered, rarely 8/(n+1).
     */
    static void assertUniformWithin(Tensor t, double bound) {
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : t.data()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(lo >= -bound && hi <= bound, "entries in [" + lo + ", " + hi + "] exceed bound " + bound);
        assertTrue(hi - lo > 2 * bound * (1 - 8.0 / (t.size() + 1)), "entries in [" + lo + ", " + hi + "] cover too little of +-" + bound);
    }

    @Test
    void linearHasTorchLayoutAndInit() {
        Linear l = new Linear(50, 30, new Rng(1));
        assertArrayEquals(new int[] {30, 50}, l.weight().shape());
        assertArrayEquals(new int[] {30}, l.bias().shape());
        assertUniformWithin(l.weight(), 1 / Math.sqrt(50));
        assertUniformWithin(l.bias(), 1 / Math.sqrt(50));
        Tensor x = Tensor.randn(new Rng(2), 2, 3, 50);
        Tensor y = l.forward(x);
        assertArrayEquals(new int[] {2, 3, 30}, y.shape());
        assertArrayEquals(Tensor.linear(x, l.weight(), l.bias()).data(), y.data());
        Linear noBias = new Linear(4, 3, false, new Rng(3));
        assertNull(noBias.bias());
        assertEquals(List.of("weight"), List.copyOf(noBias.parameters().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Rng(1)));
    }

    @Test
    void mlpIsTorchSequential() {
        Mlp m = new Mlp(4, List.of(16, 8), 2, Activation.RELU, new Rng(4));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), List.copyOf(m.parameters().keySet()));
        Tensor x = Tensor.randn(new Rng(5), 5, 4);
        List<Linear> l = m.layers();
        Tensor expected = l.get(2).forward(l.get(1).forward(l.get(0).forward(x).relu()).relu());
        assertArrayEquals(expected.data(), m.forward(x).data());
        Mlp squashed = new Mlp(4, List.of(16), 2, Activation.ELU, Activation.TANH, new Rng(6));
        List<Linear> s = squashed.layers();
        assertArrayEquals(s.get(1).forward(s.get(0).forward(x).elu()).tanh().data(), squashed.forward(x).data());
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(new Mlp(3, List.of(), 1, Activation.TANH, new Rng(1)).parameters().keySet()));
        var e = assertThrows(IllegalArgumentException.class, () -> new Mlp(3, List.of(4, 0), 1, Activation.TANH, new Rng(1)));
        assertTrue(e.getMessage().contains("[4, 0]"), e.getMessage());
    }

    @Test
    void mlpWithLayerNormIsLinearNormActPerHiddenLayer() {
        Mlp m = Mlp.withLayerNorm(4, List.of(16, 8), 2, Activation.SILU, 1e-3f, new Rng(7));
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "3.weight", "4.weight", "4.bias", "6.weight", "6.bias"),
                List.copyOf(m.parameters().keySet()));
        Init.uniform(m.norms().get(0).weight(), 2, new Rng(8));
        Init.uniform(m.norms().get(1).bias(), 1, new Rng(9));
        Tensor x = Tensor.randn(new Rng(10), 5, 4);
        List<Linear> l = m.layers();
        List<LayerNorm> n = m.norms();
        Tensor h = n.get(0).forward(l.get(0).forward(x)).silu();
        h = n.get(1).forward(l.get(1).forward(h)).silu();
        assertArrayEquals(l.get(2).forward(h).data(), m.forward(x).data());
        assertEquals(1e-3f, n.get(0).eps());
    }

    @Test
    void mlpInputGradientsMatchFiniteDifferences() {
        // parameter gradients are checked against PyTorch in OptimizerFixtureTest; here the chain through every activation
        for (Activation act : Activation.values()) {
            Mlp m = new Mlp(3, List.of(5), 2, act, new Rng(11));
            GradCheck.check(xs -> m.forward(xs[0]), GradCheck.awayFromZero(12, 0.05f, 4, 3));
            Mlp normed = Mlp.withLayerNorm(3, List.of(5), 2, act, 1e-3f, new Rng(12));
            GradCheck.check(xs -> normed.forward(xs[0]), GradCheck.awayFromZero(13, 0.05f, 4, 3));
        }
    }

    @Test
    void layerNormHasUnitWeightZeroBiasAndNormalizes() {
        LayerNorm ln = new LayerNorm(6);
        assertArrayEquals(Tensor.ones(6).data(), ln.weight().data());
        assertArrayEquals(Tensor.zeros(6).data(), ln.bias().data());
        Tensor y = ln.forward(Tensor.randn(new Rng(13), 4, 6).mul(3f).add(2f));
        Tensor mean = y.mean(1, false), var = y.var(1, false, false);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, mean.data()[i], 1e-5);
            assertEquals(1, var.data()[i], 1e-3);
        }
        assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(2, 5)));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {4}, 0f));
    }

    @Test
    void convLayersHaveTorchLayoutInitAndOutputSize() {
        Conv2d c = new Conv2d(3, 8, 4, 2, 1, new Rng(14));
        assertArrayEquals(new int[] {8, 3, 4, 4}, c.weight().shape());
        assertUniformWithin(c.weight(), 1 / Math.sqrt(3 * 16));
        assertUniformWithin(c.bias(), 1 / Math.sqrt(3 * 16));
        Tensor x = Tensor.randn(new Rng(15), 2, 3, 16, 16);
        Tensor y = c.forward(x);
        assertArrayEquals(new int[] {2, 8, 8, 8}, y.shape());
        assertArrayEquals(Tensor.conv2d(x, c.weight(), c.bias(), 2, 1).data(), y.data());

        ConvTranspose2d t = new ConvTranspose2d(8, 3, 4, 2, 1, 0, new Rng(16));
        assertArrayEquals(new int[] {8, 3, 4, 4}, t.weight().shape());
        assertUniformWithin(t.weight(), 1 / Math.sqrt(3 * 16));
        Tensor back = t.forward(y);
        assertArrayEquals(new int[] {2, 3, 16, 16}, back.shape());
        assertArrayEquals(Tensor.convTranspose2d(y, t.weight(), t.bias(), 2, 1, 0).data(), back.data());
        assertArrayEquals(new int[] {1, 3, 17, 17}, new ConvTranspose2d(8, 3, 4, 2, 1, 1, new Rng(1)).forward(Tensor.zeros(1, 8, 8, 8)).shape());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 8, 4, 0, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(3, 8, 4, 2, 1, 2, new Rng(1)));
    }

    @Test
    void convGradientsMatchFiniteDifferences() {
        Conv2d c = new Conv2d(2, 3, 3, 2, 1, new Rng(17));
        GradCheck.check(xs -> Tensor.conv2d(xs[0], xs[1], xs[2], 2, 1),
                GradCheck.param(18, 1, 2, 5, 5), c.weight().copy().requiresGrad(true), c.bias().copy().requiresGrad(true));
    }

    @Test
    void gruCellHasTorchNamesInitAndShapes() {
        GRUCell g = new GRUCell(5, 4, new Rng(19));
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), List.copyOf(g.parameters().keySet()));
        assertArrayEquals(new int[] {12, 5}, g.weightIh().shape());
        assertArrayEquals(new int[] {12, 4}, g.weightHh().shape());
        for (Tensor p : g.parameterList()) assertUniformWithin(p, 0.5);
        Tensor h = g.forward(Tensor.randn(new Rng(20), 3, 5), Tensor.zeros(3, 4));
        assertArrayEquals(new int[] {3, 4}, h.shape());
        var e = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(3, 4), Tensor.zeros(3, 4)));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[B, 5]"), e.getMessage());
    }

    @Test
    void gruCellGradientsMatchFiniteDifferences() {
        GRUCell g = new GRUCell(3, 4, new Rng(21));
        GradCheck.check(xs -> GRUCell.cell(xs[0], xs[1], xs[2], xs[3], xs[4], xs[5]),
                GradCheck.param(22, 2, 3), GradCheck.param(23, 2, 4), g.weightIh().copy().requiresGrad(true),
                g.weightHh().copy().requiresGrad(true), g.biasIh().copy().requiresGrad(true), g.biasHh().copy().requiresGrad(true));
    }

    @Test
    void activationsParseInAnyCaseAndListTheAllowedNames() {
        assertEquals(Activation.TANH, Activation.parse("Tanh"));
        assertEquals(Activation.RELU, Activation.parse("RELU"));
        assertEquals(Activation.IDENTITY, Activation.parse("identity"));
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertTrue(e.getMessage().contains("'gelu'") && e.getMessage().contains("[identity, tanh, relu, elu, silu, sigmoid, softplus]"),
                e.getMessage());
        Tensor x = Tensor.of(new float[] {-1, 0.5f}, 2);
        assertArrayEquals(x.softplus().data(), Activation.SOFTPLUS.apply(x).data());
        assertArrayEquals(x.sigmoid().data(), Activation.SIGMOID.apply(x).data());
    }
}
