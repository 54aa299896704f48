package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * DreamerV3's return scale, named as the paper's {@code S = EMA(Per(R, 95) - Per(R, 5), 0.99)} by which the
 * actor's returns are normalized ({@code retnorm: perc_ema} in the reference config, whose key the checkpoint
 * group {@code retnorm} keeps): EMAs of the 5th and 95th percentiles of the
 * λ-returns of each batch, {@code low <- decay low + (1 - decay) P5}, and the scale {@code max(1 / max, high - low)}.
 * The floor keeps small returns (sparse rewards) from being amplified into noise. Both EMAs start at 0 as the
 * reference's.
 */
public final class PercentileReturnScale {
    /** The returns are normalized as {@code (R - offset) / scale}; advantages as {@code (R - v) / scale}. */
    public record Scale(double offset, double scale) {
    }

    private final double decay;
    private final double max;
    private final double perclo;
    private final double perchi;
    private double low;
    private double high;

    /** Percentile-EMA return scale: decay, floor {@code max} of the scale, low and high percentiles. */
    public PercentileReturnScale(double decay, double max, double perclo, double perchi) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("PercentileReturnScale: decay must be in [0, 1], got " + decay);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("PercentileReturnScale: max must be > 0, got " + max);
        }
        if (!(perclo >= 0 && perclo < perchi && perchi <= 100)) {
            throw new IllegalArgumentException("PercentileReturnScale: need 0 <= perclo < perchi <= 100, got "
                    + perclo + ", " + perchi);
        }
        this.decay = decay;
        this.max = max;
        this.perclo = perclo;
        this.perchi = perchi;
    }

    /** The return scale of the config's {@code retnorm} section. */
    public PercentileReturnScale(DreamerConfig.Retnorm c) {
        this(c.decay(), c.max(), c.perclo(), c.perchi());
    }

    /** Updates the EMAs with a batch of returns (all elements), then returns the scale to use for it. */
    public Scale update(Tensor returns) {
        float[] sorted = returns.data().clone();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("PercentileReturnScale: empty batch of returns");
        }
        Arrays.sort(sorted);
        // kept at float precision so a checkpoint (float32) restores the state exactly
        low = (float) (decay * low + (1 - decay) * percentile(sorted, perclo));
        high = (float) (decay * high + (1 - decay) * percentile(sorted, perchi));
        return scale();
    }

    /** The current offset and scale. */
    public Scale scale() {
        return new Scale(low, Math.max(1 / max, high - low));
    }

    /** numpy's default (linear) percentile of sorted values. */
    static double percentile(float[] sorted, double q) {
        double index = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(index);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (index - lo) * ((double) sorted[hi] - sorted[lo]);
    }

    /** The EMA state, for checkpoints. */
    public Map<String, Tensor> state() {
        return Map.of("low", Tensor.of(new float[] {(float) low}, 1), "high", Tensor.of(new float[] {(float) high}, 1));
    }

    /** Loads a state {@link #state()} wrote. */
    public void load(Map<String, Tensor> state) {
        Tensor l = state.get("low");
        Tensor h = state.get("high");
        if (l == null || h == null || l.size() != 1 || h.size() != 1) {
            throw new IllegalArgumentException("PercentileReturnScale: state needs one-element 'low' and 'high', got keys "
                    + state.keySet());
        }
        low = l.data()[0];
        high = h.data()[0];
    }
}
