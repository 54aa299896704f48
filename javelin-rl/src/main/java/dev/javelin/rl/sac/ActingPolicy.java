package dev.javelin.rl.sac;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * What a collector acts with, one state at a time and without a graph, in the policy's [-1, 1] action space:
 * SAC's squashed Gaussian ({@link Policy}) or TD3's deterministic actor with exploration noise.
 */
public interface ActingPolicy {
    /** The exploring action of env step {@code step}, its randomness drawn from {@code rng}. */
    float[] explore(float[] state, long step, Rng rng);

    /** The deterministic action of evaluation. */
    float[] deterministic(float[] state);

    /** Whether the policy explores with gSDE: the collector then acts with {@link #sample(float[], Tensor)}. */
    default boolean usesSde() {
        return false;
    }

    /** gSDE: one exploration matrix drawn from {@code rng}, held for a collection. */
    default Tensor exploration(Rng rng) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not explore with gSDE");
    }

    /** gSDE: the exploring action for the matrix {@code exploration}. */
    default float[] sample(float[] state, Tensor exploration) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not explore with gSDE");
    }

    /** Copies the other policy's parameters and statistics into this one's (same kind and shapes). */
    void copyFrom(ActingPolicy other);
}
