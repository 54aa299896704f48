package dev.javelin.env.random;

import java.math.BigInteger;

/**
 * NumPy's {@code numpy.random.Generator} on {@link Pcg64}, for the draws Gymnasium's envs make from their
 * {@code np_random}: {@link #defaultRng(long) defaultRng(seed)} is Gymnasium's
 * {@code seeding.np_random(seed)}, and every method returns NumPy's numbers bit for bit (same draws from the
 * bit generator, same floating-point operations in the same order). Arrays come out in NumPy's C order.
 *
 * <p>Arguments NumPy rejects (negative sizes, {@code high < low}, negative scales) throw
 * {@link IllegalArgumentException} naming the value. Not thread-safe: one generator per env.
 */
public final class NumpyGenerator {
    private final Pcg64 bitGenerator;

    /** NumPy's {@code Generator(bit_generator)}. */
    public NumpyGenerator(Pcg64 bitGenerator) {
        this.bitGenerator = bitGenerator;
    }

    /**
     * NumPy's {@code default_rng(seed)} = {@code Generator(PCG64(SeedSequence(seed)))}, which is what
     * Gymnasium's {@code seeding.np_random(seed)} builds.
     */
    public static NumpyGenerator defaultRng(long seed) {
        return new NumpyGenerator(new Pcg64(new SeedSequence(seed)));
    }

    /** {@code default_rng(seed)} for a seed beyond a long (NumPy takes any non-negative int). */
    public static NumpyGenerator defaultRng(BigInteger seed) {
        return new NumpyGenerator(new Pcg64(new SeedSequence(seed)));
    }

    /** {@code default_rng()}: seeded from operating-system entropy, as an env reset without a seed is. */
    public static NumpyGenerator defaultRng() {
        return new NumpyGenerator(new Pcg64(SeedSequence.fromEntropy()));
    }

    public Pcg64 bitGenerator() {
        return bitGenerator;
    }

    /** {@code random()}: uniform in [0, 1) with 53 random bits. */
    public double random() {
        return bitGenerator.nextDouble();
    }

    /** {@code uniform(low, high)}: {@code low + (high - low) * random()}, rounded at each step as NumPy does. */
    public double uniform(double low, double high) {
        return low + checkedRange(low, high, "") * bitGenerator.nextDouble();
    }

    /** {@code uniform(low, high, size)}: {@code size} draws of {@link #uniform(double, double)}. */
    public double[] uniform(double low, double high, int size) {
        double range = checkedRange(low, high, "");
        double[] out = new double[checkedSize(size, "uniform")];
        for (int i = 0; i < out.length; i++) {
            out[i] = low + range * bitGenerator.nextDouble();
        }
        return out;
    }

    /**
     * {@code uniform(low=array, high=array)}: one draw per element, bounds taken elementwise (Pendulum's
     * reset passes {@code low = -high} this way). NumPy checks every range before drawing any number.
     */
    public double[] uniform(double[] low, double[] high) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("uniform: low has " + low.length + " elements and high "
                    + high.length + ", expected the same shape");
        }
        double[] range = new double[low.length];
        for (int i = 0; i < low.length; i++) {
            range[i] = checkedRange(low[i], high[i], "[" + i + "]");
        }
        double[] out = new double[low.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = low[i] + range[i] * bitGenerator.nextDouble();
        }
        return out;
    }

    /**
     * NumPy raises when {@code high - low} is not finite (OverflowError) or has its sign bit set
     * (ValueError, so {@code high < low}); {@code low == high} is allowed and returns {@code low}.
     */
    private static double checkedRange(double low, double high, String where) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform: low" + where + " = " + low + ", high" + where + " = " + high
                    + ": high - low = " + range + ", expected a finite range");
        }
        if (Math.copySign(1.0, range) < 0) {
            throw new IllegalArgumentException("uniform: low" + where + " = " + low + " > high" + where + " = " + high
                    + ", expected low <= high");
        }
        return range;
    }

    /** {@code standard_normal()}: NumPy's 256-layer ziggurat. */
    public double standardNormal() {
        return Ziggurat.standardNormal(bitGenerator);
    }

    /** {@code standard_normal(size)}. */
    public double[] standardNormal(int size) {
        double[] out = new double[checkedSize(size, "standardNormal")];
        for (int i = 0; i < out.length; i++) {
            out[i] = Ziggurat.standardNormal(bitGenerator);
        }
        return out;
    }

    /** {@code normal(loc, scale)}: {@code loc + scale * standard_normal()}. */
    public double normal(double loc, double scale) {
        return loc + checkedScale(scale) * Ziggurat.standardNormal(bitGenerator);
    }

    /** {@code normal(loc, scale, size)}. */
    public double[] normal(double loc, double scale, int size) {
        checkedScale(scale);
        double[] out = new double[checkedSize(size, "normal")];
        for (int i = 0; i < out.length; i++) {
            out[i] = loc + scale * Ziggurat.standardNormal(bitGenerator);
        }
        return out;
    }

    /** NumPy's non-negative constraint tests the sign bit, so -0.0 is rejected too; NaN passes, as in NumPy. */
    private static double checkedScale(double scale) {
        if (!Double.isNaN(scale) && Math.copySign(1.0, scale) < 0) {
            throw new IllegalArgumentException("normal: scale = " + scale + ", expected scale >= 0");
        }
        return scale;
    }

    /** {@code integers(high)}: int64 in [0, high). */
    public long integers(long high) {
        return integers(0, high);
    }

    /**
     * {@code integers(low, high)} with NumPy's defaults (int64, {@code endpoint=False}): uniform in
     * [low, high) by Lemire's multiply-and-reject, on 32-bit draws when the range fits in 32 bits.
     */
    public long integers(long low, long high) {
        return low + boundedUint64(checkedIntegerRange(low, high));
    }

    /** {@code integers(low, high, size)}. */
    public long[] integers(long low, long high, int size) {
        long rng = checkedIntegerRange(low, high);
        long[] out = new long[checkedSize(size, "integers")];
        for (int i = 0; i < out.length; i++) {
            out[i] = low + boundedUint64(rng);
        }
        return out;
    }

    /** The inclusive range high - 1 - low as an unsigned 64-bit number (NumPy's {@code rng}). */
    private static long checkedIntegerRange(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("integers: low = " + low + ", high = " + high + ", expected low < high");
        }
        return high - 1 - low;
    }

    /** NumPy's {@code random_bounded_uint64_fill} for one value, unmasked (Generator's default): [0, rng]. */
    private long boundedUint64(long rng) {
        if (rng == 0) {
            return 0; // NumPy draws nothing for a one-value range
        }
        if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
            if (rng == 0xFFFFFFFFL) {
                return Integer.toUnsignedLong(bitGenerator.next32());
            }
            return Integer.toUnsignedLong(boundedLemireUint32((int) rng));
        }
        if (rng == -1L) {
            return bitGenerator.next64();
        }
        return boundedLemireUint64(rng);
    }

    /** Lemire (2019), "Fast random integer generation in an interval", on 32-bit draws. */
    private int boundedLemireUint32(int rng) {
        long rngExcl = Integer.toUnsignedLong(rng) + 1;
        long m = Integer.toUnsignedLong(bitGenerator.next32()) * rngExcl;
        long leftover = m & 0xFFFFFFFFL;
        if (leftover < rngExcl) {
            // (2^32 - rngExcl) mod rngExcl: the low products below it would make some values more likely.
            long threshold = (0xFFFFFFFFL - Integer.toUnsignedLong(rng)) % rngExcl;
            while (leftover < threshold) {
                m = Integer.toUnsignedLong(bitGenerator.next32()) * rngExcl;
                leftover = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Lemire's method on 64-bit draws, with the 128-bit product's halves. */
    private long boundedLemireUint64(long rng) {
        long rngExcl = rng + 1;
        long x = bitGenerator.next64();
        long leftover = x * rngExcl;
        if (Long.compareUnsigned(leftover, rngExcl) < 0) {
            long threshold = Long.remainderUnsigned(-1L - rng, rngExcl);
            while (Long.compareUnsigned(leftover, threshold) < 0) {
                x = bitGenerator.next64();
                leftover = x * rngExcl;
            }
        }
        return Math.unsignedMultiplyHigh(x, rngExcl);
    }

    private static int checkedSize(int size, String what) {
        if (size < 0) {
            throw new IllegalArgumentException(what + ": size " + size + ", expected >= 0 (NumPy: negative dimensions are not allowed)");
        }
        return size;
    }

    @Override
    public String toString() {
        return "Generator(PCG64) " + bitGenerator.state();
    }
}
