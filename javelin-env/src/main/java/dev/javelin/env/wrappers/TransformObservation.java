package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Space;

import java.util.Objects;
import java.util.function.Function;

/** Applies {@code f} to every observation; {@code space} is the space of the transformed observations. */
public final class TransformObservation<O, P, A> extends ObservationWrapper<O, P, A> {
    private final Function<? super O, ? extends P> f;
    private final Space<P> space;

    /** Maps each observation with {@code f}; {@code space} is the new observation space. */
    public TransformObservation(Env<O, A> env, Function<? super O, ? extends P> f, Space<P> space) {
        super(env);
        this.f = Objects.requireNonNull(f, "f");
        this.space = Objects.requireNonNull(space, "space");
    }

    @Override
    public Space<P> observationSpace() { return space; }

    @Override
    protected P observation(O inner) {
        return f.apply(inner);
    }
}
