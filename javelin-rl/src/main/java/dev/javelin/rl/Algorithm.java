package dev.javelin.rl;

import dev.javelin.rl.config.TrainConfig;
import java.nio.file.Path;

/**
 * A training algorithm as the command line sees it. Implementations are listed in
 * {@code META-INF/services/dev.javelin.rl.Algorithm} (one class name a line, public no-argument
 * constructor) and found by {@link Algorithms}.
 *
 * @param <C> the config record: reference defaults from its no-argument constructor, see
 *            {@link dev.javelin.rl.config.Configs}
 */
public interface Algorithm<C extends Record & TrainConfig> {
    /** As typed after {@code javelin train}, lower case: "ppo". */
    String name();

    /** One line for {@code javelin algos}. */
    String description();

    /** The config record, whose components are the algorithm's keys and defaults. */
    Class<C> configClass();

    /**
     * Refuses, before any run directory exists, what this algorithm cannot train: an env whose spaces it does
     * not support, or a config whose buffers would not fit in the heap (see {@link MemoryBudget}).
     */
    void check(String envId, C config);

    /**
     * Trains in {@code context.run()} (config.yaml is already written; checkpoints go to
     * {@code run().checkpoints()}), logs through {@code context.logger()}, reports to
     * {@code context.progress()}, and ends with the final deterministic evaluation on a fresh env.
     * With {@code context.resume()} it first loads {@code run().latestCheckpoint()}. The loop reads
     * {@code context.stopRequested()} between env steps; on a stop it writes its checkpoint through
     * {@code context.saveCheckpoint} and calls {@code context.endIfStopped(step)} before any final evaluation.
     *
     * @throws Exception when training cannot go on (a bad checkpoint, an env error, an I/O failure)
     */
    TrainResult train(TrainContext<C> context) throws Exception;

    /**
     * Deterministic evaluation of a checkpoint; writes a GIF of the first episode when asked.
     *
     * @throws Exception when the checkpoint cannot be read or the episodes cannot run
     */
    EvalResult evaluate(EvalContext<C> context) throws Exception;

    /**
     * Runs a checkpoint's deterministic policy for {@code transitions} env steps and writes them to {@code out}
     * ({@code .safetensors} or {@code .csv}) as demonstrations for an off-policy learner; returns how many
     * were written. Only algorithms that learn from demonstrations support it.
     *
     * @throws Exception when the checkpoint cannot be read or the file cannot be written
     */
    default int recordDemonstrations(EvalContext<C> context, int transitions, Path out) throws Exception {
        throw new IllegalArgumentException(name() + " cannot record demonstrations; algorithms that can: sac");
    }
}
