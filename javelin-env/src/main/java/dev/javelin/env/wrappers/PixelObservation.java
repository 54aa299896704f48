package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Space;
import dev.javelin.env.render.Pixels;

import java.util.Objects;

/**
 * Replaces the observation by the rendered frame, drawn at {@code width x height} (classic control draws
 * at that size directly, no downsampling pass) as RGB floats in [0, 1]: {@code float[3 * height * width]}
 * in {@link Pixels.Layout#HWC} (shape [h, w, 3], DreamerV3's convention) or {@link Pixels.Layout#CHW}
 * (shape [3, h, w], for conv2d). Rewards, flags and info are the inner env's.
 */
public final class PixelObservation<O, A> extends ObservationWrapper<O, float[], A> {
    private final int width;
    private final int height;
    private final Pixels.Layout layout;
    private final Box space;

    /**
     * Observes {@code env} through its rendering at {@code width} x {@code height}, RGB floats in [0, 1] in {@code
     * layout} order.
     */
    public PixelObservation(Env<O, A> env, int width, int height, Pixels.Layout layout) {
        super(env);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("PixelObservation: size " + width + "x" + height + ", expected positive");
        }
        this.width = width;
        this.height = height;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.space = layout == Pixels.Layout.HWC ? new Box(0f, 1f, height, width, 3) : new Box(0f, 1f, 3, height, width);
    }

    /** 64x64 RGB, HWC: the DreamerV3 setting. */
    public PixelObservation(Env<O, A> env) {
        this(env, 64, 64, Pixels.Layout.HWC);
    }

    @Override
    public Space<float[]> observationSpace() { return space; }

    /** The frame after reset or step: the inner observation is not used. */
    @Override
    protected float[] observation(O inner) {
        float[] out = new float[3 * width * height];
        Pixels.toFloats(env.render(width, height), layout, out);
        return out;
    }
}
