package dev.javelin.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The vector bodies of {@link Elementwise}: each returns how many leading elements it did (whole vectors). */
final class VectorMath {
    private VectorMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Elementwise.exp(float) lane by lane, the same float operations in the same order. */
    private static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(Elementwise.EXP_LO).min(Elementwise.EXP_HI);
        FloatVector n = c.mul(1.44269504088896341f).add(12582912f).sub(12582912f);
        FloatVector r = c.sub(n.mul(0.693359375f)).sub(n.mul(-2.12194440e-4f));
        FloatVector y = r.mul(1.9875691500E-4f).add(1.3981999507E-3f).mul(r).add(8.3334519073E-3f).mul(r)
                .add(4.1665795894E-2f).mul(r).add(1.6666665459E-1f).mul(r).add(5.0000001201E-1f);
        y = y.mul(r.mul(r)).add(r).add(1f);
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector h = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector e = y.mul(h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(ni.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Elementwise.EXP_HI))
                .blend(0f, x.compare(VectorOperators.LT, Elementwise.EXP_LO));
    }

    private static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    /** Elementwise.adam's loop on whole vectors, the same float operations in the same order (sqrt correctly rounded). */
    static int adam(float[] w, float[] g, float[] m, float[] v, int n, float b1, float oneMinusB1, float b2,
                    float oneMinusB2, float l2, float stepSize, float bc2Sqrt, float eps) {
        int end = S.loopBound(n);
        for (int j = 0; j < end; j += S.length()) {
            FloatVector wj = FloatVector.fromArray(S, w, j), gj = FloatVector.fromArray(S, g, j);
            if (l2 != 0f) gj = gj.add(wj.mul(l2));
            FloatVector mj = FloatVector.fromArray(S, m, j).mul(b1).add(gj.mul(oneMinusB1));
            FloatVector vj = FloatVector.fromArray(S, v, j).mul(b2).add(gj.mul(oneMinusB2).mul(gj));
            FloatVector denom = vj.sqrt().div(bc2Sqrt).add(eps);
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            wj.add(mj.mul(-stepSize).div(denom)).intoArray(w, j);
        }
        return end;
    }

    static int exp(float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) exp(FloatVector.fromArray(S, x, i)).intoArray(o, i);
        return end;
    }

    static int sigmoid(float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) sigmoid(FloatVector.fromArray(S, x, i)).intoArray(o, i);
        return end;
    }

    static int silu(float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            xv.mul(sigmoid(xv)).intoArray(o, i);
        }
        return end;
    }

    static int reluGrad(float[] g, float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < end; i += S.length()) {
            VectorMask<Float> pass = FloatVector.fromArray(S, x, i).reinterpretAsInts()
                    .compare(VectorOperators.GT, 0).cast(S);
            zero.blend(FloatVector.fromArray(S, g, i), pass).intoArray(o, i);
        }
        return end;
    }

    static int siluGrad(float[] g, float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector s = sigmoid(xv);
            FloatVector.fromArray(S, g, i).mul(s.mul(xv.mul(s.neg().add(1f)).add(1f))).intoArray(o, i);
        }
        return end;
    }

    static int tanh(float[] x, float[] o, int n) {
        int end = S.loopBound(n);
        float[] pc = Elementwise.TANH_P, qc = Elementwise.TANH_Q;
        float p0 = pc[0], p1 = pc[1], p2 = pc[2], p3 = pc[3], p4 = pc[4], p5 = pc[5], p6 = pc[6];
        float q0 = qc[0], q1 = qc[1], q2 = qc[2], q3 = qc[3];
        // straight-line: vectors carried around an inner loop would be boxed
        for (int i = 0; i < end; i += S.length()) {
            FloatVector c = FloatVector.fromArray(S, x, i).max(-Elementwise.TANH_CLAMP).min(Elementwise.TANH_CLAMP);
            FloatVector x2 = c.mul(c);
            FloatVector p = x2.mul(p0).add(p1).mul(x2).add(p2).mul(x2).add(p3).mul(x2).add(p4).mul(x2).add(p5)
                    .mul(x2).add(p6);
            FloatVector q = x2.mul(q0).add(q1).mul(x2).add(q2).mul(x2).add(q3);
            c.mul(p).div(q).intoArray(o, i);
        }
        return end;
    }

    static int tanhGrad(float[] g, float[] y, float[] o, int n) {
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(FloatVector.broadcast(S, 1f).sub(yv.mul(yv))).intoArray(o, i);
        }
        return end;
    }

    /**
     * One loop per stride case, each storing inside the op's branch: a vector that merges values from two
     * paths (a load or a broadcast, one op or another) is boxed by C2, which costs more than the op.
     */
    static int binary(int op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o, int oo, int n) {
        int end = S.loopBound(n), v = S.length();
        if (sa == 1 && sb == 1) {
            for (int i = 0; i < end; i += v) {
                apply(op, FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, b, bo + i), o, oo + i);
            }
        } else if (sb == 0) {
            FloatVector y = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < end; i += v) apply(op, FloatVector.fromArray(S, a, ao + i), y, o, oo + i);
        } else {
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < end; i += v) apply(op, x, FloatVector.fromArray(S, b, bo + i), o, oo + i);
        }
        return end;
    }

    private static void apply(int op, FloatVector x, FloatVector y, float[] o, int oi) {
        switch (op) {
            case Elementwise.ADD -> x.add(y).intoArray(o, oi);
            case Elementwise.SUB -> x.sub(y).intoArray(o, oi);
            case Elementwise.MUL -> x.mul(y).intoArray(o, oi);
            case Elementwise.DIV -> x.div(y).intoArray(o, oi);
            // FloatVector's min and max are Math.min and Math.max lane by lane (NaN and -0.0 included)
            case Elementwise.MIN -> x.min(y).intoArray(o, oi);
            case Elementwise.MAX -> x.max(y).intoArray(o, oi);
            default -> throw new IllegalArgumentException("VectorMath.binary: op " + op);
        }
    }
}
