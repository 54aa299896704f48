package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Function;

/** Applies {@code f} to every observation; {@code space} is the space of the transformed observations. */
public final class TransformObservation<O, P, A> implements Env<P, A> {
    private final Env<O, A> env;
    private final Function<? super O, ? extends P> f;
    private final Space<P> space;

    public TransformObservation(Env<O, A> env, Function<? super O, ? extends P> f, Space<P> space) {
        this.env = Objects.requireNonNull(env, "env");
        this.f = Objects.requireNonNull(f, "f");
        this.space = Objects.requireNonNull(space, "space");
    }

    @Override
    public Space<P> observationSpace() { return space; }

    @Override
    public Space<A> actionSpace() { return env.actionSpace(); }

    @Override
    public Reset<P> reset(long seed) {
        Reset<O> r = env.reset(seed);
        return r.withObservation(f.apply(r.observation()));
    }

    @Override
    public Reset<P> reset() {
        Reset<O> r = env.reset();
        return r.withObservation(f.apply(r.observation()));
    }

    @Override
    public Step<P> step(A action) {
        Step<O> s = env.step(action);
        return s.withObservation(f.apply(s.observation()));
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
        return "TransformObservation<" + env + ">";
    }
}
