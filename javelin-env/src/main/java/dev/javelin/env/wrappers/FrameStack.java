package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

/**
 * Observes the last {@code numStack} observations, oldest first, flattened to {@code float[numStack * d]}
 * (shape {@code [numStack, ...inner shape]}); reset fills the stack with the first observation, as
 * Gymnasium's {@code FrameStack}.
 */
public final class FrameStack<A> extends Wrapper<float[], A> {
    private final int numStack;
    private final int frameSize;
    private final float[] frames;
    private final Box space;
    private int newest;

    /**
     * Stacks the last {@code numStack} observations, oldest first; a reset fills the stack with the first
     * observation.
     */
    public FrameStack(Env<float[], A> env, int numStack) {
        super(env);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("FrameStack: observation space " + env.observationSpace() + " is not a Box");
        }
        if (numStack <= 0) {
            throw new IllegalArgumentException("FrameStack: num_stack = " + numStack + ", expected > 0");
        }
        this.numStack = numStack;
        this.frameSize = box.size();
        this.frames = new float[numStack * frameSize];
        int[] innerShape = box.shape();
        int[] shape = new int[innerShape.length + 1];
        shape[0] = numStack;
        System.arraycopy(innerShape, 0, shape, 1, innerShape.length);
        float[] low = new float[frames.length], high = new float[frames.length];
        for (int k = 0; k < numStack; k++) {
            System.arraycopy(box.low(), 0, low, k * frameSize, frameSize);
            System.arraycopy(box.high(), 0, high, k * frameSize, frameSize);
        }
        this.space = new Box(low, high, shape);
    }

    @Override
    public Space<float[]> observationSpace() { return space; }

    @Override
    public Reset<float[]> reset(long seed) {
        return fill(env.reset(seed));
    }

    @Override
    public Reset<float[]> reset() {
        return fill(env.reset());
    }

    private Reset<float[]> fill(Reset<float[]> r) {
        for (int k = 0; k < numStack; k++) {
            System.arraycopy(checked(r.observation()), 0, frames, k * frameSize, frameSize);
        }
        newest = numStack - 1;
        return r.withObservation(stacked());
    }

    @Override
    public Step<float[]> step(A action) {
        Step<float[]> s = env.step(action);
        newest = (newest + 1) % numStack;
        System.arraycopy(checked(s.observation()), 0, frames, newest * frameSize, frameSize);
        return s.withObservation(stacked());
    }

    private float[] checked(float[] obs) {
        if (obs.length != frameSize) {
            throw new IllegalStateException("FrameStack: inner observation of length " + obs.length + ", expected " + frameSize);
        }
        return obs;
    }

    private float[] stacked() {
        float[] out = new float[frames.length];
        for (int k = 0; k < numStack; k++) {
            int slot = (newest + 1 + k) % numStack;
            System.arraycopy(frames, slot * frameSize, out, k * frameSize, frameSize);
        }
        return out;
    }
}
