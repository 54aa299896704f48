package dev.javelin.tensor.io;

import java.util.Arrays;

/**
 * A named float64 array as stored in a file (dtype F64): statistics kept in double (running means and
 * variances) that must come back bit for bit, where {@link TensorData}'s float32 would drop their low bits.
 */
public record Float64Data(int[] shape, double[] data) {
    public Float64Data {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("Float64Data: negative dimension " + d + " in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("Float64Data: shape " + Arrays.toString(shape) + " needs " + n
                    + " elements but data has " + data.length);
        }
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float64Data t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Float64Data" + Arrays.toString(shape);
    }
}
