package dev.javelin.dist;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.kernel.RowSoftmax;

/**
 * {@link TwoHot} over bins in the target's own space (the current official {@code symexp_twohot}) as two fused
 * kernels that share one softmax per row: {@link #mean()} and {@link #logProb(Tensor)} read the probabilities and
 * the log-sum-exp computed once, and neither materializes a [..., K] log-softmax, two-hot encoding or weighted-bin
 * tensor (DreamerV3's reward head and critic call both on tens of thousands of rows of 255 bins per update, where
 * the composed version spends most of its time). Same values as TwoHot up to float rounding: the mean is summed
 * from the middle bin outwards in mirrored pairs as {@link TwoHot#decode}, so uniform probabilities over
 * antisymmetric bins give exactly 0. Gradients: d mean / d logit_k = p_k (b_k - mean),
 * d logProb / d logit_k = twohot_k - p_k; the target gets none.
 */
public final class FusedTwoHot {
    private final Tensor raw;
    private final float[] bins;
    private final int classes;
    private final int rows;
    // softmax of every row and its log-sum-exp, computed on first use
    private float[] probs;
    private float[] lse;

    /** Logits [..., K] over bins [K] in the target's space, strictly increasing. */
    public FusedTwoHot(Tensor logits, Tensor bins) {
        classes = Events.classes("FusedTwoHot", logits);
        if (bins.rank() != 1 || bins.dim(0) != classes) {
            throw new IllegalArgumentException("FusedTwoHot: logits of shape " + Events.str(logits.shape()) + " need bins of shape ["
                    + classes + "], got " + Events.str(bins.shape()));
        }
        float[] b = bins.data();
        for (int i = 1; i < b.length; i++) {
            if (!(b[i] > b[i - 1])) {
                throw new IllegalArgumentException("FusedTwoHot: bins must increase strictly, but bin " + i + " = " + b[i]
                        + " follows " + b[i - 1]);
            }
        }
        this.raw = logits;
        this.bins = b.clone();
        this.rows = logits.size() / classes;
    }

    /** As Tensor.softmax/logSoftmax do it ({@link RowSoftmax}): one vectorized exp over the shifted logits of all rows. */
    private void softmax() {
        if (probs != null) {
            return;
        }
        float[] p = new float[raw.size()];
        float[] l = new float[rows];
        RowSoftmax.probs(raw.data(), rows, classes, p, l);
        probs = p;
        lse = l;
    }

    /** The expected bin sum(softmax * bins) [...]. */
    public Tensor mean() {
        softmax();
        float[] p = probs;
        float[] out = new float[rows];
        int half = classes / 2;
        int hi = classes - half;   // the first bin of the upper half
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float sum = 0;
            for (int i = 0; i < half; i++) {
                sum += p[base + half - 1 - i] * bins[half - 1 - i] + p[base + hi + i] * bins[hi + i];
            }
            out[r] = classes % 2 == 1 ? p[base + half] * bins[half] + sum : sum;
        }
        return Tensor.custom(out, Events.batchShape(raw), (g, o, need) -> {
            float[] gd = g.data();
            float[] dx = new float[p.length];
            for (int r = 0; r < rows; r++) {
                int base = r * classes;
                float gr = gd[r];
                float mr = out[r];
                for (int k = 0; k < classes; k++) {
                    dx[base + k] = gr * p[base + k] * (bins[k] - mr);
                }
            }
            return new Tensor[] {Tensor.of(dx, raw.shape())};
        }, raw);
    }

    /** sum(twohot(target) * log_softmax(logits)) [...], target [...] in the bins' space; the target gets no gradient. */
    public Tensor logProb(Tensor target) {
        Events.requireShape("FusedTwoHot.logProb", "target", target, Events.batchShape(raw));
        softmax();
        float[] x = raw.data();
        float[] t = target.data();
        int[] below = new int[rows];
        float[] weightBelow = new float[rows];
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            float v = t[r];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("FusedTwoHot.logProb: target NaN at flat index " + r);
            }
            int j = upperBound(bins, v);   // the first bin > v
            int lo = Math.max(j - 1, 0);
            int up = Math.min(j, classes - 1);
            // as TwoHot: distances to the two bins, normalized; a target on a bin or beyond the ends takes one bin
            float wLo = 1f;
            if (lo != up) {
                float toLo = Math.abs(v - bins[lo]);
                float toUp = Math.abs(v - bins[up]);
                wLo = toUp / (toLo + toUp);
            }
            below[r] = lo;
            weightBelow[r] = wLo;
            int base = r * classes;
            out[r] = wLo * (x[base + lo] - lse[r]) + (1 - wLo) * (x[base + Math.min(lo + 1, classes - 1)] - lse[r]);
        }
        float[] p = probs;
        return Tensor.custom(out, Events.batchShape(raw), (g, o, need) -> {
            float[] gd = g.data();
            float[] dx = new float[p.length];
            for (int r = 0; r < rows; r++) {
                int base = r * classes;
                float gr = gd[r];
                for (int k = 0; k < classes; k++) {
                    dx[base + k] = -gr * p[base + k];
                }
                int lo = below[r];
                dx[base + lo] += gr * weightBelow[r];
                if (weightBelow[r] != 1f) {
                    dx[base + lo + 1] += gr * (1 - weightBelow[r]);
                }
            }
            return new Tensor[] {Tensor.of(dx, raw.shape())};
        }, raw);
    }

    /** The number of bins <= x. */
    private static int upperBound(float[] b, float x) {
        int lo = 0;
        int hi = b.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
