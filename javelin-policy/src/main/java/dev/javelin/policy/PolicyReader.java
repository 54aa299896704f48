package dev.javelin.policy;

import java.nio.file.Path;

/**
 * Reads the policy of a training run: a run directory (its latest checkpoint) or one checkpoint file. Training
 * modules provide it, listed in {@code META-INF/services/dev.javelin.policy.PolicyReader} (javelin-rl reads its
 * runs' config.yaml and checkpoints), so {@link Policy#load} reads runs without depending on training code.
 */
public interface PolicyReader {
    /** The policy of {@code runOrCheckpoint}; bad input is an IllegalArgumentException naming the path and the problem. */
    PolicySpec read(Path runOrCheckpoint);
}
