package dev.javelin.rl.logging;

/** One tag's values against environment steps. */
public record MetricSeries(String tag, long[] steps, double[] values) {
    /** Rejects different numbers of steps and values. */
    public MetricSeries {
        if (steps.length != values.length) {
            throw new IllegalArgumentException("series '" + tag + "': " + steps.length + " steps but "
                    + values.length + " values");
        }
    }

    /** The number of points. */
    public int size() {
        return steps.length;
    }
}
