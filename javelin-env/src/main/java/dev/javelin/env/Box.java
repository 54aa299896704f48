package dev.javelin.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A float32 box {@code [low, high]} of a given shape, stored flat in row-major order.
 *
 * <p>Bounds may be infinite. Sampling follows Gymnasium: uniform where both bounds are finite,
 * standard normal where neither is, and a shifted exponential where only one is.
 */
public final class Box implements Space<float[]> {
    private final float[] low;
    private final float[] high;
    private final int[] shape;

    /** A box with the same bounds for every element. */
    public Box(float low, float high, int... shape) {
        this(filled(low, shape), filled(high, shape), shape);
    }

    /** A one-dimensional box with per-element bounds. */
    public Box(float[] low, float[] high) {
        this(low, high, low.length);
    }

    /**
     * A box of the given shape between {@code low} and {@code high} (one bound per element; infinite bounds allowed).
     */
    public Box(float[] low, float[] high, int... shape) {
        int size = size(shape);
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box: bounds of length " + low.length + " and " + high.length
                    + " do not match shape " + Arrays.toString(shape) + " (size " + size + ")");
        }
        for (int i = 0; i < size; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box: bound " + i + " is [" + low[i] + ", " + high[i]
                        + "], expected low <= high and no NaN");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
        this.shape = shape.clone();
    }

    /** The lower bounds, one per element (a copy). */
    public float[] low() { return low.clone(); }

    /** The upper bounds, one per element (a copy). */
    public float[] high() { return high.clone(); }

    /** The shape of an element (a copy); elements are flat, row-major {@code float[]}. */
    public int[] shape() { return shape.clone(); }

    /** Number of floats in one element (the product of the shape). */
    public int size() { return low.length; }

    /** The lower bound of element {@code i}. */
    public float low(int i) { return low[i]; }

    /** The upper bound of element {@code i}. */
    public float high(int i) { return high[i]; }

    /** Whether every bound is finite (required by RescaleAction, uniform sampling). */
    public boolean isBounded() {
        for (int i = 0; i < low.length; i++) {
            if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] sample(RandomGenerator rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean below = !Float.isInfinite(low[i]);
            boolean above = !Float.isInfinite(high[i]);
            // In double: high - low of a float32 box (e.g. +-FLT_MAX in CartPole) overflows in float.
            double v;
            if (below && above) {
                v = low[i] + ((double) high[i] - low[i]) * rng.nextDouble();
            } else if (below) {
                v = low[i] + rng.nextExponential();
            } else if (above) {
                v = high[i] - rng.nextExponential();
            } else {
                v = rng.nextGaussian();
            }
            x[i] = Math.min(Math.max((float) v, low[i]), high[i]);
        }
        return x;
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof float[] x) || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    /** Gymnasium's repr: scalar bounds when all equal, e.g. {@code Box(-2.0, 2.0, (1,), float32)}. */
    @Override
    public String toString() {
        return "Box(" + bound(low) + ", " + bound(high) + ", " + shapeText(shape) + ", float32)";
    }

    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    private static String bound(float[] b) {
        for (float v : b) {
            if (Float.compare(v, b[0]) != 0) {
                return Arrays.toString(b);
            }
        }
        return b.length == 0 ? "[]" : Float.toString(b[0]);
    }

    private static int size(int[] shape) {
        int size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Box: shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    private static float[] filled(float v, int[] shape) {
        float[] a = new float[size(shape)];
        Arrays.fill(a, v);
        return a;
    }
}
