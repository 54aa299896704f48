package dev.javelin.tensor.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the Vector API, blocked as in BLIS (Van Zee and van de Geijn, 2015): a KC x NC panel of op(B)
 * is packed into NR-wide strips, an MC x KC block of op(A) into MR-high strips, and an MR x NR
 * micro-kernel keeps its tile of C in 2 * MR vector registers while it streams both strips.
 *
 * <p>Every element of C is computed as one FMA chain per KC block, in ascending k, then
 * C = alpha * acc + beta * C; only the KC blocking (fixed) decides the rounding, so splitting the
 * output over threads or tiles gives bit-identical results. Small shapes skip packing: m <= 2, or
 * fewer than MR rows against a transposed B, use dot products or register-held rows, a thin n of 4 or more
 * takes dot products of A's rows with op(B)'s columns, and a thinner n solves the transposed problem.
 * Which path runs depends on the shapes only, never on the threads.
 */
final class VectorGemm {
    private VectorGemm() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    static final int MR = 8;
    static final int NR = 2 * V;
    // 48 KB L1 / 2 MB L2 per core: a KC x NR strip of B (32 KB) stays in L1, the MC x KC block of A
    // (128 KB) and the KC x NC panel of B (1 MB) in L2.
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 1024;
    /** Handing work to another thread costs tens of microseconds: smaller products stay on the caller. */
    static final long PARALLEL_MIN = 1L << 22;

    private static final ThreadLocal<float[][]> PACK = ThreadLocal.withInitial(() -> new float[][] {
            new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    /** Gather offsets per row stride of B (immutable once published), up to strides a layer width reaches. */
    private static final AtomicReferenceArray<int[]> GATHER = new AtomicReferenceArray<>(4097);

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int offA, int lda, float[] b, int offB, int ldb,
                      float beta, float[] c, int offC, int ldc) {
        if (packs(transA, transB, m, n, k)) {
            packed(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc, null, false);
        } else if (thinN(m, n)) {
            if (n >= 4 && !transA) thinColumns(transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
            else transposed(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        } else if (fewRowsAgainstWide(transA, transB, m, n, k)) {
            transposed(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        } else {
            // m <= 2, or fewer than MR rows against a transposed B: packing it would cost a gather of all k * n
            // elements, dot products straight from B's rows are cheaper
            thinRows(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        }
    }

    /** Whether {@link #sgemm} takes the packed loop nest for these shapes (the other paths are for thin ones). */
    static boolean packs(boolean transA, boolean transB, int m, int n, int k) {
        return !thinN(m, n) && !fewRowsAgainstWide(transA, transB, m, n, k)
                && !(m <= 2 || (m < MR && transB && !transA));
    }

    /** n thinner than half a strip, m larger: dot products or the transposed problem. */
    private static boolean thinN(int m, int n) {
        return n < NR / 2 && m > n;
    }

    /**
     * X W^T with few rows of X (a mini-batch of 32 through a 256-wide layer): packing W^T gathers all k * n
     * elements of W, about as long as the product itself; C^T = W X^T reads W in place and gathers only X's
     * k * m, then C is C^T transposed. Each element is the same FMA chain over p (one K block: past KC, beta
     * would join the partial sums in another order; and at least NR / 2 rows, so that C^T is not thin and takes
     * the packed kernel too).
     */
    private static boolean fewRowsAgainstWide(boolean transA, boolean transB, int m, int n, int k) {
        return transB && !transA && m >= NR / 2 && k <= KC && (long) k * n > 2L * ((long) k * m + (long) m * n);
    }

    /**
     * A linear layer's C = act(X W^T + bias) on shapes that {@link #packs} (X [m, k], W [n, k], bias [n]), the bias
     * and ReLU applied as each tile is stored: C is written once, with the bits of an sgemm into C preset to the
     * bias rows (beta 1) followed by max(C, 0).
     */
    static void linear(int m, int n, int k, float[] x, float[] w, float[] bias, boolean relu, float[] c) {
        packed(false, true, m, n, k, 1f, x, 0, k, w, 0, k, 0f, c, 0, n, bias, relu);
    }

    /**
     * The packed loop nest, split over the kernel threads when the product is large enough; {@code bias} (or null)
     * takes C's place in the first K block's beta * C term (beta is then 1), and {@code relu} clamps the stored
     * values at 0 after the last.
     */
    private static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int offA, int lda, float[] b, int offB, int ldb,
                               float beta, float[] c, int offC, int ldc, float[] bias, boolean relu) {
        int threads = Parallelism.threadsHere();
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN) {
            blocked(transA, transB, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc, 0, m, 0, n, bias, relu);
            return;
        }
        boolean splitRows = m >= n;
        int units = splitRows ? (m + MR - 1) / MR : (n + NR - 1) / NR;
        int parts = Math.min(threads, units);
        Parallelism.run(parts, t -> {
            int u0 = (int) ((long) units * t / parts), u1 = (int) ((long) units * (t + 1) / parts);
            if (splitRows) {
                blocked(transA, transB, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc,
                        u0 * MR, Math.min(m, u1 * MR), 0, n, bias, relu);
            } else {
                blocked(transA, transB, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc,
                        0, m, u0 * NR, Math.min(n, u1 * NR), bias, relu);
            }
        });
    }

    /**
     * A thin n (4 or more) against rows of A: every output is a dot product of a row of A with a column of
     * op(B), four columns at a time (a gradient through a first layer of a few inputs, [B, 256] x [256, 4]).
     * The transposed problem would gather all of A to pack it; here only B's few columns are copied.
     */
    private static void thinColumns(boolean transB, int m, int n, int k, float alpha, float[] a, int offA, int lda,
                                    float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
        float[] columns = b;
        int cOff = offB, cLd = ldb;
        if (!transB) {
            columns = new float[n * k];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) columns[j * k + p] = b[offB + p * ldb + j];
            }
            cOff = 0;
            cLd = k;
        }
        for (int i = 0; i < m; i++) dots(a, offA + i * lda, columns, cOff, cLd, n, k, alpha, beta, c, offC + i * ldc);
    }

    /** C^T = op(B)^T op(A)^T: a thin n becomes a thin m, which the kernels handle without wasted lanes. */
    private static void transposed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                   float[] a, int offA, int lda, float[] b, int offB, int ldb,
                                   float beta, float[] c, int offC, int ldc) {
        float[] t = new float[n * m];
        sgemm(!transB, !transA, n, m, k, alpha, b, offB, ldb, a, offA, lda, 0f, t, 0, m);
        for (int i = 0; i < m; i++) {
            int ci = offC + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? t[j * m + i] : t[j * m + i] + beta * c[ci + j];
            }
        }
    }

    /** The rows of C that own a block [i0, i1) x [j0, j1): the whole loop nest, with this thread's buffers. */
    private static void blocked(boolean transA, boolean transB, int k, float alpha,
                                float[] a, int offA, int lda, float[] b, int offB, int ldb,
                                float beta, float[] c, int offC, int ldc, int i0, int i1, int j0, int j1,
                                float[] bias, boolean relu) {
        float[][] pack = PACK.get();
        float[] ap = pack[0], bp = pack[1], tile = pack[2];
        // A is re-read once per NR strip of B: packing pays when there are several strips and op(A) is A^T (the
        // kernel would read each p's MR values lda apart). Rows of a plain A are read in place: per p the kernel
        // takes one value from each of MR contiguous rows, as cheap from L1/L2 as from a packed strip, and
        // packing them was a scalar transposition costing a fifth of the product.
        boolean packA = transA && j1 - j0 > 2 * NR;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float be = pc == 0 ? beta : 1f;
                float[] add = pc == 0 ? bias : null;
                boolean clamp = relu && pc + kc == k;
                packB(transB, b, offB, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    if (packA) packA(a, offA, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr), bOff = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir), cOff = offC + (ic + ir) * ldc + jc + jr;
                            // a whole tile that needs no alpha and no beta * C is stored into C by the kernel;
                            // any other goes through the scratch tile
                            boolean direct = mr == MR && nr == NR && alpha == 1f && (be == 0f || add != null);
                            float[] out = direct ? c : tile, bs = direct ? add : null;
                            int outOff = direct ? cOff : 0, ldo = direct ? ldc : NR;
                            boolean rl = direct && clamp;
                            if (packA) {
                                kernel(kc, ap, (ir / MR) * kc * MR, 1, MR, bp, bOff, mr, out, outOff, ldo, bs, jc + jr, rl);
                            } else if (!transA) {
                                kernel(kc, a, offA + (ic + ir) * lda + pc, lda, 1, bp, bOff, mr, out, outOff, ldo, bs, jc + jr, rl);
                            } else {
                                kernel(kc, a, offA + pc * lda + ic + ir, 1, lda, bp, bOff, mr, out, outOff, ldo, bs, jc + jr, rl);
                            }
                            if (!direct) flushEdge(tile, alpha, be, c, cOff, ldc, mr, nr, add, jc + jr, clamp);
                        }
                    }
                }
            }
        }
    }

    /** op(B)[pc.., jc..] into NR-wide strips, strip s at s * kc * NR; lanes past the edge are never stored. */
    private static void packB(boolean transB, float[] b, int offB, int ldb, int pc, int kc, int jc, int nc, float[] dst) {
        for (int jr = 0, s = 0; jr < nc; jr += NR, s++) {
            int w = Math.min(NR, nc - jr), base = s * kc * NR;
            if (!transB) {
                int src = offB + pc * ldb + jc + jr;
                if (w == NR) {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        FloatVector.fromArray(S, b, src).intoArray(dst, base + p * NR);
                        FloatVector.fromArray(S, b, src + V).intoArray(dst, base + p * NR + V);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb) System.arraycopy(b, src, dst, base + p * NR, w);
                }
            } else if (w == NR) {
                int src = offB + (jc + jr) * ldb + pc;
                int p = V == 16 ? transpose16(b, src, ldb, kc, dst, base) : 0;
                // the rest of B^T's columns (all of them unless vectors hold 16 floats): column p is a stride-ldb
                // gather from B's rows, one vgatherdps per V lanes
                int[] rows = gatherRows(ldb);
                for (; p < kc; p++) {
                    FloatVector.fromArray(S, b, src + p, rows, 0).intoArray(dst, base + p * NR);
                    FloatVector.fromArray(S, b, src + p, rows, V).intoArray(dst, base + p * NR + V);
                }
            } else {
                for (int jj = 0; jj < w; jj++) {
                    int src = offB + (jc + jr + jj) * ldb + pc;
                    for (int p = 0; p < kc; p++) dst[base + p * NR + jj] = b[src + p];
                }
            }
        }
    }

    /**
     * B^T's columns [0, kc - kc % 16) of a strip, B's 32 rows from b[src], ldb apart, into dst[base + p * NR ..], for
     * 16-float vectors: per 16 x 16 block, 16 row loads, a transposition in registers and 16 column stores, where a
     * gather per column cost a twentieth of a SAC update (each 16-lane gather touches 16 rows). Each of the four
     * stages swaps a bit of the row index with the same bit of the lane index: rows i and i + h exchange the lanes
     * whose bit h differs (a lane permutation i ^ h and a blend). Returns the columns done.
     */
    private static int transpose16(float[] b, int src, int ldb, int kc, float[] dst, int base) {
        int whole = kc - kc % 16;
        for (int half = 0; half < 2; half++) {
            int r0 = src + half * 16 * ldb;
            for (int p = 0; p < whole; p += 16) {
                int s = r0 + p;
                FloatVector x0 = FloatVector.fromArray(S, b, s);
                FloatVector x1 = FloatVector.fromArray(S, b, s + 1 * ldb);
                FloatVector x2 = FloatVector.fromArray(S, b, s + 2 * ldb);
                FloatVector x3 = FloatVector.fromArray(S, b, s + 3 * ldb);
                FloatVector x4 = FloatVector.fromArray(S, b, s + 4 * ldb);
                FloatVector x5 = FloatVector.fromArray(S, b, s + 5 * ldb);
                FloatVector x6 = FloatVector.fromArray(S, b, s + 6 * ldb);
                FloatVector x7 = FloatVector.fromArray(S, b, s + 7 * ldb);
                FloatVector x8 = FloatVector.fromArray(S, b, s + 8 * ldb);
                FloatVector x9 = FloatVector.fromArray(S, b, s + 9 * ldb);
                FloatVector x10 = FloatVector.fromArray(S, b, s + 10 * ldb);
                FloatVector x11 = FloatVector.fromArray(S, b, s + 11 * ldb);
                FloatVector x12 = FloatVector.fromArray(S, b, s + 12 * ldb);
                FloatVector x13 = FloatVector.fromArray(S, b, s + 13 * ldb);
                FloatVector x14 = FloatVector.fromArray(S, b, s + 14 * ldb);
                FloatVector x15 = FloatVector.fromArray(S, b, s + 15 * ldb);
                FloatVector t;
                t = x0.blend(x8.rearrange(FOLD8), LANE8);
                x8 = x0.rearrange(FOLD8).blend(x8, LANE8);
                x0 = t;
                t = x1.blend(x9.rearrange(FOLD8), LANE8);
                x9 = x1.rearrange(FOLD8).blend(x9, LANE8);
                x1 = t;
                t = x2.blend(x10.rearrange(FOLD8), LANE8);
                x10 = x2.rearrange(FOLD8).blend(x10, LANE8);
                x2 = t;
                t = x3.blend(x11.rearrange(FOLD8), LANE8);
                x11 = x3.rearrange(FOLD8).blend(x11, LANE8);
                x3 = t;
                t = x4.blend(x12.rearrange(FOLD8), LANE8);
                x12 = x4.rearrange(FOLD8).blend(x12, LANE8);
                x4 = t;
                t = x5.blend(x13.rearrange(FOLD8), LANE8);
                x13 = x5.rearrange(FOLD8).blend(x13, LANE8);
                x5 = t;
                t = x6.blend(x14.rearrange(FOLD8), LANE8);
                x14 = x6.rearrange(FOLD8).blend(x14, LANE8);
                x6 = t;
                t = x7.blend(x15.rearrange(FOLD8), LANE8);
                x15 = x7.rearrange(FOLD8).blend(x15, LANE8);
                x7 = t;
                t = x0.blend(x4.rearrange(FOLD4), LANE4);
                x4 = x0.rearrange(FOLD4).blend(x4, LANE4);
                x0 = t;
                t = x1.blend(x5.rearrange(FOLD4), LANE4);
                x5 = x1.rearrange(FOLD4).blend(x5, LANE4);
                x1 = t;
                t = x2.blend(x6.rearrange(FOLD4), LANE4);
                x6 = x2.rearrange(FOLD4).blend(x6, LANE4);
                x2 = t;
                t = x3.blend(x7.rearrange(FOLD4), LANE4);
                x7 = x3.rearrange(FOLD4).blend(x7, LANE4);
                x3 = t;
                t = x8.blend(x12.rearrange(FOLD4), LANE4);
                x12 = x8.rearrange(FOLD4).blend(x12, LANE4);
                x8 = t;
                t = x9.blend(x13.rearrange(FOLD4), LANE4);
                x13 = x9.rearrange(FOLD4).blend(x13, LANE4);
                x9 = t;
                t = x10.blend(x14.rearrange(FOLD4), LANE4);
                x14 = x10.rearrange(FOLD4).blend(x14, LANE4);
                x10 = t;
                t = x11.blend(x15.rearrange(FOLD4), LANE4);
                x15 = x11.rearrange(FOLD4).blend(x15, LANE4);
                x11 = t;
                t = x0.blend(x2.rearrange(FOLD2), LANE2);
                x2 = x0.rearrange(FOLD2).blend(x2, LANE2);
                x0 = t;
                t = x1.blend(x3.rearrange(FOLD2), LANE2);
                x3 = x1.rearrange(FOLD2).blend(x3, LANE2);
                x1 = t;
                t = x4.blend(x6.rearrange(FOLD2), LANE2);
                x6 = x4.rearrange(FOLD2).blend(x6, LANE2);
                x4 = t;
                t = x5.blend(x7.rearrange(FOLD2), LANE2);
                x7 = x5.rearrange(FOLD2).blend(x7, LANE2);
                x5 = t;
                t = x8.blend(x10.rearrange(FOLD2), LANE2);
                x10 = x8.rearrange(FOLD2).blend(x10, LANE2);
                x8 = t;
                t = x9.blend(x11.rearrange(FOLD2), LANE2);
                x11 = x9.rearrange(FOLD2).blend(x11, LANE2);
                x9 = t;
                t = x12.blend(x14.rearrange(FOLD2), LANE2);
                x14 = x12.rearrange(FOLD2).blend(x14, LANE2);
                x12 = t;
                t = x13.blend(x15.rearrange(FOLD2), LANE2);
                x15 = x13.rearrange(FOLD2).blend(x15, LANE2);
                x13 = t;
                t = x0.blend(x1.rearrange(FOLD1), LANE1);
                x1 = x0.rearrange(FOLD1).blend(x1, LANE1);
                x0 = t;
                t = x2.blend(x3.rearrange(FOLD1), LANE1);
                x3 = x2.rearrange(FOLD1).blend(x3, LANE1);
                x2 = t;
                t = x4.blend(x5.rearrange(FOLD1), LANE1);
                x5 = x4.rearrange(FOLD1).blend(x5, LANE1);
                x4 = t;
                t = x6.blend(x7.rearrange(FOLD1), LANE1);
                x7 = x6.rearrange(FOLD1).blend(x7, LANE1);
                x6 = t;
                t = x8.blend(x9.rearrange(FOLD1), LANE1);
                x9 = x8.rearrange(FOLD1).blend(x9, LANE1);
                x8 = t;
                t = x10.blend(x11.rearrange(FOLD1), LANE1);
                x11 = x10.rearrange(FOLD1).blend(x11, LANE1);
                x10 = t;
                t = x12.blend(x13.rearrange(FOLD1), LANE1);
                x13 = x12.rearrange(FOLD1).blend(x13, LANE1);
                x12 = t;
                t = x14.blend(x15.rearrange(FOLD1), LANE1);
                x15 = x14.rearrange(FOLD1).blend(x15, LANE1);
                x14 = t;
                int d = base + p * NR + half * V;
                x0.intoArray(dst, d);
                x1.intoArray(dst, d + 1 * NR);
                x2.intoArray(dst, d + 2 * NR);
                x3.intoArray(dst, d + 3 * NR);
                x4.intoArray(dst, d + 4 * NR);
                x5.intoArray(dst, d + 5 * NR);
                x6.intoArray(dst, d + 6 * NR);
                x7.intoArray(dst, d + 7 * NR);
                x8.intoArray(dst, d + 8 * NR);
                x9.intoArray(dst, d + 9 * NR);
                x10.intoArray(dst, d + 10 * NR);
                x11.intoArray(dst, d + 11 * NR);
                x12.intoArray(dst, d + 12 * NR);
                x13.intoArray(dst, d + 13 * NR);
                x14.intoArray(dst, d + 14 * NR);
                x15.intoArray(dst, d + 15 * NR);
            }
        }
        return whole;
    }

    /**
     * Offsets jj * ldb for jj in [0, NR). Shared by all threads: looking one up is one volatile array read, where a
     * thread-local cost more than the gather itself when dots() asks once per row of A.
     */
    private static int[] gatherRows(int ldb) {
        int[] rows = ldb < GATHER.length() ? GATHER.get(ldb) : null;
        if (rows == null) {
            rows = new int[NR];
            for (int jj = 0; jj < NR; jj++) rows[jj] = jj * ldb;
            if (ldb < GATHER.length()) GATHER.set(ldb, rows);
        }
        return rows;
    }

    /** A^T[ic.., pc..] into MR-high strips, strip s at s * kc * MR, column p of a strip contiguous. */
    private static void packA(float[] a, int offA, int lda, int ic, int mc, int pc, int kc, float[] dst) {
        for (int ir = 0, s = 0; ir < mc; ir += MR, s++) {
            int h = Math.min(MR, mc - ir), base = s * kc * MR;
            // An element loop, not System.arraycopy: for MR floats the call costs more than the copy.
            for (int p = 0; p < kc; p++) {
                int src = offA + (pc + p) * lda + ic + ir, d = base + p * MR;
                for (int r = 0; r < h; r++) dst[d + r] = a[src + r];
            }
        }
    }

    /**
     * The register-blocked micro-kernel: an MR x NR tile of C from kc steps of rank-1 updates.
     * A(r, p) = a[aOff + r * aRs + p * aCs] (packed: aRs = 1, aCs = MR; or read in place), B is a packed
     * strip: B(p, 0..NR) = b[bOff + p * NR ..]. Rows past mr re-read row mr-1, so edge tiles need no padding.
     * Every C element is one FMA chain over p in ascending order; then bias[j0..] is added when given and
     * max(., 0) taken when {@code relu}, and row r goes to out[outOff + r * ldo ..]. A whole tile of a product
     * without alpha or beta * C goes straight into C (through a scratch tile and back it cost a twentieth of
     * the product: a Java array's 64-byte rows straddle cache lines); any other, bias null and relu false, into
     * a scratch tile that {@link #flushEdge} finishes.
     */
    static void kernel(int kc, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int mr,
                       float[] out, int outOff, int ldo, float[] bias, int j0, boolean relu) {
        int last = mr - 1;
        int a0 = aOff + Math.min(0, last) * aRs;
        int a1 = aOff + Math.min(1, last) * aRs;
        int a2 = aOff + Math.min(2, last) * aRs;
        int a3 = aOff + Math.min(3, last) * aRs;
        int a4 = aOff + Math.min(4, last) * aRs;
        int a5 = aOff + Math.min(5, last) * aRs;
        int a6 = aOff + Math.min(6, last) * aRs;
        int a7 = aOff + Math.min(7, last) * aRs;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            int ap = p * aCs;
            FloatVector ar;
            ar = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = ar.fma(b0, c00);
            c01 = ar.fma(b1, c01);
            ar = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = ar.fma(b0, c10);
            c11 = ar.fma(b1, c11);
            ar = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = ar.fma(b0, c20);
            c21 = ar.fma(b1, c21);
            ar = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = ar.fma(b0, c30);
            c31 = ar.fma(b1, c31);
            ar = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = ar.fma(b0, c40);
            c41 = ar.fma(b1, c41);
            ar = FloatVector.broadcast(S, a[a5 + ap]);
            c50 = ar.fma(b0, c50);
            c51 = ar.fma(b1, c51);
            ar = FloatVector.broadcast(S, a[a6 + ap]);
            c60 = ar.fma(b0, c60);
            c61 = ar.fma(b1, c61);
            ar = FloatVector.broadcast(S, a[a7 + ap]);
            c70 = ar.fma(b0, c70);
            c71 = ar.fma(b1, c71);
        }
        // spelled out, not a helper taking a vector: one that C2 does not inline boxes every vector it is passed
        if (bias != null) {
            FloatVector d0 = FloatVector.fromArray(S, bias, j0), d1 = FloatVector.fromArray(S, bias, j0 + V);
            c00 = c00.add(d0);
            c01 = c01.add(d1);
            c10 = c10.add(d0);
            c11 = c11.add(d1);
            c20 = c20.add(d0);
            c21 = c21.add(d1);
            c30 = c30.add(d0);
            c31 = c31.add(d1);
            c40 = c40.add(d0);
            c41 = c41.add(d1);
            c50 = c50.add(d0);
            c51 = c51.add(d1);
            c60 = c60.add(d0);
            c61 = c61.add(d1);
            c70 = c70.add(d0);
            c71 = c71.add(d1);
        }
        if (relu) {
            c00 = c00.max(0f);
            c01 = c01.max(0f);
            c10 = c10.max(0f);
            c11 = c11.max(0f);
            c20 = c20.max(0f);
            c21 = c21.max(0f);
            c30 = c30.max(0f);
            c31 = c31.max(0f);
            c40 = c40.max(0f);
            c41 = c41.max(0f);
            c50 = c50.max(0f);
            c51 = c51.max(0f);
            c60 = c60.max(0f);
            c61 = c61.max(0f);
            c70 = c70.max(0f);
            c71 = c71.max(0f);
        }
        c00.intoArray(out, outOff);
        c01.intoArray(out, outOff + V);
        c10.intoArray(out, outOff + 1 * ldo);
        c11.intoArray(out, outOff + 1 * ldo + V);
        c20.intoArray(out, outOff + 2 * ldo);
        c21.intoArray(out, outOff + 2 * ldo + V);
        c30.intoArray(out, outOff + 3 * ldo);
        c31.intoArray(out, outOff + 3 * ldo + V);
        c40.intoArray(out, outOff + 4 * ldo);
        c41.intoArray(out, outOff + 4 * ldo + V);
        c50.intoArray(out, outOff + 5 * ldo);
        c51.intoArray(out, outOff + 5 * ldo + V);
        c60.intoArray(out, outOff + 6 * ldo);
        c61.intoArray(out, outOff + 6 * ldo + V);
        c70.intoArray(out, outOff + 7 * ldo);
        c71.intoArray(out, outOff + 7 * ldo + V);
    }

    /**
     * An edge tile's C[0..mr, 0..nr) = alpha * tile + beta * C (C not read when beta is 0), or alpha * tile +
     * bias[j0..] when a bias is given (its first K block: C holds nothing yet); then max(., 0) when {@code relu}.
     */
    private static void flushEdge(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc, int mr, int nr,
                                  float[] bias, int j0, boolean relu) {
        for (int r = 0; r < mr; r++) {
            int ci = cOff + r * ldc;
            for (int v = 0; v < nr; v += V) {
                VectorMask<Float> mask = S.indexInRange(v, nr);
                FloatVector x = FloatVector.fromArray(S, tile, r * NR + v).mul(alpha);
                if (bias != null) x = x.add(FloatVector.fromArray(S, bias, j0 + v, mask));
                else if (beta != 0f) x = x.add(FloatVector.fromArray(S, c, ci + v, mask).mul(beta));
                if (relu) x = x.max(0f);
                x.intoArray(c, ci + v, mask);
            }
        }
    }

    /** Few rows: vector-matrix products, too small to pay for packing (acting with batch 1). */
    private static void thinRows(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                 float[] a, int offA, int lda, float[] b, int offB, int ldb,
                                 float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = offC + i * ldc;
            int aBase = transA ? offA + i : offA + i * lda, aStep = transA ? lda : 1;
            if (transB && aStep == 1) {
                dots(a, aBase, b, offB, ldb, n, k, alpha, beta, c, ci);
            } else if (transB) {
                for (int j = 0; j < n; j++) {
                    float s = dotStrided(a, aBase, aStep, b, offB + j * ldb, k);
                    c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                rowTimesMatrix(k, n, alpha, a, aBase, aStep, b, offB, ldb, beta, c, ci);
            }
        }
    }

    /** c[0..n) = alpha * sum_p x[p] * B[p, :] + beta * c, four vectors of c held in registers over all p. */
    private static void rowTimesMatrix(int k, int n, float alpha, float[] a, int aBase, int aStep,
                                       float[] b, int offB, int ldb, float beta, float[] c, int ci) {
        int j = 0;
        for (; j + 4 * V <= n; j += 4 * V) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, a[aBase + p * aStep]);
                int bi = offB + p * ldb + j;
                s0 = x.fma(FloatVector.fromArray(S, b, bi), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, bi + V), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * V), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * V), s3);
            }
            store(s0, alpha, beta, c, ci + j, S.maskAll(true));
            store(s1, alpha, beta, c, ci + j + V, S.maskAll(true));
            store(s2, alpha, beta, c, ci + j + 2 * V, S.maskAll(true));
            store(s3, alpha, beta, c, ci + j + 3 * V, S.maskAll(true));
        }
        for (; j < n; j += V) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, a[aBase + p * aStep]);
                s0 = x.fma(FloatVector.fromArray(S, b, offB + p * ldb + j, mask), s0);
            }
            store(s0, alpha, beta, c, ci + j, mask);
        }
    }

    private static void store(FloatVector acc, float alpha, float beta, float[] c, int idx, VectorMask<Float> mask) {
        FloatVector r = acc.mul(alpha);
        if (beta != 0f) r = r.add(FloatVector.fromArray(S, c, idx, mask).mul(beta));
        r.intoArray(c, idx, mask);
    }

    /**
     * c[j] = alpha * x . B[j, :] + beta * c[j] for j in [0, n): four rows of B at a time, so four
     * independent FMA chains (and reductions) are in flight instead of one; the rows past the last four one at
     * a time, with the same arithmetic per row. Each case is its own small method: in one method, a case first
     * met after the JIT compiled it (the output layer's 3 rows, a first layer's few inputs) threw the compiled
     * code away and ran the acting forward pass in slow code until it was compiled again.
     */
    private static void dots(float[] a, int ai, float[] b, int offB, int ldb, int n, int k,
                             float alpha, float beta, float[] c, int ci) {
        if (k < V) {
            dotsShort(a, ai, b, offB, ldb, n, k, alpha, beta, c, ci);
            return;
        }
        int j = 0;
        for (; j + 4 <= n; j += 4) dots4(a, ai, b, offB + j * ldb, ldb, k, alpha, beta, c, ci + j);
        for (; j < n; j++) {
            float r = dot(a, ai, b, offB + j * ldb, k);
            c[ci + j] = beta == 0f ? alpha * r : alpha * r + beta * c[ci + j];
        }
    }

    /** Four rows of B from {@code b0}, {@code ldb} apart, into c[ci..ci+4). */
    private static void dots4(float[] a, int ai, float[] b, int b0, int ldb, int k,
                              float alpha, float beta, float[] c, int ci) {
        int kv = k - k % V;
        int b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < kv; p += V) {
            FloatVector x = FloatVector.fromArray(S, a, ai + p);
            s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        float r0 = sumLanes(s0), r1 = sumLanes(s1), r2 = sumLanes(s2), r3 = sumLanes(s3);
        for (int p = kv; p < k; p++) {
            float x = a[ai + p];
            r0 = Math.fma(x, b[b0 + p], r0);
            r1 = Math.fma(x, b[b1 + p], r1);
            r2 = Math.fma(x, b[b2 + p], r2);
            r3 = Math.fma(x, b[b3 + p], r3);
        }
        if (beta == 0f) {
            c[ci] = alpha * r0;
            c[ci + 1] = alpha * r1;
            c[ci + 2] = alpha * r2;
            c[ci + 3] = alpha * r3;
        } else {
            c[ci] = alpha * r0 + beta * c[ci];
            c[ci + 1] = alpha * r1 + beta * c[ci + 1];
            c[ci + 2] = alpha * r2 + beta * c[ci + 2];
            c[ci + 3] = alpha * r3 + beta * c[ci + 3];
        }
    }

    /** x . B[row, :] for k at least V, with {@link #dots4}'s arithmetic for one row. */
    private static float dot(float[] a, int ai, float[] b, int bi, int k) {
        int kv = k - k % V;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < kv; p += V) {
            s = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s);
        }
        float r = sumLanes(s);
        for (int p = kv; p < k; p++) r = Math.fma(a[ai + p], b[bi + p], r);
        return r;
    }

    /**
     * k shorter than a vector (a first layer's few inputs): V outputs at once, B's column p gathered from V
     * rows; the same FMA chain over p as the scalar tail, so every output rounds alike.
     */
    private static void dotsShort(float[] a, int ai, float[] b, int offB, int ldb, int n, int k,
                                  float alpha, float beta, float[] c, int ci) {
        int[] rows = gatherRows(ldb);
        int j = 0;
        for (; j + V <= n; j += V) {
            int bj = offB + j * ldb;
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(S, a[ai + p]).fma(FloatVector.fromArray(S, b, bj + p, rows, 0), acc);
            }
            store(acc, alpha, beta, c, ci + j, S.maskAll(true));
        }
        for (; j < n; j++) {
            float r = 0f;
            int bj = offB + j * ldb;
            for (int p = 0; p < k; p++) r = Math.fma(a[ai + p], b[bj + p], r);
            c[ci + j] = beta == 0f ? alpha * r : alpha * r + beta * c[ci + j];
        }
    }

    // lane i swapped with lane i ^ h: adding a vector to itself rearranged folds it in half
    private static final VectorShuffle<Float> FOLD8 = V > 8 ? VectorShuffle.fromOp(S, i -> i ^ 8) : null;
    private static final VectorShuffle<Float> FOLD4 = V > 4 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    private static final VectorShuffle<Float> FOLD2 = VectorShuffle.fromOp(S, i -> i ^ 2);
    private static final VectorShuffle<Float> FOLD1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    // lanes whose bit h is set, for transpose16's blends
    private static final VectorMask<Float> LANE8 = lanesWithBit(8), LANE4 = lanesWithBit(4), LANE2 = lanesWithBit(2),
            LANE1 = lanesWithBit(1);

    private static VectorMask<Float> lanesWithBit(int h) {
        boolean[] set = new boolean[V];
        for (int i = 0; i < V; i++) set[i] = (i & h) != 0;
        return VectorMask.fromArray(S, set, 0);
    }

    /**
     * The lanes' sum as a fixed tree of folds (log2 V shuffles and adds, not V - 1 dependent scalar adds
     * of extracted lanes, which made a thin output layer cost several times its multiply-adds). Spelled
     * out rather than reduceLanes(ADD), which may associate differently once C2 compiles it, so the same
     * inputs could give different bits early and late in a run.
     */
    private static float sumLanes(FloatVector v) {
        if (V > 8) v = v.add(v.rearrange(FOLD8));
        if (V > 4) v = v.add(v.rearrange(FOLD4));
        v = v.add(v.rearrange(FOLD2));
        return v.add(v.rearrange(FOLD1)).lane(0);
    }

    private static float dotStrided(float[] x, int xi, int xStep, float[] y, int yi, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) s = Math.fma(x[xi + p * xStep], y[yi + p], s);
        return s;
    }
}
