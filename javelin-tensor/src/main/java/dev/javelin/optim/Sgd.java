package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.optim.SGD without dampening or Nesterov: b = momentum b + g (b starts as the first gradient,
 * which a zero buffer gives too), p -= lr b; with momentum 0, p -= lr g.
 */
public final class Sgd extends BaseOptimizer {
    private final double momentum;
    private final float[][] buffers;

    /** Plain SGD. */
    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0);
    }

    /** SGD with PyTorch's momentum (dampening 0, no Nesterov). */
    public Sgd(List<Tensor> params, double lr, double momentum) {
        super("Sgd", params, lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("Sgd: momentum " + momentum + " must be in [0, 1)");
        this.momentum = momentum;
        buffers = new float[this.params.size()][];
        if (momentum > 0) {
            for (int i = 0; i < buffers.length; i++) buffers[i] = new float[this.params.get(i).size()];
        }
    }

    @Override
    public void step() {
        float mu = (float) momentum, rate = (float) lr;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!p.hasGrad()) continue;
            float[] w = p.data(), g = p.grad().data(), b = buffers[i];
            if (b == null) {
                for (int j = 0; j < w.length; j++) w[j] += -rate * g[j];
            } else {
                for (int j = 0; j < w.length; j++) {
                    b[j] = b[j] * mu + g[j];
                    w[j] += -rate * b[j];
                }
            }
        }
    }

    @Override
    Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) out.put("momentum_buffer." + i, Tensor.of(buffers[i], params.get(i).shape()));
        }
        return out;
    }
}
