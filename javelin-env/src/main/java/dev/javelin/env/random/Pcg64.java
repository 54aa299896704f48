package dev.javelin.env.random;

import java.math.BigInteger;

/**
 * NumPy's {@code numpy.random.PCG64}: a 128-bit linear congruential generator with the XSL-RR output
 * function (O'Neill's pcg64), seeded from {@link SeedSequence#generateStateUint64 generate_state(4, uint64)}
 * exactly as NumPy's {@code pcg64_set_seed} does. {@link #next64()}, {@link #next32()} and
 * {@link #nextDouble()} are NumPy's {@code next_uint64}, {@code next_uint32} and {@code next_double}.
 *
 * <p>Not thread-safe (NumPy guards its generators with a lock; here each env owns one).
 */
public final class Pcg64 {
    /** PCG's default 128-bit multiplier, high and low halves. */
    private static final long MULT_HI = 2549297995355413924L;
    private static final long MULT_LO = 4865540595714422341L;
    private static final BigInteger MASK128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private long stateHi, stateLo;
    private final long incHi, incLo;
    private boolean hasUint32;
    private int uinteger;

    /** NumPy's {@code PCG64(seed)}, the same as {@code PCG64(SeedSequence(seed))}. */
    public Pcg64(long seed) {
        this(new SeedSequence(seed));
    }

    /** NumPy's {@code PCG64(seed_sequence)}. */
    public Pcg64(SeedSequence seedSequence) {
        long[] seed = seedSequence.generateStateUint64(4);
        // pcg64_set_seed: words 0-1 are the initial state (high, low), words 2-3 the stream (high, low).
        long initHi = seed[0], initLo = seed[1], seqHi = seed[2], seqLo = seed[3];
        incHi = (seqHi << 1) | (seqLo >>> 63);
        incLo = (seqLo << 1) | 1L;
        stateHi = 0;
        stateLo = 0;
        step();
        long lo = stateLo + initLo;
        stateHi = stateHi + initHi + (Long.compareUnsigned(lo, initLo) < 0 ? 1 : 0);
        stateLo = lo;
        step();
    }

    /** state = state * multiplier + inc (mod 2^128). */
    private void step() {
        long hi = Math.unsignedMultiplyHigh(stateLo, MULT_LO) + stateLo * MULT_HI + stateHi * MULT_LO;
        long lo = stateLo * MULT_LO;
        long sumLo = lo + incLo;
        stateHi = hi + incHi + (Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0);
        stateLo = sumLo;
    }

    /** NumPy's {@code next_uint64} ({@code random_raw}): advance, then XSL-RR of the new state. */
    public long next64() {
        step();
        return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
    }

    /**
     * NumPy's {@code next_uint32}: the low half of a 64-bit draw, keeping the high half for the next call.
     * The kept half survives intervening {@link #next64()} calls, as in NumPy, so the interleaving of 32-
     * and 64-bit consumers decides the stream.
     */
    public int next32() {
        if (hasUint32) {
            hasUint32 = false;
            return uinteger;
        }
        long next = next64();
        hasUint32 = true;
        uinteger = (int) (next >>> 32);
        return (int) next;
    }

    /** NumPy's {@code next_double}: the top 53 bits of a 64-bit draw, in [0, 1). */
    public double nextDouble() {
        return (next64() >>> 11) * 0x1.0p-53;
    }

    /** NumPy's {@code PCG64.state}: the 128-bit state and increment, and the kept 32-bit half. */
    public State state() {
        return new State(unsigned128(stateHi, stateLo), unsigned128(incHi, incLo), hasUint32,
                Integer.toUnsignedLong(uinteger));
    }

    private static BigInteger unsigned128(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo))).and(MASK128);
    }

    /** The fields of NumPy's {@code bit_generator.state} dictionary. */
    public record State(BigInteger state, BigInteger inc, boolean hasUint32, long uinteger) {
    }
}
