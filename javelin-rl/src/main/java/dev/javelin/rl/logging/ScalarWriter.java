package dev.javelin.rl.logging;

import java.util.Map;

/** A destination of scalar summaries: TensorBoard events, metrics.csv. */
public interface ScalarWriter extends AutoCloseable {
    /** Values of several tags at one step; {@code wallTime} in seconds since the epoch. */
    void write(long step, double wallTime, Map<String, Double> scalars);

    @Override
    void close();
}
