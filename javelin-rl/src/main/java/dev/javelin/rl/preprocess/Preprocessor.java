package dev.javelin.rl.preprocess;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.tensor.Tensor;
import java.util.Map;
import java.util.Optional;

/**
 * One of skrl's preprocessor slots ({@code state_preprocessor}, {@code value_preprocessor}, ...): a
 * {@link RunningStandardScaler} when the config sets one, else the identity (skrl's {@code _empty_preprocessor}).
 * A set one is checkpointed under the slot's name.
 */
public final class Preprocessor {
    private final String name;
    private final Optional<RunningStandardScaler> scaler;

    private Preprocessor(String name, Optional<RunningStandardScaler> scaler) {
        this.name = name;
        this.scaler = scaler;
    }

    /**
     * The preprocessor a config's choice names.
     *
     * @param name    the config key, also the checkpoint group
     * @param setting the config's choice: empty for the identity, else a running standard scaler
     * @param size    features per row
     * @param kwargs  the scaler's kwargs ({@link RunningStandardScaler#fromKwargs})
     */
    public static Preprocessor of(String name, Optional<?> setting, int size, Map<String, ?> kwargs) {
        return new Preprocessor(name, setting.map(s -> RunningStandardScaler.fromKwargs(size, kwargs)));
    }

    /** A scaler merges the first {@code rows} rows of {@code x} as VecNormalize does (RunningStandardScaler#absorb). */
    public void absorb(float[] x, int rows) {
        scaler.ifPresent(s -> s.absorb(x, rows));
    }

    /** skrl's {@code preprocessor(x, train)}: with {@code train} a scaler absorbs {@code x} first. */
    public Tensor apply(Tensor x, boolean train) {
        return scaler.map(s -> s.apply(x, train)).orElse(x);
    }

    /** {@link #apply(Tensor, boolean)} on rows of floats, into a new array. */
    public float[] apply(float[] x, boolean train) {
        float[] out = x.clone();
        scaler.ifPresent(s -> {
            int rows = rows(x, s);
            if (train) {
                s.update(out, rows);
            }
            s.standardize(out, out, rows);
        });
        return out;
    }

    /** skrl's {@code preprocessor(x, inverse=True)}: standardized predictions back in data units, into a new array. */
    public float[] inverse(float[] x) {
        float[] out = x.clone();
        scaler.ifPresent(s -> s.inverse(out, out, rows(x, s)));
        return out;
    }

    private int rows(float[] x, RunningStandardScaler s) {
        if (x.length % s.size() != 0) {
            throw new IllegalArgumentException(name + ": " + x.length + " floats are no whole rows of " + s.size());
        }
        return x.length / s.size();
    }

    /** Puts a set scaler's statistics into {@code c} under the slot's name. */
    public void save(Checkpoint c) {
        scaler.ifPresent(s -> c.putFloat64(name, s.state()));
    }

    /** Loads a set scaler's statistics from {@code c}. */
    public void restore(Checkpoint c) {
        scaler.ifPresent(s -> s.load(c.float64Group(name)));
    }
}
