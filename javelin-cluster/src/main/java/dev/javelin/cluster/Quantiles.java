package dev.javelin.cluster;

import java.util.Arrays;

/** A growing sample of non-negative values with its mean and quantiles (nearest rank), for lag and latency. */
final class Quantiles {
    private double[] values = new double[256];
    private int n;
    private double sum;

    synchronized void add(double v) {
        if (n == values.length) {
            values = Arrays.copyOf(values, 2 * n);
        }
        values[n++] = v;
        sum += v;
    }

    synchronized int count() {
        return n;
    }

    synchronized double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The value below which a fraction {@code q} of the sample lies (NaN for an empty sample). */
    synchronized double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * n) - 1)];
    }
}
