package dev.javelin.tensor.kernel;

/**
 * Elementwise loops that the JIT leaves scalar (a division in a polynomial, a loop over freshly
 * allocated arrays): on the Vector API when it is present. Each lane does the same float operations
 * in the same order as the scalar code (no fused multiply-add), so the bits do not depend on the path.
 */
public final class Elementwise {
    private Elementwise() {}

    /** Binary ops that {@link #binary} does; the codes are {@code Broadcast}'s. */
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5;

    static final float EXP_HI = 88.72283f, EXP_LO = -87.33654f;

    /**
     * Cephes expf: x = n ln2 + r with |r| &lt;= ln2 / 2 (ln2 split in two constants for exactness),
     * a degree-6 polynomial for e^r, then scaling by 2^n built in the exponent bits.
     */
    public static float exp(float x) {
        float c = Math.min(Math.max(x, EXP_LO), EXP_HI);
        // Adding and subtracting 1.5 * 2^23 rounds to the nearest integer.
        float n = (c * 1.44269504088896341f + 12582912f) - 12582912f;
        float r = c - n * 0.693359375f - n * -2.12194440e-4f;
        float y = 1.9875691500E-4f;
        y = y * r + 1.3981999507E-3f;
        y = y * r + 8.3334519073E-3f;
        y = y * r + 4.1665795894E-2f;
        y = y * r + 1.6666665459E-1f;
        y = y * r + 5.0000001201E-1f;
        y = y * (r * r) + r + 1f;
        // 2^n as two factors, so n = 128 does not overflow the exponent field.
        int ni = (int) n, h = ni >> 1;
        float e = y * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((ni - h + 127) << 23);
        return x > EXP_HI ? Float.POSITIVE_INFINITY : x < EXP_LO ? 0f : e;
    }

    /** 1 / (1 + e^-x): saturates cleanly to 0 and 1 as e^-x goes to infinity or 0. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** o[i] = e^x[i] for i in [0, n). */
    public static void exp(float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.exp(x, o, n) : 0;
        for (; i < n; i++) o[i] = exp(x[i]);
    }

    /** o[i] = sigmoid(x[i]). */
    public static void sigmoid(float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.sigmoid(x, o, n) : 0;
        for (; i < n; i++) o[i] = sigmoid(x[i]);
    }

    /** o[i] = x[i] sigmoid(x[i]), SiLU. */
    public static void silu(float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.silu(x, o, n) : 0;
        for (; i < n; i++) o[i] = x[i] * sigmoid(x[i]);
    }

    /**
     * o[i] = g[i] where x[i]'s bits are a positive int (x &gt; 0, or a NaN with the sign bit clear), else +0:
     * ReLU's gradient, branch-free.
     */
    public static void reluGrad(float[] g, float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.reluGrad(g, x, o, n) : 0;
        for (; i < n; i++) {
            int b = Float.floatToRawIntBits(x[i]);
            o[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & (-b >> 31) & ~(b >> 31));
        }
    }

    /** o[i] = g[i] s (1 + x[i] (1 - s)) with s = sigmoid(x[i]), SiLU's gradient. */
    public static void siluGrad(float[] g, float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.siluGrad(g, x, o, n) : 0;
        for (; i < n; i++) {
            float s = sigmoid(x[i]);
            o[i] = g[i] * (s * (x[i] * (1f - s) + 1f));
        }
    }

    static final float TANH_CLAMP = 7.90531110763549805f;
    static final float[] TANH_P = {-2.76076847742355e-16f, 2.00018790482477e-13f, -8.60467152213735e-11f,
            5.12229709037114e-08f, 1.48572235717979e-05f, 6.37261928875436e-04f, 4.89352455891786e-03f};
    static final float[] TANH_Q = {1.19825839466702e-06f, 1.18534705686654e-04f, 2.26843463243900e-03f,
            4.89352518554385e-03f};

    /** Eigen's rational approximation (odd degree-13 over even degree-6), exact to float beyond |x| = 7.9. */
    public static float tanh(float x) {
        float c = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP);
        float x2 = c * c;
        float p = TANH_P[0];
        for (int i = 1; i < TANH_P.length; i++) p = p * x2 + TANH_P[i];
        float q = TANH_Q[0];
        for (int i = 1; i < TANH_Q.length; i++) q = q * x2 + TANH_Q[i];
        return c * p / q;
    }

    /** o[i] = tanh(x[i]) for i in [0, n). */
    public static void tanh(float[] x, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.tanh(x, o, n) : 0;
        for (; i < n; i++) o[i] = tanh(x[i]);
    }

    /** o[i] = g[i] (1 - y[i]^2), tanh's gradient from its output y. */
    public static void tanhGrad(float[] g, float[] y, float[] o, int n) {
        int i = Gemm.VECTORIZED ? VectorMath.tanhGrad(g, y, o, n) : 0;
        for (; i < n; i++) o[i] = g[i] * (1f - y[i] * y[i]);
    }

    /**
     * One Adam step on w[0, n), PyTorch's float arithmetic in its order: g' = g + l2 w (l2 0: g), m = m b1 +
     * (1 - b1) g', v = v b2 + (1 - b2) g' g', w = w + (-stepSize m) / (sqrt(v) / bc2Sqrt + eps). The JIT left the
     * loop scalar (a square root and two divisions per element; 2% of a SAC update).
     */
    public static void adam(float[] w, float[] g, float[] m, float[] v, int n, float b1, float oneMinusB1, float b2,
                            float oneMinusB2, float l2, float stepSize, float bc2Sqrt, float eps) {
        int j = Gemm.VECTORIZED ? VectorMath.adam(w, g, m, v, n, b1, oneMinusB1, b2, oneMinusB2, l2, stepSize, bc2Sqrt, eps) : 0;
        for (; j < n; j++) {
            float gj = l2 == 0f ? g[j] : g[j] + l2 * w[j];
            m[j] = m[j] * b1 + oneMinusB1 * gj;
            v[j] = v[j] * b2 + oneMinusB2 * gj * gj;
            float denom = (float) Math.sqrt(v[j]) / bc2Sqrt + eps;
            w[j] = w[j] + -stepSize * m[j] / denom;
        }
    }

    /**
     * o[oo + i] = a[ao + i sa] op b[bo + i sb] for the leading whole vectors of [0, n), each stride 0 (a
     * scalar operand) or 1 and not both 0, op one of {@link #ADD} to {@link #MAX}; returns how many
     * elements it did, the caller does the rest. The JIT leaves these loops scalar: the offsets keep it
     * from proving that o does not overlap a or b.
     */
    public static int binary(int op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o, int oo, int n) {
        if (op < ADD || op > MAX || sa < 0 || sb < 0 || sa + sb < 1 || sa > 1 || sb > 1) {
            throw new IllegalArgumentException("Elementwise.binary: op " + op + " with strides " + sa + ", " + sb
                    + " (expected op " + ADD + ".." + MAX + ", strides 0 or 1, not both 0)");
        }
        return Gemm.VECTORIZED ? VectorMath.binary(op, a, ao, sa, b, bo, sb, o, oo, n) : 0;
    }
}
