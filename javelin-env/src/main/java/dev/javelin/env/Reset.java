package dev.javelin.env;

import java.util.Map;
import java.util.Objects;

/** What {@link Env#reset} returns: the first observation of an episode and its info. */
public record Reset<O>(O observation, Map<String, Object> info) {

    /** Rejects a null observation or info (an empty info is {@code Map.of()}). */
    public Reset {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(info, "info");
    }

    /** The same reset with another observation (what an observation wrapper returns). */
    public <P> Reset<P> withObservation(P newObservation) {
        return new Reset<>(newObservation, info);
    }
}
