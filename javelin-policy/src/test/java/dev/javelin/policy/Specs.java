package dev.javelin.policy;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.io.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Random policies of every shape the exporters make, and observations far outside a scaler's range. */
final class Specs {
    private Specs() {
    }

    static PolicySpec.Layer layer(int in, int out, Activation activation, Rng rng) {
        float bound = (float) (2 / Math.sqrt(in));
        float[] w = new float[out * in];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (rng.nextFloat() * 2 - 1) * bound;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (rng.nextFloat() * 2 - 1) * bound;
        }
        return new PolicySpec.Layer(new TensorData(new int[] {out, in}, w), b, activation);
    }

    /** in -> hidden... (activation) -> out (identity), with a scaler of mean ~ U(-1, 1), scale ~ U(0.5, 2). */
    static PolicySpec spec(int in, List<Integer> hidden, int out, Activation activation, PolicySpec.Head head,
            boolean scaled, long seed) {
        Rng rng = new Rng(seed);
        List<PolicySpec.Layer> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(layer(width, h, activation, rng));
            width = h;
        }
        layers.add(layer(width, out, Activation.IDENTITY, rng));
        Optional<PolicySpec.Scaler> scaler = Optional.empty();
        if (scaled) {
            float[] mean = new float[in];
            float[] scale = new float[in];
            for (int j = 0; j < in; j++) {
                mean[j] = rng.nextFloat() * 2 - 1;
                scale[j] = 0.5f + 1.5f * rng.nextFloat();
            }
            scaler = Optional.of(new PolicySpec.Scaler(mean, scale, 5f));
        }
        return new PolicySpec(scaler, layers, head, Map.of(PolicySpec.ALGO, "test", PolicySpec.ENV, "Random-v0"));
    }

    /** n observations: a third near the scaler's range, a third 100x wider, a third at +-1e4 (clipped by the scaler). */
    static float[] observations(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            float u = rng.nextFloat() * 2 - 1;
            int row = i / d;
            x[i] = row % 3 == 0 ? u : row % 3 == 1 ? 100 * u : Math.copySign(1e4f, u);
        }
        return x;
    }
}
