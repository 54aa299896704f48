package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Space;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * What every wrapper forwards to the env inside it unchanged: the action space, rendering, the unwrapped env and
 * closing. {@link Wrapper} forwards observations too, {@link ObservationWrapper} maps them.
 */
abstract class ForwardingEnv<O, P, A> implements Env<P, A> {
    /** The wrapped env. */
    protected final Env<O, A> env;

    ForwardingEnv(Env<O, A> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The env directly inside this wrapper. */
    public Env<O, A> inner() {
        return env;
    }

    @Override
    public Space<A> actionSpace() { return env.actionSpace(); }

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
