package dev.javelin.bench;

import dev.javelin.tensor.Tensor;
import java.util.List;

/** torch.optim.Adam's update (defaults betas 0.9/0.999, eps 1e-8) on the parameters' live storage. */
final class BenchAdam {
    private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
    private final List<Tensor> params;
    private final float[][] m, v;
    private final float lr;
    private int t;

    BenchAdam(List<Tensor> params, float lr) {
        this.params = params;
        this.lr = lr;
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
    }

    void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    void step() {
        t++;
        float bc1 = 1 - (float) Math.pow(BETA1, t), bc2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        float stepSize = lr / bc1;
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).data(), g = params.get(i).grad().data(), mi = m[i], vi = v[i];
            for (int j = 0; j < w.length; j++) {
                mi[j] = BETA1 * mi[j] + (1 - BETA1) * g[j];
                vi[j] = BETA2 * vi[j] + (1 - BETA2) * g[j] * g[j];
                w[j] -= stepSize * mi[j] / ((float) Math.sqrt(vi[j]) / bc2 + EPS);
            }
        }
    }
}
