package dev.javelin.rl.config;

/**
 * skrl's {@code experiment} section. An empty directory means {@code runs} in the working
 * directory; an empty name means {@code <algo>-<env>-<timestamp>}.
 */
public record Experiment(
        String directory,
        String experimentName,
        Interval writeInterval,
        Interval checkpointInterval,
        boolean storeSeparately) {

    /** The defaults: runs/, a name from algo, env and time, automatic write and checkpoint intervals. */
    public Experiment() {
        this("", "", Interval.AUTO, Interval.AUTO, false);
    }

    /** Rejects an experiment name that is not a plain directory name. */
    public Experiment {
        if (experimentName.contains("/") || experimentName.contains("\\") || experimentName.equals("..")) {
            throw new IllegalArgumentException(
                    "experiment.experiment_name must be a plain directory name, got '" + experimentName + "'");
        }
    }

    /** TensorBoard/CSV write interval in timesteps for a run of the given length (0: never). */
    public long writeIntervalFor(long timesteps) {
        return writeInterval.resolve(timesteps, 100);
    }

    /** Checkpoint interval in timesteps for a run of the given length (0: never). */
    public long checkpointIntervalFor(long timesteps) {
        return checkpointInterval.resolve(timesteps, 10);
    }
}
