package dev.javelin.rl.sac;

import dev.javelin.tensor.Rng;

/**
 * Counter-based randomness: the generator of item {@code n} (an env step, a gradient step) is a function of
 * the stream's key and {@code n} alone, not of how many numbers were drawn before. A run resumed from a
 * checkpoint at step n therefore draws for step n + 1 what the uninterrupted run drew, and parallel
 * collectors draw per env step whichever worker takes it.
 */
public final class RandomStreams {
    private final long key;

    /** A stream keyed by one draw of {@code parent}. */
    public RandomStreams(Rng parent) {
        this.key = parent.nextLong();
    }

    /** The generator of item {@code n}: the same for the same key and n. */
    public Rng at(long n) {
        return Rng.at(key, n);
    }
}
