package dev.javelin.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a worker runs.
 *
 * @param learner   the learner's "HOST:PORT"
 * @param host      the address the learner reaches this worker at (also bound)
 * @param port      this worker's Artery port, 0 for any free one
 * @param envs      envs this worker steps (PPO: a vector env of that many copies)
 * @param id        its name in the learner's metrics and ledger; a restarted worker may reuse it
 * @param reconnect how long it keeps trying to reach a learner (at start and after losing one) before it gives up
 * @param status    a JSON file it rewrites with its counters (sent, confirmed) a few times a second, if given
 */
public record WorkerOptions(String learner, String host, int port, int envs, String id, Duration reconnect,
                            Optional<Path> status) {
    public WorkerOptions {
        ClusterNode.address(learner);
        if (host.isBlank()) {
            throw new IllegalArgumentException("worker --host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("worker --port must be in 0..65535, got " + port);
        }
        if (envs < 1) {
            throw new IllegalArgumentException("--envs must be >= 1, got " + envs);
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("worker --id must not be blank");
        }
        if (reconnect.isNegative() || reconnect.isZero()) {
            throw new IllegalArgumentException("--reconnect-timeout must be > 0, got " + reconnect);
        }
    }
}
