package dev.javelin.env.wrappers;

import java.util.Arrays;

/**
 * Running mean and (population) variance by Chan et al.'s parallel update, as Gymnasium's
 * {@code RunningMeanStd(epsilon=1e-4)}: starts at mean 0, var 1, count 1e-4.
 */
public final class RunningMeanStd {
    private final double[] mean;
    private final double[] var;
    private double count;

    /** Statistics of {@code size} values, with Gymnasium's starting count 1e-4. */
    public RunningMeanStd(int size) {
        this(size, 1e-4);
    }

    /** Statistics of {@code size} values, starting at mean 0, variance 1 and count {@code epsilon}. */
    public RunningMeanStd(int size, double epsilon) {
        if (size <= 0 || !(epsilon > 0)) {
            throw new IllegalArgumentException("RunningMeanStd: size " + size + ", epsilon " + epsilon + ", expected both > 0");
        }
        mean = new double[size];
        var = new double[size];
        Arrays.fill(var, 1.0);
        count = epsilon;
    }

    /** Folds in one sample (a batch of one: batch mean = x, batch variance = 0). */
    public void update(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("RunningMeanStd: sample of length " + x.length + ", expected " + mean.length);
        }
        double totCount = count + 1;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            double m2 = var[i] * count + delta * delta * count * 1 / totCount;
            mean[i] = mean[i] + delta * 1 / totCount;
            var[i] = m2 / totCount;
        }
        count = totCount;
    }

    /** Scalar version of {@link #update(float[])} for size-1 statistics. */
    public void update(double x) {
        double totCount = count + 1;
        double delta = x - mean[0];
        double m2 = var[0] * count + delta * delta * count * 1 / totCount;
        mean[0] = mean[0] + delta * 1 / totCount;
        var[0] = m2 / totCount;
        count = totCount;
    }

    /** The running mean of value {@code i}. */
    public double mean(int i) { return mean[i]; }

    /** The running (population) variance of value {@code i}. */
    public double var(int i) { return var[i]; }

    /** The number of samples seen, plus the starting epsilon. */
    public double count() { return count; }

    /** The number of values. */
    public int size() { return mean.length; }
}
