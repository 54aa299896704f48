package dev.javelin.dist;

import dev.javelin.tensor.Tensor;

import java.util.Arrays;

/**
 * DreamerV3's discrete regression head (Hafner et al. 2023): softmax logits [..., K] over fixed, increasing bins [K];
 * a scalar target is two-hot encoded, all its mass on the two bins around it split so that the weighted bins equal the
 * target, and the head is trained by cross-entropy to that encoding: scale-free like classification, and smooth in the
 * target like regression.
 *
 * <p>The official code has used two placements of the bins, and both are here:
 * <ul>
 * <li>{@link #TwoHot(Tensor, Tensor)} with {@link #symexpBins(int)}: the bins are symexp(linspace(-20, 20, K)), in the
 * target's own space; the target is encoded between its two neighbouring bins linearly in that space, and
 * {@link #mean()} = sum(softmax * bins). This is the current code (embodied/jax/heads.py {@code symexp_twohot} with
 * outs.TwoHot).</li>
 * <li>{@link #inSymlogSpace(Tensor, Tensor)} with {@link #symlogBins(int)}: the bins are linspace(-20, 20, K) in symlog
 * space; the target is encoded as symlog(target), and {@link #mean()} = symexp(sum(softmax * bins)). This is the first
 * release (dreamerv3/jaxutils.py TwoHotDist with transfwd = symlog, transbwd = symexp) and the first arXiv version
 * of the paper.</li>
 * </ul>
 * The two agree on which two bins a target falls between and differ in how the mass is split between them (linear
 * in x, or linear in symlog x), so the decoded mean is exact for the first and exact after symexp for the second.
 */
public final class TwoHot {
    /** Bins span [-20, 20] in symlog space: symexp(20) = 4.85e8, far beyond any return in practice. */
    public static final float LIMIT = 20f;

    private final Tensor raw;
    // computed on first use: a critic's mean needs only probs, its loss only logits, and both are [..., K] passes
    private Tensor logits;
    private Tensor probs;
    private final Tensor bins;
    private final boolean symlogSpace;

    /** Bins [K] in the target's own space, strictly increasing; logits [..., K]. */
    public TwoHot(Tensor logits, Tensor bins) {
        this(logits, bins, false);
    }

    private TwoHot(Tensor logits, Tensor bins, boolean symlogSpace) {
        int k = Events.classes("TwoHot", logits);
        requireBins("TwoHot", bins);
        if (bins.dim(0) != k) {
            throw new IllegalArgumentException("TwoHot: logits of shape " + Events.str(logits.shape()) + " need " + k
                    + " bins, got bins of shape " + Events.str(bins.shape()));
        }
        this.raw = logits;
        this.bins = bins.detach();
        this.symlogSpace = symlogSpace;
    }

    /** Bins [K] in symlog space (e.g. {@link #symlogBins(int)}): targets are encoded as symlog(target), the mean is symexp'd. */
    public static TwoHot inSymlogSpace(Tensor logits, Tensor symlogBins) {
        return new TwoHot(logits, symlogBins, true);
    }

    /** linspace(-20, 20, n). */
    public static Tensor symlogBins(int n) {
        if (n < 2) throw new IllegalArgumentException("TwoHot.symlogBins: n " + n + " must be at least 2");
        float[] b = new float[n];
        for (int i = 0; i < n; i++) b[i] = (float) (-LIMIT + 2.0 * LIMIT * i / (n - 1));
        return Tensor.of(b, n);
    }

    /**
     * symexp(linspace(-20, 20, n)) for odd n, built as the official code does: the negative half and its mirror, so the
     * bins are exactly antisymmetric with 0 in the middle, and uniform probabilities decode to exactly 0.
     */
    public static Tensor symexpBins(int n) {
        if (n < 3 || n % 2 == 0) {
            throw new IllegalArgumentException("TwoHot.symexpBins: n " + n + " must be odd and at least 3 (an even n would put two bins at 0)");
        }
        int m = (n - 1) / 2;
        float[] b = new float[n];
        for (int i = 0; i <= m; i++) b[i] = Symlog.symexp((float) (-LIMIT + LIMIT * i / m));
        for (int i = 1; i <= m; i++) b[m + i] = -b[m - i];
        return Tensor.of(b, n);
    }

    /** The expected value in the target's space: sum(softmax * bins), symexp'd for bins in symlog space. */
    public Tensor mean() {
        Tensor wavg = decode(probs(), bins);
        return symlogSpace ? Symlog.symexp(wavg) : wavg;
    }

    /** sum(twohot(target) * log_softmax(logits)) [...], target [...] in its own space; the target gets no gradient. */
    public Tensor logProb(Tensor target) {
        Events.requireShape("TwoHot.logProb", "target", target, Events.batchShape(raw));
        Tensor logits = logits();
        Tensor t = symlogSpace ? Symlog.symlog(target.detach()) : target.detach();
        Split s = Split.of("TwoHot.logProb", t, bins);
        // only two bins carry weight: gather them rather than multiply a [..., K] encoding through
        return s.weightBelow.mul(logits.gather(-1, s.below.unsqueeze(-1)).squeeze(-1))
                .add(s.weightAbove.mul(logits.gather(-1, s.above.unsqueeze(-1)).squeeze(-1)));
    }

    /**
     * Two-hot weights [..., K] of targets [...] over bins [K], as the official code: with j the last bin &lt;= x and j + 1
     * the first bin &gt; x, weight (b[j+1] - x) / (b[j+1] - b[j]) on j and the rest on j + 1; a target on a bin or beyond
     * the end bins puts all its mass on one bin. Linear in x between bins, so it is differentiable there.
     */
    public static Tensor encode(Tensor target, Tensor bins) {
        requireBins("TwoHot.encode", bins);
        Split s = Split.of("TwoHot.encode", target, bins);
        int k = bins.dim(0);
        return Tensor.oneHot(s.below, k).mul(s.weightBelow.unsqueeze(-1)).add(Tensor.oneHot(s.above, k).mul(s.weightAbove.unsqueeze(-1)));
    }

    /** The two bins around each target [...] (indices as floats) and their weights, differentiable in the target. */
    private record Split(Tensor below, Tensor above, Tensor weightBelow, Tensor weightAbove) {
        static Split of(String who, Tensor target, Tensor bins) {
            float[] b = bins.data(), x = target.data();
            int k = b.length;
            float[] below = new float[x.length], above = new float[x.length], bBelow = new float[x.length], bAbove = new float[x.length];
            float[] equal = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                if (Float.isNaN(x[i])) throw new IllegalArgumentException(who + ": target NaN at flat index " + i);
                int j = upperBound(b, x[i]); // the first bin > x
                int lo = Math.max(j - 1, 0), hi = Math.min(j, k - 1);
                below[i] = lo;
                above[i] = hi;
                bBelow[i] = b[lo];
                bAbove[i] = b[hi];
                equal[i] = lo == hi ? 1f : 0f;
            }
            int[] shape = target.shape();
            Tensor isEqual = Tensor.of(equal, shape), one = Tensor.scalar(1f);
            Tensor toBelow = Tensor.where(isEqual, one, target.sub(Tensor.of(bBelow, shape)).abs());
            Tensor toAbove = Tensor.where(isEqual, one, target.sub(Tensor.of(bAbove, shape)).abs());
            Tensor total = toBelow.add(toAbove);
            return new Split(Tensor.of(below, shape), Tensor.of(above, shape), toAbove.div(total), toBelow.div(total));
        }
    }

    /**
     * sum(weights * bins) over the last axis, [...]. Summed from the middle bin outwards in mirrored pairs, as the
     * official code does: a left-to-right float sum over bins up to 4.85e8 does not cancel where the exact value is 0
     * (uniform probabilities at initialization give 1.75 over the 255 symexp bins); pairs of mirrored bins cancel exactly.
     */
    public static Tensor decode(Tensor weights, Tensor bins) {
        requireBins("TwoHot.decode", bins);
        int k = bins.dim(0);
        if (weights.rank() == 0 || weights.dim(-1) != k) {
            throw new IllegalArgumentException("TwoHot.decode: weights of shape " + Events.str(weights.shape()) + " must have shape [..., " + k + "]");
        }
        Tensor terms = weights.mul(bins.detach());
        int half = k / 2;
        int[] reversed = new int[half];
        for (int i = 0; i < half; i++) reversed[i] = half - 1 - i;
        Tensor pairs = terms.narrow(-1, 0, half).indexSelect(-1, reversed).add(terms.narrow(-1, k - half, half));
        Tensor sum = pairs.sum(-1, false);
        return k % 2 == 1 ? terms.narrow(-1, half, 1).squeeze(-1).add(sum) : sum;
    }

    /** The number of bins <= x. */
    private static int upperBound(float[] b, float x) {
        int lo = 0, hi = b.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void requireBins(String who, Tensor bins) {
        if (bins.rank() != 1 || bins.dim(0) < 2) {
            throw new IllegalArgumentException(who + ": bins must have shape [K] with K >= 2, got " + Events.str(bins.shape()));
        }
        float[] b = bins.data();
        for (int i = 1; i < b.length; i++) {
            if (!(b[i] > b[i - 1])) {
                throw new IllegalArgumentException(who + ": bins must increase strictly, but bin " + i + " = " + b[i] + " follows " + b[i - 1]
                        + " (" + Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 5))) + (b.length > 5 ? " ...)" : ")"));
            }
        }
    }

    /** Softmax over the bins [..., K]. */
    public Tensor probs() {
        if (probs == null) {
            probs = raw.softmax(-1);
        }
        return probs;
    }

    /** Normalized logits: log_softmax [..., K]. */
    public Tensor logits() {
        if (logits == null) {
            logits = raw.logSoftmax(-1);
        }
        return logits;
    }

    /** The bin positions [K]. */
    public Tensor bins() {
        return bins;
    }

    /** True for bins in symlog space ({@link #inSymlogSpace}). */
    public boolean symlogSpace() {
        return symlogSpace;
    }
}
