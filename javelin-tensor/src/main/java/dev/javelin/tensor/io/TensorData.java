package dev.javelin.tensor.io;

import java.util.Arrays;

/**
 * A named array's value as stored in a file: a row-major float32 array and its shape. Independent of
 * {@code Tensor} so that files can be inspected without building autodiff state.
 */
public record TensorData(int[] shape, float[] data) {
    /** Rejects negative dimensions and data whose length is not the shape's size. */
    public TensorData {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("TensorData: negative dimension " + d + " in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("TensorData: shape " + Arrays.toString(shape) + " needs " + n
                    + " elements but data has " + data.length);
        }
        shape = shape.clone();
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TensorData" + Arrays.toString(shape);
    }
}
