package dev.javelin.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** A vector of independent discrete choices, element {@code i} in {@code [0, nvec[i])}. */
public final class MultiDiscrete implements Space<int[]> {
    private final int[] nvec;

    /** One discrete choice per entry, entry {@code i} in {@code 0 .. nvec[i]-1}. */
    public MultiDiscrete(int... nvec) {
        if (nvec.length == 0) {
            throw new IllegalArgumentException("MultiDiscrete: nvec is empty, expected at least one dimension");
        }
        for (int n : nvec) {
            if (n <= 0) {
                throw new IllegalArgumentException("MultiDiscrete: nvec " + Arrays.toString(nvec) + " has " + n
                        + ", expected every n > 0");
            }
        }
        this.nvec = nvec.clone();
    }

    /** The number of choices of each entry (a copy). */
    public int[] nvec() { return nvec.clone(); }

    /** The number of entries. */
    public int size() { return nvec.length; }

    /** The number of choices of entry {@code i}. */
    public int n(int i) { return nvec[i]; }

    @Override
    public int[] sample(RandomGenerator rng) {
        int[] x = new int[nvec.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(nvec[i]);
        }
        return x;
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof int[] x) || x.length != nvec.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] >= nvec[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nvec);
    }

    @Override
    public String toString() {
        return "MultiDiscrete(" + Arrays.toString(nvec) + ")";
    }
}
