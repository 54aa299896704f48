package dev.javelin.cluster;

/** What a worker's control actor receives from the learner (and its own receptionist listings). */
public interface WorkerMessage {
    /**
     * The run a worker joined: algorithm, env id and the learner's resolved config as YAML (so both sides build
     * the same networks), a seed for this worker's envs, and the last batch sequence number the learner holds
     * from this incarnation (redeliveries up to it are dropped anyway, so the worker forgets them).
     */
    record Welcome(String algo, String env, String configYaml, long seed, long lastSequence)
            implements WorkerMessage, ControlMessage {
    }

    /** Permission to take env steps {@code first .. first + count - 1} (global step indexes, 1-based). */
    record Credits(long first, int count) implements WorkerMessage, ControlMessage {
        public Credits {
            if (first < 1 || count < 1) {
                throw new IllegalArgumentException("Credits: first step " + first + " and count " + count
                        + "; expected both >= 1");
            }
        }
    }

    /** Batch {@code sequence} of this incarnation is in the learner (inserted now or before). */
    record Ack(long incarnation, long sequence, boolean inserted) implements WorkerMessage, ControlMessage {
    }

    /** The run is over (or the learner refused this worker): stop acting and leave. */
    record Finished(String reason) implements WorkerMessage, ControlMessage {
    }
}
