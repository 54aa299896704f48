package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;

/** Truncates an episode after {@code maxEpisodeSteps} steps (the registry's {@code max_episode_steps}). */
public final class TimeLimit<O, A> extends Wrapper<O, A> {
    private final int maxEpisodeSteps;
    private int elapsedSteps;

    /** Truncates an episode after {@code maxEpisodeSteps} steps. */
    public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("TimeLimit: max_episode_steps = " + maxEpisodeSteps + ", expected > 0");
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** The step limit of an episode. */
    public int maxEpisodeSteps() { return maxEpisodeSteps; }

    /** Steps taken in the current episode. */
    public int elapsedSteps() { return elapsedSteps; }

    @Override
    public Reset<O> reset(long seed) {
        elapsedSteps = 0;
        return env.reset(seed);
    }

    @Override
    public Reset<O> reset() {
        elapsedSteps = 0;
        return env.reset();
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        elapsedSteps++;
        if (elapsedSteps >= maxEpisodeSteps && !s.truncated()) {
            return new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info());
        }
        return s;
    }
}
