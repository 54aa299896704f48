package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.env.random.NumpyGenerator;

/** The reset noise Gymnasium's MuJoCo tasks add to the initial state, drawn in NumPy's order. */
public final class Noise {
    private Noise() {
    }

    /**
     * The {@code reset_noise_scale} option, checked when the env is made: Gymnasium takes a negative scale and then
     * fails at the first reset, where NumPy's {@code uniform(-scale, scale)} refuses a negative range.
     *
     * @param o            the env's options
     * @param defaultScale the task's default
     * @return the scale, finite and {@code >= 0}
     */
    public static double scale(EnvSpec.Options o, double defaultScale) {
        double scale = o.getDouble("reset_noise_scale", defaultScale);
        if (!(scale >= 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("make(" + o.id() + "): reset_noise_scale = " + scale
                    + ", expected a finite number >= 0 (the noise is uniform(-scale, scale))");
        }
        return scale;
    }

    /**
     * {@code init + np_random.uniform(low=-scale, high=scale, size=len(init))}.
     *
     * @param init  the initial positions or velocities
     * @param rng   the env's generator
     * @param scale the noise's half-width
     * @return a new array
     */
    public static double[] uniformAdded(double[] init, NumpyGenerator rng, double scale) {
        double[] noise = rng.uniform(-scale, scale, init.length);
        double[] out = new double[init.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = init[i] + noise[i];
        }
        return out;
    }

    /**
     * {@code init + scale * np_random.standard_normal(len(init))}.
     *
     * @param init  the initial positions or velocities
     * @param rng   the env's generator
     * @param scale the noise's standard deviation
     * @return a new array
     */
    public static double[] normalAdded(double[] init, NumpyGenerator rng, double scale) {
        double[] noise = rng.standardNormal(init.length);
        double[] out = new double[init.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = init[i] + scale * noise[i];
        }
        return out;
    }
}
