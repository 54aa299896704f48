package dev.javelin.env.wrappers;

/**
 * Gymnasium's {@code info["episode"]}: {@code r} the undiscounted return, {@code l} the length in steps,
 * {@code t} seconds since the wrapper was created.
 */
public record EpisodeStatistics(double r, int l, double t) {
}
