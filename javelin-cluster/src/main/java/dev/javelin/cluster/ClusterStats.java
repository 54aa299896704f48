package dev.javelin.cluster;

import dev.javelin.rl.logging.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the cluster did, for TensorBoard, metrics.csv and summary.json: env steps per worker, policy lag, weight
 * push round trips, duplicate / stale / late experience, joins and losses. Updated from the learner actor,
 * read by the thread that logs.
 */
final class ClusterStats {
    final AtomicLong joins = new AtomicLong();
    final AtomicLong losses = new AtomicLong();
    /** Redelivered batches that were already in (dropped, acknowledged again). */
    final AtomicLong duplicates = new AtomicLong();
    /** Batches dropped without insertion: from a replaced incarnation or a worker already removed, or PPO fragments of an older policy. */
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong droppedSteps = new AtomicLong();
    final Quantiles lag = new Quantiles();
    final Quantiles pushMillis = new Quantiles();
    private final Map<String, AtomicLong> stepsByWorker = new ConcurrentHashMap<>();
    /** When the first experience came in: rates are over the time workers were acting, not waiting to join. */
    private volatile long started;
    /** When the last experience came in: the rates end there, not after the final checkpoint and evaluation. */
    private volatile long lastInserted;
    /** When the last worker to join delivered its first experience, the steps and learner CPU time until then. */
    private volatile long allSince;
    private volatile long stepsBeforeAll;
    private volatile long cpuAtAll;
    private volatile long cpuAtLast;
    private long lastSteps;
    private long lastNanos = System.nanoTime();

    /** Called on the learner actor's thread for every batch inserted (or fragment used). */
    void inserted(String worker, int steps) {
        long now = System.nanoTime();
        long cpu = ProcessCpu.nanos();
        if (started == 0) {
            started = now;
        }
        if (!stepsByWorker.containsKey(worker)) {
            allSince = now;
            stepsBeforeAll = steps();
            cpuAtAll = cpu;
        }
        stepsByWorker.computeIfAbsent(worker, w -> new AtomicLong()).addAndGet(steps);
        lastInserted = now;
        cpuAtLast = cpu;
    }

    long steps() {
        return stepsByWorker.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records the current figures under "Cluster / ..." tags; the step rate is over the time since the last call. */
    void record(Logger logger) {
        long now = System.nanoTime();
        long steps = steps();
        double seconds = (now - lastNanos) / 1e9;
        synchronized (logger) {
            if (seconds > 0) {
                logger.record("Cluster / Env steps per second", (steps - lastSteps) / seconds);
            }
            if (lag.count() > 0) {
                logger.record("Cluster / Policy lag (mean)", lag.mean());
                logger.record("Cluster / Policy lag (p99)", lag.quantile(0.99));
            }
            if (pushMillis.count() > 0) {
                logger.record("Cluster / Weight push ms (p95)", pushMillis.quantile(0.95));
            }
            logger.record("Cluster / Duplicate batches", duplicates.get());
            logger.record("Cluster / Dropped batches", dropped.get());
            logger.record("Cluster / Worker joins", joins.get());
            logger.record("Cluster / Worker losses", losses.get());
        }
        lastSteps = steps;
        lastNanos = now;
    }

    /** The figures of the whole run, for summary.json. */
    ClusterSummary summary() {
        double seconds = started == 0 ? Double.NaN : (lastInserted - started) / 1e9;
        long allSteps = steps() - stepsBeforeAll;
        double allSeconds = (lastInserted - allSince) / 1e9;
        Map<String, Double> perWorker = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        stepsByWorker.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            perWorker.put(e.getKey(), e.getValue().get() / seconds);
            counts.put(e.getKey(), e.getValue().get());
        });
        return new ClusterSummary(steps(), counts, steps() / seconds, perWorker,
                allSteps > 0 && allSeconds > 0 ? allSteps / allSeconds : Double.NaN,
                allSteps > 0 ? (cpuAtLast - cpuAtAll) / 1e6 / allSteps : Double.NaN,
                lag.mean(), lag.quantile(0.99), pushMillis.quantile(0.95),
                duplicates.get(), dropped.get(), droppedSteps.get(), joins.get(), losses.get());
    }
}
