package dev.javelin.tensor;

import java.util.random.RandomGenerator;

/**
 * The one source of randomness: seeded, passed explicitly, splittable per env or thread.
 *
 * <p>SplitMix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a fixed odd gamma and
 * mixed by a bijective finalizer. {@link #split()} derives an independent child by drawing a
 * new seed and a new odd gamma, so a tree of generators built from one seed is reproducible
 * bit for bit whatever the thread timing. It implements {@link RandomGenerator} so modules that
 * must not depend on the tensor engine (environments) accept it through the JDK interface.
 */
public final class Rng implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private final long gamma;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** A generator whose whole stream is a function of {@code seed}. */
    public Rng(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private Rng(long seed, long gamma) {
        this.state = seed;
        this.gamma = gamma;
    }

    /** An independent generator; the parent advances, so successive splits differ. */
    public Rng split() {
        long childSeed = nextLong();
        long childGamma = mixGamma(nextLong());
        return new Rng(childSeed, childGamma);
    }

    /**
     * Counter-based: a generator that depends on {@code key} and {@code n} alone, not on what was drawn
     * before (item n of a stream, e.g. env step n). SplitMix64's finalizer on a Weyl sequence at n, split
     * for an independent gamma.
     */
    public static Rng at(long key, long n) {
        return new Rng(mix64(key + n * 0xD1B54A32D192ED03L)).split();
    }

    @Override
    public long nextLong() {
        state += gamma;
        return mix64(state);
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by the Marsaglia polar method; the second value is kept for the next call. */
    @Override
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpareGaussian = true;
        return u * m;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        // Gammas with too few bit transitions give weakly mixed sequences (SplittableRandom does the same).
        return Long.bitCount(z ^ (z >>> 1)) < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
