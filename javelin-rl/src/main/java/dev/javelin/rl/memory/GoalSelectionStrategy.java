package dev.javelin.rl.memory;

import java.util.Locale;

/**
 * Which achieved goal replaces a transition's desired goal in hindsight replay (Andrychowicz et al. 2017, section
 * 4.5), named as SB3's {@code goal_selection_strategy}: for the transition at step {@code t} of an episode of
 * {@code T} transitions, the goal achieved after a transition {@code t'} of the same episode.
 */
public enum GoalSelectionStrategy {
    /** {@code t'} uniform in {@code [t, T)}: a goal reached later in the episode (the paper's best). */
    FUTURE,
    /** {@code t' = T - 1}: the goal reached at the end of the episode. */
    FINAL,
    /** {@code t'} uniform in {@code [0, T)}: any goal reached in the episode. */
    EPISODE;

    /** From the config's name ({@code future}, {@code final}, {@code episode}). */
    public static GoalSelectionStrategy parse(String name) {
        for (GoalSelectionStrategy s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("goal_selection_strategy '" + name + "', expected future, final or episode");
    }
}
