package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

import java.awt.image.BufferedImage;
import java.util.Objects;

/** An env that forwards everything to an inner env; subclasses override what they change. */
public abstract class Wrapper<O, A> implements Env<O, A> {
    protected final Env<O, A> env;

    protected Wrapper(Env<O, A> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The env directly inside this wrapper. */
    public Env<O, A> inner() {
        return env;
    }

    @Override
    public Space<O> observationSpace() { return env.observationSpace(); }

    @Override
    public Space<A> actionSpace() { return env.actionSpace(); }

    @Override
    public Reset<O> reset(long seed) { return env.reset(seed); }

    @Override
    public Reset<O> reset() { return env.reset(); }

    @Override
    public Step<O> step(A action) { return env.step(action); }

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
