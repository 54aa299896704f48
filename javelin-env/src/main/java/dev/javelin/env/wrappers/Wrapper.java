package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

/** An env that forwards everything to an inner env; subclasses override what they change. */
public abstract class Wrapper<O, A> extends ForwardingEnv<O, O, A> {
    /** Wraps {@code env}. */
    protected Wrapper(Env<O, A> env) {
        super(env);
    }

    @Override
    public Space<O> observationSpace() { return env.observationSpace(); }

    @Override
    public Reset<O> reset(long seed) { return env.reset(seed); }

    @Override
    public Reset<O> reset() { return env.reset(); }

    @Override
    public Step<O> step(A action) { return env.step(action); }
}
