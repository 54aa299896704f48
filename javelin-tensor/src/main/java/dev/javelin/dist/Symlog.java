package dev.javelin.dist;

import dev.javelin.tensor.Tensor;

/**
 * symlog(x) = sign(x) ln(1 + |x|) and its inverse symexp(x) = sign(x) (e^|x| - 1) (DreamerV3, Hafner et al. 2023, eq. 1):
 * a squashing that is the identity near 0 and logarithmic for large |x|, so targets of any scale train stably.
 */
public final class Symlog {
    private Symlog() {}

    /** sign(x) ln(1 + |x|). */
    public static float symlog(float x) {
        return (float) (Math.signum(x) * Math.log1p(Math.abs(x)));
    }

    /** sign(x) (e^|x| - 1), the inverse of {@link #symlog}. */
    public static float symexp(float x) {
        return (float) (Math.signum(x) * Math.expm1(Math.abs(x)));
    }

    /** Elementwise symlog; d/dx = 1 / (1 + |x|), also at 0 where sign(x) ln(1 + |x|) written out would give 0. */
    public static Tensor symlog(Tensor x) {
        float[] d = x.data(), o = new float[d.length];
        for (int i = 0; i < o.length; i++) o[i] = symlog(d[i]);
        return Tensor.custom(o, x.shape(), (g, out, need) -> new Tensor[] {g.div(x.abs().add(1f))}, x);
    }

    /** Elementwise symexp; d/dx = e^|x|. */
    public static Tensor symexp(Tensor x) {
        float[] d = x.data(), o = new float[d.length];
        for (int i = 0; i < o.length; i++) o[i] = symexp(d[i]);
        return Tensor.custom(o, x.shape(), (g, out, need) -> new Tensor[] {g.mul(x.abs().exp())}, x);
    }
}
