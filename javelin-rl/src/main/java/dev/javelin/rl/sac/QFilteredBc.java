package dev.javelin.rl.sac;

import dev.javelin.tensor.Tensor;

/**
 * The behaviour-cloning loss with a Q-filter of Nair et al. 2018 ("Overcoming Exploration in Reinforcement Learning
 * with Demonstrations", eq. 4-5), on the demonstration rows of a batch (the last {@code demoRows}):
 * {@code L_BC = lambda / N_D * sum_i ||pi(s_i) - a_i||^2 * 1[Q(s_i, a_i) > Q(s_i, pi(s_i))]}, so the policy imitates
 * a demonstrated action only where the critic rates it above the policy's own. For SAC, pi(s_i) is the
 * reparameterized action the actor loss uses, and Q the minimum of the twin critics.
 *
 * @param gradient dL_BC/d pi(s) for every row of the batch ([B, A], zero outside the accepted demonstration rows)
 * @param loss     L_BC
 * @param accepted the fraction of demonstration rows the Q-filter kept
 */
record QFilteredBc(Tensor gradient, double loss, double accepted) {

    /**
     * @param policyActions pi(s) of the batch [B, A]
     * @param actions       the batch's actions [B, A]
     * @param qDemo         min_i Q_i(s, a) [B, 1]
     * @param qPolicy       min_i Q_i(s, pi(s)) [B, 1]
     * @param qFilter       false: clone every demonstration row (plain BC)
     */
    static QFilteredBc of(float[] policyActions, float[] actions, float[] qDemo, float[] qPolicy, int batch, int actionDim,
                          int demoRows, double weight, boolean qFilter) {
        if (demoRows < 1 || demoRows > batch || policyActions.length != batch * actionDim || actions.length != batch * actionDim
                || qDemo.length != batch || qPolicy.length != batch) {
            throw new IllegalArgumentException("QFilteredBc: " + demoRows + " demonstration rows of a batch of " + batch
                    + " with " + actionDim + " action dims, arrays of " + policyActions.length + ", " + actions.length + ", "
                    + qDemo.length + ", " + qPolicy.length + "; expected 1 <= rows <= batch and matching lengths");
        }
        float[] grad = new float[batch * actionDim];
        double loss = 0;
        int kept = 0;
        for (int i = batch - demoRows; i < batch; i++) {
            if (qFilter && !(qDemo[i] > qPolicy[i])) {
                continue;
            }
            kept++;
            for (int j = 0; j < actionDim; j++) {
                float diff = policyActions[i * actionDim + j] - actions[i * actionDim + j];
                loss += diff * diff;
                grad[i * actionDim + j] = (float) (2 * weight / demoRows * diff);
            }
        }
        return new QFilteredBc(Tensor.of(grad, batch, actionDim), weight * loss / demoRows, kept / (double) demoRows);
    }
}
