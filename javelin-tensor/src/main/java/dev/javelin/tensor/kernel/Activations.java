package dev.javelin.tensor.kernel;

/**
 * Elementwise activations over float arrays, vectorized when the Vector API is present.
 *
 * <p>tanh is a rational approximation built from +, *, / and FMA only (Eigen's fast float tanh, max
 * relative error 4e-7 against tanh in double): the Vector API's own TANH calls SVML once compiled but
 * Math.tanh while interpreted, so it would give different bits before and after JIT, and Math.tanh
 * itself costs ~20 ns per element. The scalar fallback evaluates the same formula in the same order,
 * so every path returns the same bits.
 */
public final class Activations {
    private Activations() {}

    // The clamp keeps the polynomial in its fitted range.
    static final float TANH_CLAMP = 7.90531110763549805f;
    // From here on tanh(x) rounds to +-1 in float (the polynomial at the clamp gives 1 - 2 ulp).
    static final float TANH_ONE = 9f;
    // Below this, tanh(x) = x in float.
    static final float TANH_TINY = 0.0004f;
    static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
            A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f,
            A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
            B6 = 1.19825839466702e-06f;

    /** out[i] = tanh(x[i]) for i in [0, n). */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        check("tanh", x, xOff, out, outOff, n);
        int i = Gemm.VECTORIZED ? VectorActivations.tanh(x, xOff, out, outOff, n) : 0;
        for (; i < n; i++) out[outOff + i] = tanh(x[xOff + i]);
    }

    static float tanh(float v) {
        if (Math.abs(v) < TANH_TINY) return v;
        if (Math.abs(v) >= TANH_ONE) return Math.copySign(1f, v);
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
        float x2 = x * x;
        float p = Math.fma(x2, A13, A11);
        p = Math.fma(p, x2, A9);
        p = Math.fma(p, x2, A7);
        p = Math.fma(p, x2, A5);
        p = Math.fma(p, x2, A3);
        p = Math.fma(p, x2, A1);
        p = p * x;
        float q = Math.fma(x2, B6, B4);
        q = Math.fma(q, x2, B2);
        q = Math.fma(q, x2, B0);
        return p / q;
    }

    /** out[i] = x[i] > 0 ? x[i] : 0 (NaN gives 0). */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        check("relu", x, xOff, out, outOff, n);
        int i = Gemm.VECTORIZED ? VectorActivations.relu(x, xOff, out, outOff, n) : 0;
        for (; i < n; i++) out[outOff + i] = x[xOff + i] > 0f ? x[xOff + i] : 0f;
    }

    /** out[i] = x[i] > 0 ? 1 : 0, relu's derivative (0 at 0, as in PyTorch). */
    public static void reluDerivative(float[] x, int xOff, float[] out, int outOff, int n) {
        check("reluDerivative", x, xOff, out, outOff, n);
        int i = Gemm.VECTORIZED ? VectorActivations.reluDerivative(x, xOff, out, outOff, n) : 0;
        for (; i < n; i++) out[outOff + i] = x[xOff + i] > 0f ? 1f : 0f;
    }

    static void check(String op, float[] x, int xOff, float[] out, int outOff, int n) {
        if (n < 0 || xOff < 0 || outOff < 0 || (long) xOff + n > x.length || (long) outOff + n > out.length) {
            throw new IllegalArgumentException(op + ": range of " + n + " at offsets " + xOff + "/" + outOff
                    + " does not fit arrays of " + x.length + "/" + out.length);
        }
    }
}
