package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import dev.javelin.env.render.Pixels;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Replaces the observation by the rendered frame, drawn at {@code width x height} (classic control draws
 * at that size directly, no downsampling pass) as RGB floats in [0, 1]: {@code float[3 * height * width]}
 * in {@link Pixels.Layout#HWC} (shape [h, w, 3], DreamerV3's convention) or {@link Pixels.Layout#CHW}
 * (shape [3, h, w], for conv2d). Rewards, flags and info are the inner env's.
 */
public final class PixelObservation<O, A> implements Env<float[], A> {
    private final Env<O, A> env;
    private final int width;
    private final int height;
    private final Pixels.Layout layout;
    private final Box space;

    public PixelObservation(Env<O, A> env, int width, int height, Pixels.Layout layout) {
        this.env = Objects.requireNonNull(env, "env");
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

    @Override
    public Space<A> actionSpace() { return env.actionSpace(); }

    @Override
    public Reset<float[]> reset(long seed) {
        return env.reset(seed).withObservation(pixels());
    }

    @Override
    public Reset<float[]> reset() {
        return env.reset().withObservation(pixels());
    }

    @Override
    public Step<float[]> step(A action) {
        return env.step(action).withObservation(pixels());
    }

    private float[] pixels() {
        float[] out = new float[3 * width * height];
        Pixels.toFloats(env.render(width, height), layout, out);
        return out;
    }

    @Override
    public BufferedImage render() { return env.render(); }

    @Override
    public BufferedImage render(int w, int h) { return env.render(w, h); }

    @Override
    public int renderFps() { return env.renderFps(); }

    @Override
    public Env<?, ?> unwrapped() { return env.unwrapped(); }

    @Override
    public void close() { env.close(); }

    @Override
    public String toString() {
        return "PixelObservation<" + env + ">";
    }
}
