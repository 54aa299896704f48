package dev.javelin.rl.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * skrl's tracking: {@link #record} collects values per tag; every {@code writeInterval} environment
 * steps the mean of each tag's values since the last write goes to every writer, then the
 * collection is cleared. An interval of 0 disables writing (as in skrl).
 */
public final class Logger implements AutoCloseable {
    private final long writeInterval;
    private final List<ScalarWriter> writers;
    private final DoubleSupplier wallClock;
    private final Map<String, double[]> sums = new LinkedHashMap<>();  // tag -> {sum, count}
    private long lastWrite;

    /**
     * Writes the means of recorded values every {@code writeInterval} env steps to {@code writers}, with wall-clock
     * times.
     */
    public Logger(long writeInterval, List<ScalarWriter> writers) {
        this(writeInterval, writers, () -> System.currentTimeMillis() / 1000.0);
    }

    Logger(long writeInterval, List<ScalarWriter> writers, DoubleSupplier wallClock) {
        if (writeInterval < 0) {
            throw new IllegalArgumentException("write_interval must be >= 0 steps (0 disables), got " + writeInterval);
        }
        this.writeInterval = writeInterval;
        this.writers = List.copyOf(writers);
        this.wallClock = wallClock;
    }

    /** skrl's {@code track_data}: a value to average into the next write. */
    public void record(String tag, double value) {
        double[] s = sums.computeIfAbsent(tag, t -> new double[2]);
        s[0] += value;
        s[1] += 1;
    }

    /**
     * Called as environment steps advance; writes when at least {@code writeInterval} steps passed since
     * the last write (steps advance by the number of envs, so an exact multiple may be skipped over).
     */
    public void step(long step) {
        if (writeInterval > 0 && step - lastWrite >= writeInterval) {
            write(step);
        }
    }

    /** Writes the means collected so far at {@code step}, if any, whatever the interval. */
    public void write(long step) {
        lastWrite = step;
        if (sums.isEmpty()) {
            return;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((tag, s) -> means.put(tag, s[0] / s[1]));
        sums.clear();
        double wallTime = wallClock.getAsDouble();
        for (ScalarWriter w : writers) {
            w.write(step, wallTime, means);
        }
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (ScalarWriter w : writers) {
            try {
                w.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            RuntimeException first = errors.getFirst();
            errors.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
