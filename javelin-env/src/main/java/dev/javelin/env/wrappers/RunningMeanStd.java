package dev.javelin.env.wrappers;

import java.util.Arrays;

/**
 * Running mean and (population) variance by Chan et al.'s parallel update ("Updating formulae and a pairwise
 * algorithm for computing sample variances", 1979), as Gymnasium's {@code RunningMeanStd(epsilon=1e-4)}: starts at
 * mean 0, var 1, count 1e-4.
 *
 * <p>This is the one implementation of these statistics: Gymnasium's observation and reward wrappers, skrl's
 * {@code RunningStandardScaler} (prior count 1) and SB3's return scaling (prior count 1e-4) in javelin-rl all merge
 * their batches through {@link #combine(double[], double[], double)}, each computing the batch's sum of squared
 * deviations the way its reference does, so their statistics keep the reference's bits.
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
        double total = count + 1;
        for (int i = 0; i < mean.length; i++) {
            combine(i, x[i], 0, 1, total);
        }
        count = total;
    }

    /** Scalar version of {@link #update(float[])} for size-1 statistics. */
    public void update(double x) {
        combine(x, 0, 1);
    }

    /**
     * Chan et al.'s merge of a batch of {@code batchCount} samples with per-value means {@code batchMean} and sums
     * of squared deviations from them {@code batchM2} (population variance x count, Gymnasium's
     * {@code batch_var * batch_count}): {@code mean += delta n / N}, {@code var = (var count + M2 + delta^2 count n
     * / N) / N} with {@code N = count + n}.
     */
    public void combine(double[] batchMean, double[] batchM2, double batchCount) {
        if (batchMean.length != mean.length || batchM2.length != mean.length) {
            throw new IllegalArgumentException("RunningMeanStd: batch of " + batchMean.length + " means and "
                    + batchM2.length + " squared deviations, expected " + mean.length + " of each");
        }
        checkCount(batchCount);
        double total = count + batchCount;
        for (int i = 0; i < mean.length; i++) {
            combine(i, batchMean[i], batchM2[i], batchCount, total);
        }
        count = total;
    }

    /** {@link #combine(double[], double[], double)} for size-1 statistics. */
    public void combine(double batchMean, double batchM2, double batchCount) {
        if (mean.length != 1) {
            throw new IllegalArgumentException("RunningMeanStd: a scalar batch for statistics of " + mean.length
                    + " values, expected size 1");
        }
        checkCount(batchCount);
        double total = count + batchCount;
        combine(0, batchMean, batchM2, batchCount, total);
        count = total;
    }

    private void combine(int i, double batchMean, double batchM2, double batchCount, double total) {
        double delta = batchMean - mean[i];
        double m2 = var[i] * count + batchM2 + delta * delta * count * batchCount / total;
        mean[i] = mean[i] + delta * batchCount / total;
        var[i] = m2 / total;
    }

    private static void checkCount(double batchCount) {
        if (!(batchCount > 0)) {
            throw new IllegalArgumentException("RunningMeanStd: batch count must be > 0, got " + batchCount);
        }
    }

    /** Replaces the statistics (a checkpoint's): {@code size} means and variances, and a count > 0. */
    public void restore(double[] means, double[] variances, double samples) {
        if (means.length != mean.length || variances.length != mean.length) {
            throw new IllegalArgumentException("RunningMeanStd: restoring " + means.length + " means and "
                    + variances.length + " variances, expected " + mean.length + " of each");
        }
        if (!(samples > 0)) {
            throw new IllegalArgumentException("RunningMeanStd: restoring count " + samples + ", expected > 0");
        }
        System.arraycopy(means, 0, mean, 0, mean.length);
        System.arraycopy(variances, 0, var, 0, var.length);
        count = samples;
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
