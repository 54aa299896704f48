package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.env.random.NumpyGenerator;

/** The reset noise Gymnasium's MuJoCo tasks add to the initial state, drawn in NumPy's order. */
final class Noise {
    private Noise() {
    }

    /**
     * The {@code reset_noise_scale} option, checked when the env is made: Gymnasium takes a negative scale and then
     * fails at the first reset, where NumPy's {@code uniform(-scale, scale)} refuses a negative range.
     */
    static double scale(EnvSpec.Options o, double defaultScale) {
        double scale = o.getDouble("reset_noise_scale", defaultScale);
        if (!(scale >= 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("make(" + o.id() + "): reset_noise_scale = " + scale
                    + ", expected a finite number >= 0 (the noise is uniform(-scale, scale))");
        }
        return scale;
    }

    /** {@code init + np_random.uniform(low=-scale, high=scale, size=len(init))}. */
    static double[] uniformAdded(double[] init, NumpyGenerator rng, double scale) {
        double[] noise = rng.uniform(-scale, scale, init.length);
        double[] out = new double[init.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = init[i] + noise[i];
        }
        return out;
    }

    /** {@code init + scale * np_random.standard_normal(len(init))}. */
    static double[] normalAdded(double[] init, NumpyGenerator rng, double scale) {
        double[] noise = rng.standardNormal(init.length);
        double[] out = new double[init.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = init[i] + scale * noise[i];
        }
        return out;
    }
}
