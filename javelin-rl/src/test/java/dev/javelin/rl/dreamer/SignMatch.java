package dev.javelin.rl.dreamer;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A test env that only an agent whose actions follow its observations can win: each observation is a fresh random
 * sign s in {-1, +1}; action 1 pays 1 when s > 0, action 0 pays 1 when s < 0, anything else 0; the episode
 * terminates after {@link #LENGTH} steps. A policy blind to s (or acting on a stale s) earns LENGTH / 2 on average,
 * the matching policy LENGTH. Learning it needs the world model to pair each reward with the observation and
 * action before it, and the actor to follow the sign of its advantages.
 */
final class SignMatch implements Env<float[], Integer> {
    static final String ID = "DreamerTestSignMatch-v0";
    static final int LENGTH = 8;
    private static final Box OBS = new Box(-1f, 1f, 1);
    private static final Discrete ACTIONS = new Discrete(2);

    private SplittableRandom rng = new SplittableRandom(0);
    private float sign;
    private int t;

    @Override
    public Space<float[]> observationSpace() {
        return OBS;
    }

    @Override
    public Space<Integer> actionSpace() {
        return ACTIONS;
    }

    @Override
    public Reset<float[]> reset(long seed) {
        rng = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public Reset<float[]> reset() {
        t = 0;
        return new Reset<>(draw(), Map.of());
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (action == null || action < 0 || action > 1) {
            throw new IllegalArgumentException("SignMatch: action " + action + ", expected 0 or 1");
        }
        double reward = (action == 1) == (sign > 0) ? 1 : 0;
        t++;
        return new Step<>(draw(), reward, t == LENGTH, false, Map.of());
    }

    private float[] draw() {
        sign = rng.nextBoolean() ? 1f : -1f;
        return new float[] {sign};
    }
}
