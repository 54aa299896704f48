package dev.javelin.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector bodies of {@link Activations}; each returns how many leading elements it did. */
final class VectorActivations {
    private VectorActivations() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static int tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector abs = v.abs();
            VectorMask<Float> tiny = abs.lt(Activations.TANH_TINY);
            VectorMask<Float> one = abs.compare(VectorOperators.GE, Activations.TANH_ONE);
            FloatVector c = v.max(-Activations.TANH_CLAMP).min(Activations.TANH_CLAMP);
            FloatVector x2 = c.mul(c);
            FloatVector p = x2.fma(Activations.A13, Activations.A11);
            p = p.fma(x2, FloatVector.broadcast(S, Activations.A9));
            p = p.fma(x2, FloatVector.broadcast(S, Activations.A7));
            p = p.fma(x2, FloatVector.broadcast(S, Activations.A5));
            p = p.fma(x2, FloatVector.broadcast(S, Activations.A3));
            p = p.fma(x2, FloatVector.broadcast(S, Activations.A1));
            p = p.mul(c);
            FloatVector q = x2.fma(Activations.B6, Activations.B4);
            q = q.fma(x2, FloatVector.broadcast(S, Activations.B2));
            q = q.fma(x2, FloatVector.broadcast(S, Activations.B0));
            FloatVector sign = FloatVector.broadcast(S, 1f).blend(-1f, v.lt(0f));
            p.div(q).blend(v, tiny).blend(sign, one).intoArray(out, outOff + i);
        }
        return i;
    }

    static int relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        return i;
    }

    static int reluDerivative(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            zero.blend(one, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        return i;
    }
}
