package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

import java.util.Arrays;

/**
 * Exposes a bounded Box action space as {@code [minAction, maxAction]} (usually [-1, 1], the range of a
 * tanh-squashed SAC policy) and maps affinely onto the inner {@code [low, high]}:
 * {@code low + (high - low) * (a - min) / (max - min)}, clipped to [low, high] against rounding,
 * as Gymnasium 0.29.1's {@code RescaleAction}. Computed in float64, passed on as float32.
 */
public final class RescaleAction<O> extends Wrapper<O, float[]> {
    private final Box inner;
    private final Box space;

    /** Maps actions in [{@code minAction}, {@code maxAction}] affinely onto {@code env}'s action box. */
    public RescaleAction(Env<O, float[]> env, float minAction, float maxAction) {
        super(env);
        if (!(env.actionSpace() instanceof Box box) || !box.isBounded()) {
            throw new IllegalArgumentException("RescaleAction: action space " + env.actionSpace() + " is not a bounded Box");
        }
        if (!(minAction < maxAction) || Float.isInfinite(minAction) || Float.isInfinite(maxAction)) {
            throw new IllegalArgumentException("RescaleAction: range [" + minAction + ", " + maxAction
                    + "], expected finite min < max");
        }
        this.inner = box;
        this.space = new Box(minAction, maxAction, box.shape());
    }

    @Override
    public Space<float[]> actionSpace() { return space; }

    @Override
    public Step<O> step(float[] action) {
        space.check(action, "RescaleAction: action");
        return env.step(rescale(action));
    }

    /** The inner-env action for an outer action (no checking). */
    public float[] rescale(float[] action) {
        float[] out = new float[action.length];
        for (int i = 0; i < action.length; i++) {
            double low = inner.low(i), high = inner.high(i);
            double min = space.low(i), max = space.high(i);
            double a = low + (high - low) * ((action[i] - min) / (max - min));
            out[i] = (float) Math.min(Math.max(a, low), high);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RescaleAction" + Arrays.toString(new float[] {space.low(0), space.high(0)}) + "<" + env + ">";
    }
}
