package dev.javelin.mujoco;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A {@code mjtNum} (float64) array of a MuJoCo struct, viewed in place: reads and writes go to MuJoCo's
 * memory, so nothing is copied per step. Row-major {@code rows x cols}, as MuJoCo documents each field
 * (e.g. {@code xpos} is nbody x 3). Valid until the model or data it belongs to is closed.
 */
public final class MjArray {
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;

    private final MemorySegment segment;
    private final int rows;
    private final int cols;

    MjArray(MemorySegment pointer, long rows, long cols) {
        if (rows < 0 || cols < 0 || rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MjArray: shape " + rows + " x " + cols + ", expected non-negative and < 2^31 elements");
        }
        this.rows = (int) rows;
        this.cols = (int) cols;
        this.segment = rows * cols == 0 ? MemorySegment.NULL.reinterpret(0) : pointer.reinterpret(rows * cols * 8);
    }

    /** The number of elements, rows x cols. */
    public int length() {
        return rows * cols;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** Element {@code i} in row-major order. */
    public double get(int i) {
        return segment.getAtIndex(F64, i);
    }

    /** The element at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        return segment.getAtIndex(F64, index(row, col));
    }

    /** Writes element {@code i} (row-major) in MuJoCo's memory. */
    public void set(int i, double value) {
        segment.setAtIndex(F64, i, value);
    }

    /** Writes the element at ({@code row}, {@code col}) in MuJoCo's memory. */
    public void set(int row, int col, double value) {
        segment.setAtIndex(F64, index(row, col), value);
    }

    /** Overwrites the whole array. */
    public void set(double[] values) {
        if (values.length != length()) {
            throw new IllegalArgumentException("MjArray.set: " + values.length + " values, expected " + length());
        }
        MemorySegment.copy(values, 0, segment, F64, 0, values.length);
    }

    /** Overwrites the whole array from floats (an action), widening each to float64 as NumPy's assignment does. */
    public void set(float[] values) {
        if (values.length != length()) {
            throw new IllegalArgumentException("MjArray.set: " + values.length + " values, expected " + length());
        }
        for (int i = 0; i < values.length; i++) {
            segment.setAtIndex(F64, i, values[i]);
        }
    }

    /** A copy of the whole array. */
    public double[] toArray() {
        return segment.toArray(F64);
    }

    /** A copy of one row. */
    public double[] row(int row) {
        double[] out = new double[cols];
        MemorySegment.copy(segment, F64, (long) index(row, 0) * 8, out, 0, cols);
        return out;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("MjArray: (" + row + ", " + col + ") outside " + rows + " x " + cols);
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return "MjArray" + Arrays.toString(toArray());
    }
}
