package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Gymnasium's ObservationWrapper: every observation of the inner env (of reset and of step) goes through
 * {@link #observation}; actions, rewards, flags, info, rendering and closing are the inner env's. Subclasses give
 * the space of the new observations.
 */
public abstract class ObservationWrapper<O, P, A> implements Env<P, A> {
    protected final Env<O, A> env;

    protected ObservationWrapper(Env<O, A> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The observation this wrapper gives for the inner env's {@code inner}. */
    protected abstract P observation(O inner);

    /** The env directly inside this wrapper. */
    public Env<O, A> inner() {
        return env;
    }

    @Override
    public Space<A> actionSpace() { return env.actionSpace(); }

    @Override
    public Reset<P> reset(long seed) {
        Reset<O> r = env.reset(seed);
        return r.withObservation(observation(r.observation()));
    }

    @Override
    public Reset<P> reset() {
        Reset<O> r = env.reset();
        return r.withObservation(observation(r.observation()));
    }

    @Override
    public Step<P> step(A action) {
        Step<O> s = env.step(action);
        return s.withObservation(observation(s.observation()));
    }

    @Override
    public BufferedImage render() { return env.render(); }

    @Override
    public BufferedImage render(int width, int height) { return env.render(width, height); }

    @Override
    public int renderFps() { return env.renderFps(); }

    @Override
    public Env<?, ?> unwrapped() { return env.unwrapped(); }

    @Override
    public void close() { env.close(); }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + env + ">";
    }
}
