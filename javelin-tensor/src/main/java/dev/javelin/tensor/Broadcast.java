package dev.javelin.tensor;

import dev.javelin.tensor.kernel.Elementwise;
import java.util.Arrays;

/**
 * Broadcasting loops for binary elementwise ops and their adjoint (summing back to a shape).
 *
 * <p>The output is split into an outer multi-index and a contiguous inner run in which each operand
 * either advances (stride 1) or stays put (stride 0). Same-shape, scalar, row ([B,N] op [N]) and
 * column ([B,N] op [B,1]) cases all become a few long runs, so the op switch is taken once per run,
 * never per element.
 */
final class Broadcast {
    private Broadcast() {}

    static final int ADD = Elementwise.ADD, SUB = Elementwise.SUB, MUL = Elementwise.MUL, DIV = Elementwise.DIV,
            MIN = Elementwise.MIN, MAX = Elementwise.MAX, POW = 6,
            GT = 7, GE = 8, LT = 9, LE = 10, EQ = 11, NE = 12, FIRST = 13;

    static float[] binary(int op, float[] a, int[] as, float[] b, int[] bs, int[] os) {
        float[] o = Arena.overwritten(Shapes.size(os));
        if (o.length == 0) return o;
        if (Shapes.same(as, bs) && a.length == o.length) {
            run(op, a, 0, 1, b, 0, 1, o, 0, o.length);
            return o;
        }
        if (b.length == 1 && a.length == o.length) {
            run(op, a, 0, 1, b, 0, 0, o, 0, o.length);
            return o;
        }
        if (a.length == 1 && b.length == o.length) {
            run(op, a, 0, 0, b, 0, 1, o, 0, o.length);
            return o;
        }
        int[] sa = Shapes.broadcastStrides(as, os), sb = Shapes.broadcastStrides(bs, os);
        // Keep only dims of extent > 1; they are the ones that move an index.
        int r = 0;
        int[] dims = new int[os.length], da = new int[os.length], db = new int[os.length];
        for (int i = 0; i < os.length; i++) {
            if (os[i] > 1) {
                dims[r] = os[i];
                da[r] = sa[i];
                db[r] = sb[i];
                r++;
            }
        }
        int last = r - 1;
        boolean fa = da[last] != 0, fb = db[last] != 0;
        int n = 1, d = last;
        while (d >= 0 && (da[d] != 0) == fa && (db[d] != 0) == fb) n *= dims[d--];
        int ia = fa ? 1 : 0, ib = fb ? 1 : 0;
        int m = d + 1;
        int[] idx = new int[m];
        int ao = 0, bo = 0;
        for (int oo = 0; oo < o.length; oo += n) {
            run(op, a, ao, ia, b, bo, ib, o, oo, n);
            for (int k = m - 1; k >= 0; k--) {
                ao += da[k];
                bo += db[k];
                if (++idx[k] < dims[k]) break;
                ao -= da[k] * dims[k];
                bo -= db[k] * dims[k];
                idx[k] = 0;
            }
        }
        return o;
    }

    /** o[oo..oo+n) = a op b where each operand has stride 1 or 0 (never both 0 with n > 1 unless sizes say so). */
    private static void run(int op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o, int oo, int n) {
        if (n < Tensor.SMALL) {
            // Short runs (scalar arithmetic on losses) stay out of the loops below, whose JIT-profiled
            // trip counts must stay long for them to be vectorized.
            for (int i = 0; i < n; i++) o[oo + i] = scalar(op, a[ao + i * sa], b[bo + i * sb]);
            return;
        }
        // whole vectors first where the Vector API has the op, the loops below do the rest
        int i0 = op <= MAX && sa + sb >= 1 ? Elementwise.binary(op, a, ao, sa, b, bo, sb, o, oo, n) : 0;
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; }
                case SUB -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; }
                case MUL -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; }
                case DIV -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; }
                case MIN -> { for (int i = i0; i < n; i++) o[oo + i] = Math.min(a[ao + i], b[bo + i]); }
                case MAX -> { for (int i = i0; i < n; i++) o[oo + i] = Math.max(a[ao + i], b[bo + i]); }
                default -> { for (int i = i0; i < n; i++) o[oo + i] = scalar(op, a[ao + i], b[bo + i]); }
            }
        } else if (sb == 0 && sa == 1) {
            float y = b[bo];
            switch (op) {
                case ADD -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] + y; }
                case SUB -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] - y; }
                case MUL -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] * y; }
                case DIV -> { for (int i = i0; i < n; i++) o[oo + i] = a[ao + i] / y; }
                case MIN -> { for (int i = i0; i < n; i++) o[oo + i] = Math.min(a[ao + i], y); }
                case MAX -> { for (int i = i0; i < n; i++) o[oo + i] = Math.max(a[ao + i], y); }
                default -> { for (int i = i0; i < n; i++) o[oo + i] = scalar(op, a[ao + i], y); }
            }
        } else if (sa == 0 && sb == 1) {
            float x = a[ao];
            switch (op) {
                case ADD -> { for (int i = i0; i < n; i++) o[oo + i] = x + b[bo + i]; }
                case SUB -> { for (int i = i0; i < n; i++) o[oo + i] = x - b[bo + i]; }
                case MUL -> { for (int i = i0; i < n; i++) o[oo + i] = x * b[bo + i]; }
                case DIV -> { for (int i = i0; i < n; i++) o[oo + i] = x / b[bo + i]; }
                default -> { for (int i = i0; i < n; i++) o[oo + i] = scalar(op, x, b[bo + i]); }
            }
        } else {
            Arrays.fill(o, oo, oo + n, scalar(op, a[ao], b[bo]));
        }
    }

    static float scalar(int op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            // Math.min/max propagate NaN, as torch.minimum / torch.maximum do.
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            case POW -> (float) Math.pow(x, y);
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case EQ -> x == y ? 1f : 0f;
            case NE -> x != y ? 1f : 0f;
            case FIRST -> x;
            default -> throw new IllegalStateException("unknown binary op " + op);
        };
    }

    /**
     * Sum of a[off, off + n) with eight independent double accumulators: one running sum is a chain
     * of dependent adds, bound by add latency rather than throughput.
     */
    static double sum(float[] a, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int k = off + i;
            s0 += a[k];
            s1 += a[k + 1];
            s2 += a[k + 2];
            s3 += a[k + 3];
            s4 += a[k + 4];
            s5 += a[k + 5];
            s6 += a[k + 6];
            s7 += a[k + 7];
        }
        for (; i < n; i++) s0 += a[off + i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Materializes {@code a} broadcast to shape {@code os}. */
    static float[] expand(float[] a, int[] as, int[] os) {
        if (a.length == Shapes.size(os)) return a.clone();
        return binary(FIRST, a, as, a, as, os);
    }

    /** The adjoint of broadcasting: sums g (shape gs) over the dimensions along which {@code target} was broadcast. */
    static float[] sumTo(float[] g, int[] gs, int[] target) {
        float[] o = Arena.floats(Shapes.size(target));
        if (g.length == 0) return o;
        if (o.length == g.length) {
            System.arraycopy(g, 0, o, 0, g.length);
            return o;
        }
        if (o.length == 1) {
            o[0] = (float) sum(g, 0, g.length);
            return o;
        }
        int[] st = Shapes.broadcastStrides(target, gs);
        int r = 0;
        int[] dims = new int[gs.length], ds = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (gs[i] > 1) {
                dims[r] = gs[i];
                ds[r] = st[i];
                r++;
            }
        }
        int last = r - 1;
        boolean full = ds[last] != 0;
        int n = 1, d = last;
        while (d >= 0 && (ds[d] != 0) == full) n *= dims[d--];
        int m = d + 1;
        int[] idx = new int[m];
        int to = 0;
        for (int go = 0; go < g.length; go += n) {
            if (full) {
                for (int i = 0; i < n; i++) o[to + i] += g[go + i];
            } else {
                o[to] += (float) sum(g, go, n);
            }
            for (int k = m - 1; k >= 0; k--) {
                to += ds[k];
                if (++idx[k] < dims[k]) break;
                to -= ds[k] * dims[k];
                idx[k] = 0;
            }
        }
        return o;
    }
}
