package dev.javelin.env;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link Env#step} returns, as Gymnasium's 5-tuple.
 *
 * @param terminated the episode reached a terminal state of the MDP (no bootstrapping from it)
 * @param truncated  the episode was cut for a reason outside the MDP, usually a time limit
 *                   (the next state still has value: bootstrap from it)
 * @param info       extra diagnostics; {@link Map#of()} when there are none
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

    /** Rejects a null observation or info (an empty info is {@code Map.of()}). */
    public Step {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(info, "info");
    }

    /** The episode is over, by termination or truncation: call {@link Env#reset()} before stepping again. */
    public boolean done() {
        return terminated || truncated;
    }

    /** The same step with another reward (what a reward wrapper returns). */
    public Step<O> withReward(double newReward) {
        return new Step<>(observation, newReward, terminated, truncated, info);
    }

    /** The same step with another observation (what an observation wrapper returns). */
    public <P> Step<P> withObservation(P newObservation) {
        return new Step<>(newObservation, reward, terminated, truncated, info);
    }
}
