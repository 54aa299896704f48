package dev.javelin.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: sizes, strides, axis normalization and numpy broadcasting. */
final class Shapes {
    private Shapes() {}

    static final int[] SCALAR = new int[0];

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Validates dimensions (non-negative, product fits an int) and returns a private copy. */
    static int[] checked(String op, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + str(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(op + ": shape " + str(shape) + " has more than 2^31-1 elements");
        }
        return shape.clone();
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int st = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = st;
            st *= shape[i];
        }
        return s;
    }

    /** Arrays.equals for shapes: a plain loop, as the library call's setup costs more than rank-2 compares. */
    static boolean same(int[] a, int[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Maps a possibly negative axis into [0, rank). */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** Product of dims before axis, the axis itself, and after it: the [outer, n, inner] view of a reduction. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) n *= shape[i];
        return n;
    }

    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) n *= shape[i];
        return n;
    }

    static int[] removeAxis(int[] shape, int axis) {
        int[] r = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != axis) r[j++] = shape[i];
        return r;
    }

    static int[] withAxis(int[] shape, int axis, int value) {
        int[] r = shape.clone();
        r[axis] = value;
        return r;
    }

    /** numpy broadcasting: align right, each pair of dims equal or one of them 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (same(a, b)) return a;
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " do not broadcast: dimension " + i + " is " + da + " vs " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** True if a tensor of shape {@code from} broadcasts to {@code to} without changing {@code to}. */
    static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) return false;
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) return false;
        }
        return true;
    }

    /**
     * Strides of {@code shape} viewed in the rank of {@code out}: 0 where the dimension is broadcast
     * (missing or 1 against a larger one), so a flat index into out maps to an element of shape.
     */
    static int[] broadcastStrides(int[] shape, int[] out) {
        int r = out.length, off = r - shape.length;
        int[] s = new int[r];
        int st = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i + off] = shape[i] == out[i + off] ? st : 0;
            st *= shape[i];
        }
        return s;
    }
}
