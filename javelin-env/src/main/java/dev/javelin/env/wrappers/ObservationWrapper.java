package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;

/**
 * Gymnasium's ObservationWrapper: every observation of the inner env (of reset and of step) goes through
 * {@link #observation}; actions, rewards, flags, info, rendering and closing are the inner env's. Subclasses give
 * the space of the new observations.
 */
public abstract class ObservationWrapper<O, P, A> extends ForwardingEnv<O, P, A> {
    /** Wraps {@code env}; subclasses map each observation. */
    protected ObservationWrapper(Env<O, A> env) {
        super(env);
    }

    /** The observation this wrapper gives for the inner env's {@code inner}. */
    protected abstract P observation(O inner);

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
}
