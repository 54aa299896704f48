package dev.javelin.cluster;

import java.time.Duration;

/**
 * How a learner runs its cluster, beyond the algorithm's config.
 *
 * @param host           the address workers reach this learner at (and that it binds)
 * @param port           its Artery TCP port (0: any free one)
 * @param creditWindow   env steps a SAC worker may take ahead of the learner (its credit window)
 * @param roundTimeout   how long a PPO update waits for the fragments of all workers before going on with those it has
 * @param minWorkerShare the fraction of live workers whose fragments a PPO update needs at least (after the timeout)
 */
public record ClusterOptions(String host, int port, int creditWindow, Duration roundTimeout, double minWorkerShare) {
    public static final int DEFAULT_PORT = 25520;

    public ClusterOptions {
        if (host.isBlank()) {
            throw new IllegalArgumentException("cluster host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        if (creditWindow < 1) {
            throw new IllegalArgumentException("--credit-window must be >= 1 env steps, got " + creditWindow);
        }
        if (roundTimeout.isNegative() || roundTimeout.isZero()) {
            throw new IllegalArgumentException("--round-timeout must be > 0, got " + roundTimeout);
        }
        if (!(minWorkerShare > 0 && minWorkerShare <= 1)) {
            throw new IllegalArgumentException("--min-worker-share must be in (0, 1], got " + minWorkerShare);
        }
    }
}
