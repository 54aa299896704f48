package dev.javelin.rl.dreamer;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Init;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.tensor.Rng;
import java.util.Collections;

/** The MLP heads of DreamerV3: LayerNorm'd SiLU layers, then an output layer scaled by {@code outscale}. */
final class Heads {
    private Heads() {
    }

    static Mlp mlp(int in, int layers, int units, int out, double outscale, Rng rng) {
        Mlp net = Mlp.withLayerNorm(in, Collections.nCopies(layers, units), out, Activation.SILU, Dense.EPS, rng);
        if (outscale != 1.0) {
            // outscale 0 (reward, critic) starts every prediction at the middle bin: 0, whatever the input
            Linear last = net.layers().getLast();
            float s = (float) outscale;
            scaleInPlace(last.weight().data(), s);
            scaleInPlace(last.bias().data(), s);
            if (s == 0) {
                Init.zeros(last.weight());
                Init.zeros(last.bias());
            }
        }
        return net;
    }

    private static void scaleInPlace(float[] w, float s) {
        for (int i = 0; i < w.length; i++) {
            w[i] *= s;
        }
    }
}
