package dev.javelin.env.random;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * NumPy's {@code numpy.random.SeedSequence(entropy)} for an integer entropy (no spawn key, pool size 4):
 * the seed's 32-bit words, lowest first, are hashed into a pool of four words, from which
 * {@link #generateStateUint32}/{@link #generateStateUint64} derive as many seed words as a bit generator asks
 * for. {@code SeedSequence(seed).generateStateUint64(4)} is what {@link Pcg64} is seeded with, as in NumPy.
 *
 * <p>Immutable: generating state does not change the pool, so the same words come back on every call.
 */
public final class SeedSequence {
    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    private final BigInteger entropy;
    private final int[] pool;

    /** NumPy's {@code SeedSequence(seed)}; Gymnasium's {@code np_random(seed)} passes the seed here. */
    public SeedSequence(long seed) {
        this(BigInteger.valueOf(requireNonNegative(seed)));
    }

    /** A seed of any size; NumPy accepts every non-negative Python int. */
    public SeedSequence(BigInteger seed) {
        if (seed.signum() < 0) {
            throw new IllegalArgumentException("SeedSequence: seed " + seed + ", expected a non-negative integer");
        }
        this.entropy = seed;
        this.pool = mixEntropy(words(seed));
    }

    /**
     * NumPy's {@code SeedSequence()}: 128 bits of entropy from the operating system. {@link #entropy()}
     * returns them, so a run started this way can be repeated.
     */
    public static SeedSequence fromEntropy() {
        return new SeedSequence(new BigInteger(POOL_SIZE * 32, new SecureRandom()));
    }

    private static long requireNonNegative(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("SeedSequence: seed " + seed + ", expected a non-negative integer"
                    + " (NumPy and Gymnasium reject negative seeds)");
        }
        return seed;
    }

    /** The seed this sequence was made from (NumPy's {@code entropy} attribute). */
    public BigInteger entropy() {
        return entropy;
    }

    /** The mixed entropy pool (NumPy's {@code pool}), as unsigned 32-bit words in ints. */
    public int[] pool() {
        return pool.clone();
    }

    /** NumPy's {@code _coerce_to_uint32_array(int)}: 32-bit words, lowest first; zero is one zero word. */
    static int[] words(BigInteger n) {
        int count = Math.max(1, (n.bitLength() + 31) / 32);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = n.shiftRight(32 * i).intValue();
        }
        return out;
    }

    /** {@code generate_state(nWords, np.uint32)}: words as unsigned 32-bit values stored in ints. */
    public int[] generateStateUint32(int nWords) {
        if (nWords < 0) {
            throw new IllegalArgumentException("SeedSequence.generateState: n_words " + nWords + ", expected >= 0");
        }
        int[] state = new int[nWords];
        int hashConst = INIT_B;
        for (int i = 0; i < nWords; i++) {
            int value = pool[i % POOL_SIZE];
            value ^= hashConst;
            hashConst *= MULT_B;
            value *= hashConst;
            value ^= value >>> XSHIFT;
            state[i] = value;
        }
        return state;
    }

    /**
     * {@code generate_state(nWords, np.uint64)}: twice as many 32-bit words, paired little-endian (the
     * first of each pair is the low half), as NumPy does on every platform.
     */
    public long[] generateStateUint64(int nWords) {
        if (nWords < 0) {
            throw new IllegalArgumentException("SeedSequence.generateState: n_words " + nWords + ", expected >= 0");
        }
        int[] halves = generateStateUint32(2 * nWords);
        long[] state = new long[nWords];
        for (int i = 0; i < nWords; i++) {
            state[i] = Integer.toUnsignedLong(halves[2 * i]) | ((long) halves[2 * i + 1] << 32);
        }
        return state;
    }

    private static int[] mixEntropy(int[] entropyWords) {
        int[] mixer = new int[POOL_SIZE];
        int[] hashConst = {INIT_A};
        // A seed shorter than the pool is padded by hashing zeros.
        for (int i = 0; i < POOL_SIZE; i++) {
            mixer[i] = hashmix(i < entropyWords.length ? entropyWords[i] : 0, hashConst);
        }
        // Every pool word mixes into every other, so late words of the seed affect early pool words.
        for (int src = 0; src < POOL_SIZE; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                if (src != dst) {
                    mixer[dst] = mix(mixer[dst], hashmix(mixer[src], hashConst));
                }
            }
        }
        for (int src = POOL_SIZE; src < entropyWords.length; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                mixer[dst] = mix(mixer[dst], hashmix(entropyWords[src], hashConst));
            }
        }
        return mixer;
    }

    /** The multiplier advances on every call, hence the one-element array. */
    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> XSHIFT;
        return value;
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        result ^= result >>> XSHIFT;
        return result;
    }

    @Override
    public String toString() {
        return "SeedSequence(entropy=" + entropy + ")";
    }
}
