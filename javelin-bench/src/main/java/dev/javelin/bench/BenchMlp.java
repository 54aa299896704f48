package dev.javelin.bench;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's MLP on Tensor.linear, initialized as torch.nn.Linear (U(+-1/sqrt(in)) for weight and bias). */
final class BenchMlp {
    private final Tensor[] weights, biases;
    private final boolean tanh;

    BenchMlp(Rng rng, int[] sizes, boolean tanh) {
        this.tanh = tanh;
        weights = new Tensor[sizes.length - 1];
        biases = new Tensor[sizes.length - 1];
        for (int i = 0; i < weights.length; i++) {
            float bound = (float) (1 / Math.sqrt(sizes[i]));
            weights[i] = Tensor.uniform(rng, -bound, bound, sizes[i + 1], sizes[i]).requiresGrad(true);
            biases[i] = Tensor.uniform(rng, -bound, bound, sizes[i + 1]).requiresGrad(true);
        }
    }

    Tensor forward(Tensor x) {
        for (int i = 0; i < weights.length; i++) {
            x = Tensor.linear(x, weights[i], biases[i]);
            if (i < weights.length - 1) x = tanh ? x.tanh() : x.relu();
        }
        return x;
    }

    List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            p.add(weights[i]);
            p.add(biases[i]);
        }
        return p;
    }
}
