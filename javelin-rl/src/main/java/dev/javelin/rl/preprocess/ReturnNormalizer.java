package dev.javelin.rl.preprocess;

import dev.javelin.env.wrappers.RunningMeanStd;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SB3's {@code VecNormalize} reward scaling (RL Zoo's {@code normalize: true}): each env keeps its discounted
 * return {@code G = gamma * G + r}; the returns of all envs update one running variance (Chan's parallel
 * update with population batch variance, prior count 1e-4, as SB3's RunningMeanStd; {@link RunningMeanStd}
 * here); rewards are divided by
 * {@code sqrt(var + 1e-8)} and clipped to +-10. A finished episode's return restarts at 0.
 */
public final class ReturnNormalizer {
    private static final double EPSILON = 1e-8;
    private static final double CLIP = 10;

    private final double gamma;
    private final double[] returns;
    private final RunningMeanStd stats = new RunningMeanStd(1);

    /** Return scaling for {@code numEnvs} envs with discount {@code gamma}. */
    public ReturnNormalizer(int numEnvs, double gamma) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("ReturnNormalizer: numEnvs must be >= 1, got " + numEnvs);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("ReturnNormalizer: gamma must be in [0, 1], got " + gamma);
        }
        this.gamma = gamma;
        this.returns = new double[numEnvs];
    }

    /** Scales one vector step of rewards in place (after updating the statistics with it). */
    public void normalize(float[] rewards, boolean[] terminated, boolean[] truncated) {
        int n = returns.length;
        if (rewards.length != n || terminated.length != n || truncated.length != n) {
            throw new IllegalArgumentException("ReturnNormalizer: expected " + n + " envs, got rewards " + rewards.length
                    + ", terminated " + terminated.length + ", truncated " + truncated.length);
        }
        double batchMean = 0;
        for (int i = 0; i < n; i++) {
            returns[i] = returns[i] * gamma + rewards[i];
            batchMean += returns[i];
        }
        batchMean /= n;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            m2 += (returns[i] - batchMean) * (returns[i] - batchMean);
        }
        stats.combine(batchMean, m2, n);
        float scale = (float) Math.sqrt(stats.var(0) + EPSILON);
        for (int i = 0; i < n; i++) {
            rewards[i] = (float) Math.min(Math.max(rewards[i] / scale, -CLIP), CLIP);
            if (terminated[i] || truncated[i]) {
                returns[i] = 0;
            }
        }
    }

    /** The running variance of the discounted return. */
    public double variance() {
        return stats.var(0);
    }

    /** The statistics and each env's running return, for checkpoints. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("mean", Tensor.of(new float[] {(float) stats.mean(0)}));
        s.put("var", Tensor.of(new float[] {(float) stats.var(0)}));
        s.put("count", Tensor.of(new float[] {(float) stats.count()}));
        s.put("returns", Tensor.of(toFloat(returns), returns.length));
        return s;
    }

    /** Loads a state {@link #state()} wrote; a state of other shape is rejected. */
    public void load(Map<String, Tensor> state) {
        if (!state.keySet().equals(Map.of("mean", 0, "var", 0, "count", 0, "returns", 0).keySet())
                || state.get("returns").size() != returns.length) {
            throw new IllegalArgumentException("ReturnNormalizer: state has " + state.keySet() + " with "
                    + (state.containsKey("returns") ? state.get("returns").size() : 0) + " returns, expected mean, var, "
                    + "count and " + returns.length + " returns");
        }
        stats.restore(new double[] {state.get("mean").item()}, new double[] {state.get("var").item()},
                state.get("count").item());
        float[] r = state.get("returns").data();
        for (int i = 0; i < returns.length; i++) {
            returns[i] = r[i];
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
