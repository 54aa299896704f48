package dev.javelin.optim;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.kernel.Elementwise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.optim.Adam (Kingma and Ba 2015) with PyTorch's exact arithmetic: weight decay is L2, added to
 * the gradient; per parameter, m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, and
 * p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps), the bias corrections in double and each
 * parameter with its own step count t (a parameter skipped for lack of a gradient does not advance).
 */
public class Adam extends BaseOptimizer {
    /** PyTorch's defaults. */
    public static final double DEFAULT_BETA1 = 0.9, DEFAULT_BETA2 = 0.999, DEFAULT_EPS = 1e-8;

    final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final float[][] expAvg, expAvgSq;
    private final float[][] steps;

    /** Adam with PyTorch's defaults: betas 0.9 and 0.999, eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0);
    }

    /** Adam; {@code weightDecay} adds L2 decay to the gradients, as PyTorch's Adam. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(String name, List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(name, params, lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(name + ": beta1 " + beta1 + " must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(name + ": beta2 " + beta2 + " must be in [0, 1)");
        if (!(eps >= 0)) throw new IllegalArgumentException(name + ": eps " + eps + " must be >= 0");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException(name + ": weight decay " + weightDecay + " must be >= 0");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        int n = this.params.size();
        expAvg = new float[n][];
        expAvgSq = new float[n][];
        steps = new float[n][1];
        for (int i = 0; i < n; i++) {
            expAvg[i] = new float[this.params.get(i).size()];
            expAvgSq[i] = new float[this.params.get(i).size()];
        }
    }

    @Override
    public void step() {
        // torch casts each Python-float coefficient to the tensor's float32 before the elementwise kernels
        float b1 = (float) beta1, b2 = (float) beta2, oneMinusB1 = (float) (1 - beta1), oneMinusB2 = (float) (1 - beta2);
        float e = (float) eps, l2 = decoupled ? 0f : (float) weightDecay, decay = (float) (1 - lr * weightDecay);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!p.hasGrad()) continue;
            float[] w = p.data(), g = p.grad().data(), m = expAvg[i], v = expAvgSq[i];
            double t = ++steps[i][0];
            float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
            float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
            if (decoupled) {
                for (int j = 0; j < w.length; j++) w[j] *= decay;
            }
            Elementwise.adam(w, g, m, v, w.length, b1, oneMinusB1, b2, oneMinusB2, l2, stepSize, bc2Sqrt, e);
        }
    }

    @Override
    Map<String, Tensor> buffers() {
        Map<String, Tensor> b = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            int[] shape = params.get(i).shape();
            b.put("exp_avg." + i, Tensor.of(expAvg[i], shape));
            b.put("exp_avg_sq." + i, Tensor.of(expAvgSq[i], shape));
            b.put("step." + i, Tensor.of(steps[i]));
        }
        return b;
    }
}
