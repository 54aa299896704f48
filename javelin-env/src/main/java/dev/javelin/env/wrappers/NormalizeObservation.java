package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;

/**
 * Standardizes each observation element by a running mean and variance updated with every observation,
 * {@code (obs - mean) / sqrt(var + epsilon)}, as Gymnasium's {@code NormalizeObservation}. The observation
 * space becomes unbounded. {@link #setUpdate(boolean) setUpdate(false)} freezes the statistics (evaluation).
 */
public final class NormalizeObservation<A> extends Wrapper<float[], A> {
    private final RunningMeanStd rms;
    private final double epsilon;
    private final Box space;
    private boolean update = true;

    /** Normalizes with Gymnasium's default epsilon 1e-8. */
    public NormalizeObservation(Env<float[], A> env) {
        this(env, 1e-8);
    }

    /** Normalizes by running mean and variance: (obs - mean) / sqrt(var + epsilon). */
    public NormalizeObservation(Env<float[], A> env, double epsilon) {
        super(env);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("NormalizeObservation: observation space " + env.observationSpace() + " is not a Box");
        }
        this.rms = new RunningMeanStd(box.size());
        this.epsilon = epsilon;
        this.space = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.shape());
    }

    @Override
    public Space<float[]> observationSpace() { return space; }

    /** The running statistics (to save or share them). */
    public RunningMeanStd runningMeanStd() { return rms; }

    /** Whether steps still update the statistics (off for evaluation). */
    public void setUpdate(boolean update) { this.update = update; }

    @Override
    public Reset<float[]> reset(long seed) {
        Reset<float[]> r = env.reset(seed);
        return r.withObservation(normalize(r.observation()));
    }

    @Override
    public Reset<float[]> reset() {
        Reset<float[]> r = env.reset();
        return r.withObservation(normalize(r.observation()));
    }

    @Override
    public Step<float[]> step(A action) {
        Step<float[]> s = env.step(action);
        return s.withObservation(normalize(s.observation()));
    }

    private float[] normalize(float[] obs) {
        if (update) {
            rms.update(obs);
        }
        float[] out = new float[obs.length];
        for (int i = 0; i < obs.length; i++) {
            out[i] = (float) ((obs[i] - rms.mean(i)) / Math.sqrt(rms.var(i) + epsilon));
        }
        return out;
    }
}
