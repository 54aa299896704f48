package dev.javelin.rl.sde;

import dev.javelin.dist.Normal;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * Generalized State-Dependent Exploration (gSDE, Raffin et al. 2021) as Stable-Baselines3's
 * {@code StateDependentNoiseDistribution}: the exploration noise of a state is {@code latent_sde · W}, a linear map
 * of the policy's last hidden features through a matrix {@code W ~ N(0, std^2)} that is held fixed between
 * resamples, so the action is {@code mean + latent_sde · W} (then tanh for SAC). Its distribution given the state
 * is a diagonal Gaussian around the mean with variance {@code sum_j latent_j^2 std_ja^2} (+ 1e-6, as SB3), which
 * gives the log-probabilities and the entropy. {@code std} is {@code exp(log_std)}, or {@code expln(log_std)}
 * (exp below 0, {@code log1p(x) + 1} above), from a log-std of shape {@code [latent, actions]} ({@code full_std})
 * or {@code [latent, 1]} shared by the actions.
 */
public final class StateDependentNoise {
    /** SB3's epsilon: added to the variance, and inside expln's log1p. */
    public static final float EPSILON = 1e-6f;
    private static final float LOG_2 = (float) Math.log(2);

    private final Normal distribution;
    private final Tensor latent;

    /**
     * The distribution of {@code mean + latent · W} for {@code W ~ N(0, std^2)}.
     *
     * @param mean   the actions' means (pre-tanh for SAC) [B, A]
     * @param std    the exploration matrix's standard deviations [L, A], from {@link #std}
     * @param latent the features latent_sde [B, L]: detach them unless the features are learned (SB3's
     *               learn_features, false for PPO, true for SAC)
     */
    public StateDependentNoise(Tensor mean, Tensor std, Tensor latent) {
        if (latent.rank() != 2 || mean.rank() != 2 || latent.dim(0) != mean.dim(0) || std.rank() != 2
                || std.dim(0) != latent.dim(1) || std.dim(1) != mean.dim(1)) {
            throw new IllegalArgumentException("StateDependentNoise: expected mean [B, A], std [L, A] and latent [B, L], got "
                    + java.util.Arrays.toString(mean.shape()) + ", " + java.util.Arrays.toString(std.shape()) + " and "
                    + java.util.Arrays.toString(latent.shape()));
        }
        this.latent = latent;
        Tensor variance = latent.square().matmul(std.square());
        this.distribution = new Normal(mean, variance.add(EPSILON).sqrt());
    }

    /**
     * The exploration matrix's standard deviations [L, A] from the log-std parameter ([L, A], or [L, 1] broadcast
     * over the actions when not full_std): exp, or SB3's expln that grows like log above 0.
     */
    public static Tensor std(Tensor logStd, boolean useExpln, int actions) {
        Tensor std;
        if (useExpln) {
            Tensor above = logStd.gt(0f);
            Tensor below = logStd.le(0f);
            // as SB3: the log1p branch sees max(x, 0) + epsilon, so neither branch produces NaN or its gradient
            std = logStd.exp().mul(below).add(logStd.mul(above).add(EPSILON).log1p().add(1f).mul(above));
        } else {
            std = logStd.exp();
        }
        return std.dim(1) == actions ? std : std.mul(Tensor.ones(std.dim(0), actions));
    }

    /**
     * {@code n} exploration matrices [n, L, A] drawn as {@code std · eps} with eps ~ N(0, 1), reparameterized so a
     * loss through the noise reaches the log-std (SB3's sample_weights).
     */
    public static Tensor weights(Tensor std, int n, Rng rng) {
        return std.mul(Tensor.randn(rng, n, std.dim(0), std.dim(1)));
    }

    /**
     * The noise {@code latent · W} [B, A]: one matrix [L, A] (or [1, L, A]) shared by every row, or one matrix
     * per row [B, L, A] (one per env, as SB3's exploration_matrices).
     */
    public Tensor noise(Tensor weights) {
        int b = latent.dim(0);
        if (weights.rank() == 2 || weights.dim(0) == 1) {
            return latent.matmul(weights.rank() == 2 ? weights : weights.reshape(weights.dim(1), weights.dim(2)));
        }
        if (weights.rank() != 3 || weights.dim(0) != b) {
            throw new IllegalArgumentException("StateDependentNoise.noise: expected one matrix or " + b
                    + " (one per row), got weights of shape " + java.util.Arrays.toString(weights.shape()));
        }
        Tensor rows = latent.reshape(b, 1, latent.dim(1)).matmul(weights);
        return rows.reshape(b, weights.dim(2));
    }

    /** {@code mean + latent · W}: an action before any squashing. */
    public Tensor sample(Tensor weights) {
        return distribution.mean().add(noise(weights));
    }

    /** log-probabilities [B] of actions [B, A], summed over the actions. */
    public Tensor logProb(Tensor actions) {
        return distribution.logProb(actions).sum(1);
    }

    /**
     * log-probabilities [B] of {@code tanh(u)} from the pre-tanh actions u [B, A] (SAC's squashed variant): the
     * Gaussian's minus log |d tanh(u)/du|, summed over the actions.
     */
    public Tensor squashedLogProb(Tensor u) {
        // log |d tanh(u)/du| = 2 (log 2 - u - softplus(-2u)), the form that cannot round to log 0 (as SquashedNormal's)
        Tensor logAbsDetJacobian = u.mul(-2f).softplus().add(u).neg().add(LOG_2).mul(2f);
        return distribution.logProb(u).sub(logAbsDetJacobian).sum(1);
    }

    /** Entropy [B] of the unsquashed Gaussian, summed over the actions (SAC's squashed variant has none). */
    public Tensor entropy() {
        return distribution.entropy().sum(1);
    }

    /** The deterministic action: the mean, no noise. */
    public Tensor mode() {
        return distribution.mean();
    }

    /** The Gaussian of the actions given the states: N(mean, latent^2 std^2 + epsilon). */
    public Normal distribution() {
        return distribution;
    }
}
