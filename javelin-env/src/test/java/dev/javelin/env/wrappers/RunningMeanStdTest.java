package dev.javelin.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunningMeanStdTest {

    /** Samples x[k] = (k * 7 % 11) - 3.5 + 0.1 * k for value 0 and twice that for value 1. */
    private static float sample(int k, int value) {
        return (float) ((value + 1) * ((k * 7 % 11) - 3.5 + 0.1 * k));
    }

    @Test
    void batchesMergeToThePooledMeanAndVarianceOfThePriorAndAllSamples() {
        int n = 40;
        var rms = new RunningMeanStd(2, 0.5);
        // two batches of 15 and 25 merged by their means and sums of squared deviations
        for (int[] range : new int[][] {{0, 15}, {15, 40}}) {
            double[] mean = new double[2];
            double[] m2 = new double[2];
            int count = range[1] - range[0];
            for (int v = 0; v < 2; v++) {
                for (int k = range[0]; k < range[1]; k++) {
                    mean[v] += sample(k, v) / (double) count;
                }
                for (int k = range[0]; k < range[1]; k++) {
                    m2[v] += (sample(k, v) - mean[v]) * (sample(k, v) - mean[v]);
                }
            }
            rms.combine(mean, m2, count);
        }
        // the prior counts as 0.5 samples of mean 0 and variance 1
        for (int v = 0; v < 2; v++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += sample(k, v);
            }
            double pooledMean = sum / (n + 0.5);
            double m2 = 0.5 * (1 + pooledMean * pooledMean);
            for (int k = 0; k < n; k++) {
                m2 += (sample(k, v) - pooledMean) * (sample(k, v) - pooledMean);
            }
            assertEquals(pooledMean, rms.mean(v), 1e-12);
            assertEquals(m2 / (n + 0.5), rms.var(v), 1e-12);
        }
        assertEquals(n + 0.5, rms.count());
    }

    @Test
    void oneSampleIsABatchOfOneWithNoSpread() {
        var bySample = new RunningMeanStd(2);
        var byMoments = new RunningMeanStd(2);
        var scalar = new RunningMeanStd(1);
        for (int k = 0; k < 30; k++) {
            float[] x = {sample(k, 0), sample(k, 1)};
            bySample.update(x);
            byMoments.combine(new double[] {x[0], x[1]}, new double[2], 1);
            scalar.update(x[0]);
        }
        for (int v = 0; v < 2; v++) {
            assertEquals(Double.doubleToLongBits(byMoments.mean(v)), Double.doubleToLongBits(bySample.mean(v)));
            assertEquals(Double.doubleToLongBits(byMoments.var(v)), Double.doubleToLongBits(bySample.var(v)));
        }
        assertEquals(Double.doubleToLongBits(bySample.var(0)), Double.doubleToLongBits(scalar.var(0)));
        assertEquals(30.0001, bySample.count(), 1e-12);
    }

    @Test
    void restoreSetsTheStatisticsAndRejectsWhatDoesNotFit() {
        var rms = new RunningMeanStd(2);
        rms.restore(new double[] {1, 2}, new double[] {3, 4}, 5);
        assertEquals(2, rms.mean(1));
        assertEquals(3, rms.var(0));
        assertEquals(5, rms.count());
        var e = assertThrows(IllegalArgumentException.class, () -> rms.restore(new double[1], new double[2], 1));
        assertEquals("RunningMeanStd: restoring 1 means and 2 variances, expected 2 of each", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rms.restore(new double[2], new double[2], 0));
        assertEquals("RunningMeanStd: restoring count 0.0, expected > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rms.combine(1, 0, 1));
        assertEquals("RunningMeanStd: a scalar batch for statistics of 2 values, expected size 1", e.getMessage());
    }
}
