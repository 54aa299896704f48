package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

/**
 * Clips continuous actions into the inner env's Box, so any finite (or infinite) action is accepted;
 * the outer action space is unbounded, as Gymnasium's {@code ClipAction}. NaN is still rejected.
 */
public final class ClipAction<O> extends Wrapper<O, float[]> {
    private final Box inner;
    private final Box space;

    /** Clips each action into {@code env}'s action box before stepping. */
    public ClipAction(Env<O, float[]> env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException("ClipAction: action space " + env.actionSpace() + " is not a Box");
        }
        this.inner = box;
        this.space = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.shape());
    }

    @Override
    public Space<float[]> actionSpace() { return space; }

    @Override
    public Step<O> step(float[] action) {
        space.check(action, "ClipAction: action");
        float[] clipped = new float[action.length];
        for (int i = 0; i < action.length; i++) {
            clipped[i] = Math.min(Math.max(action[i], inner.low(i)), inner.high(i));
        }
        return env.step(clipped);
    }
}
