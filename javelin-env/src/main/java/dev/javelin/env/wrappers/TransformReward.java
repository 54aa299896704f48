package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Step;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/** Applies {@code f} to every reward (e.g. scaling or clipping). */
public final class TransformReward<O, A> extends Wrapper<O, A> {
    private final DoubleUnaryOperator f;

    /** Maps each reward with {@code f}. */
    public TransformReward(Env<O, A> env, DoubleUnaryOperator f) {
        super(env);
        this.f = Objects.requireNonNull(f, "f");
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        return s.withReward(f.applyAsDouble(s.reward()));
    }
}
