package dev.javelin.rl.dreamer;

import dev.javelin.dist.FusedTwoHot;
import dev.javelin.dist.TwoHot;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * The value v(s) of model states as a two-hot distribution over exponentially spaced bins (symexp of an even
 * grid, the reference's {@code symexp_twohot}): regression by cross-entropy does not depend on the scale of the
 * returns. Zero-initialized output, so every value starts at 0.
 */
final class Critic extends Module {
    private final Mlp net;
    private final Tensor bins;

    Critic(int featSize, DreamerConfig.Head c, Rng rng) {
        net = child("net", Heads.mlp(featSize, c.layers(), c.units(), c.bins(), c.outscale(), rng));
        bins = TwoHot.symexpBins(c.bins());
    }

    /** feat [N, F] to the value distribution over [N]. */
    FusedTwoHot dist(Tensor feat) {
        return new FusedTwoHot(net.forward(feat), bins);
    }
}
