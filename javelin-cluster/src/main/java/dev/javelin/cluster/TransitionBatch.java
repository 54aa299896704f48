package dev.javelin.cluster;

import dev.javelin.rl.memory.Transitions;

/**
 * Off-policy experience from one worker: consecutive transitions, each with the policy version that chose its
 * action, plus the returns and lengths of the episodes that ended in it. {@code (worker, incarnation,
 * sequence)} names the batch once for all redeliveries, so the learner inserts it at most once.
 */
public record TransitionBatch(String worker, long incarnation, long sequence, long[] versions, Transitions transitions,
                              float[] episodeReturns, int[] episodeLengths) implements FloatsMessage, Experience {
    public TransitionBatch {
        if (versions.length != transitions.size()) {
            throw new IllegalArgumentException("TransitionBatch: " + versions.length + " versions for "
                    + transitions.size() + " transitions; expected one per transition");
        }
        if (episodeReturns.length != episodeLengths.length) {
            throw new IllegalArgumentException("TransitionBatch: " + episodeReturns.length + " episode returns but "
                    + episodeLengths.length + " lengths");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("TransitionBatch: sequence numbers start at 1, got " + sequence);
        }
    }

    @Override
    public int steps() {
        return transitions.size();
    }
}
