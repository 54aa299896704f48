package dev.javelin.tensor;

import dev.javelin.tensor.kernel.Elementwise;

/**
 * Float approximations of exp, log and tanh for the elementwise loops: Math.exp/log/tanh are
 * double-precision calls the JIT cannot vectorize (15-50 ns per element here). Accuracy is measured
 * in FastMathTest: exp and log within 1 ulp, tanh within 8 ulp of the correctly rounded value;
 * exp (so sigmoid and softplus too) flushes results below Float.MIN_NORMAL (x < -87.3) to 0.
 */
final class FastMath {
    private FastMath() {}

    /** Cephes expf, shared with the vector loops of {@link Elementwise}. */
    static float exp(float x) {
        return Elementwise.exp(x);
    }

    /** Eigen's rational approximation, shared with the vector loops of {@link Elementwise}. */
    static float tanh(float x) {
        return Elementwise.tanh(x);
    }

    /** 1 / (1 + e^-x): saturates cleanly to 0 and 1 as e^-x goes to infinity or 0. */
    static float sigmoid(float x) {
        return Elementwise.sigmoid(x);
    }

    /**
     * Cephes logf: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log(m) by a degree-9 polynomial in m - 1,
     * plus e ln2 with ln2 split in two constants.
     */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        // Subnormals are scaled by 2^25 first so the exponent field holds the whole exponent.
        boolean sub = bits > 0 && bits < 0x00800000;
        int b = sub ? Float.floatToRawIntBits(x * 33554432f) : bits;
        int e = ((b >>> 23) & 0xff) - 126 - (sub ? 25 : 0);
        float m = Float.intBitsToFloat((b & 0x007fffff) | 0x3f000000); // [0.5, 1)
        boolean low = m < 0.707106781186547524f;
        float f = low ? m + m - 1f : m - 1f;
        float fe = low ? e - 1 : e;
        float z = f * f;
        float y = 7.0376836292E-2f;
        y = y * f - 1.1514610310E-1f;
        y = y * f + 1.1676998740E-1f;
        y = y * f - 1.2420140846E-1f;
        y = y * f + 1.4249322787E-1f;
        y = y * f - 1.6668057665E-1f;
        y = y * f + 2.0000714765E-1f;
        y = y * f - 2.4999993993E-1f;
        y = y * f + 3.3333331174E-1f;
        y = y * f * z + fe * -2.12194440e-4f - 0.5f * z;
        float r = f + y + fe * 0.693359375f;
        if (x > 0 && x < Float.POSITIVE_INFINITY) return r;
        return x == 0 ? Float.NEGATIVE_INFINITY : x == Float.POSITIVE_INFINITY ? x : Float.NaN;
    }

    /**
     * log(1 + e^x) as max(x, 0) + log1p(e^-|x|), so e^ never overflows; log1p(u) = log(w) u / (w - 1)
     * with w = 1 + u rounded (Goldberg), which stays accurate where 1 + u loses u's low bits.
     */
    static float softplus(float x) {
        float u = exp(-Math.abs(x));
        float w = 1f + u;
        float log1p = w == 1f ? u : log(w) * (u / (w - 1f));
        return Math.max(x, 0f) + log1p;
    }
}
