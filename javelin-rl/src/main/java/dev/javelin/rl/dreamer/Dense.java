package dev.javelin.rl.dreamer;

import dev.javelin.nn.Activation;
import dev.javelin.nn.LayerNorm;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/** DreamerV3's layer: Linear without bias (LayerNorm's offset follows), LayerNorm with eps 1e-3, activation. */
final class Dense extends Module {
    static final float EPS = 1e-3f;

    private final Linear linear;
    private final LayerNorm norm;
    private final Activation act;

    Dense(int in, int out, Activation act, Rng rng) {
        linear = child("linear", new Linear(in, out, false, rng));
        norm = child("norm", new LayerNorm(new int[] {out}, EPS));
        this.act = act;
    }

    Tensor forward(Tensor x) {
        return act.apply(norm.forward(linear.forward(x)));
    }
}
