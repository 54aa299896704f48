package dev.javelin.rl.sac;

import dev.javelin.tensor.Rng;

/**
 * What a collector acts with, one state at a time and without a graph, in the policy's [-1, 1] action space:
 * SAC's squashed Gaussian ({@link Policy}) or TD3's deterministic actor with exploration noise.
 */
public interface ActingPolicy {
    /** The exploring action of env step {@code step}, its randomness drawn from {@code rng}. */
    float[] explore(float[] state, long step, Rng rng);

    /** The deterministic action of evaluation. */
    float[] deterministic(float[] state);

    /** Copies the other policy's parameters and statistics into this one's (same kind and shapes). */
    void copyFrom(ActingPolicy other);
}
