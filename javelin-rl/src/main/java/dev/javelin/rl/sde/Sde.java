package dev.javelin.rl.sde;

/**
 * How a gSDE policy parameterizes its exploration matrix's std (SB3's {@code full_std} and {@code use_expln}).
 *
 * @param fullStd  one log-std per latent feature and action ({@code [latent, actions]}) instead of one per feature
 * @param useExpln std = expln(log_std) (exp below 0, log1p(x) + 1 above) instead of exp(log_std)
 */
public record Sde(boolean fullStd, boolean useExpln) {
    /** The log-std parameter's shape for {@code latent} features and {@code actions} actions. */
    public int[] logStdShape(int latent, int actions) {
        return new int[] {latent, fullStd ? actions : 1};
    }

    /**
     * Checks {@code sde_sample_freq}: -1 (a new matrix only at the start of each rollout or collection) or >= 1
     * (also every that many steps), and that it and full_std / use_expln are only set with use_sde.
     */
    public static void check(boolean useSde, int sampleFreq, boolean fullStd, boolean useExpln) {
        if (sampleFreq != -1 && sampleFreq < 1) {
            throw new IllegalArgumentException("sde_sample_freq must be -1 (a new exploration matrix only at the start of "
                    + "each rollout or collection) or >= 1 (every that many steps), got " + sampleFreq);
        }
        if (!useSde && (sampleFreq != -1 || !fullStd || useExpln)) {
            throw new IllegalArgumentException("sde_sample_freq, full_std and use_expln only apply with use_sde: true, got "
                    + "sde_sample_freq " + sampleFreq + ", full_std " + fullStd + ", use_expln " + useExpln);
        }
    }
}
