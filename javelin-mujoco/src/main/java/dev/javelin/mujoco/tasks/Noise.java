package dev.javelin.mujoco.tasks;

import dev.javelin.env.random.NumpyGenerator;

/** The reset noise Gymnasium's MuJoCo tasks add to the initial state, drawn in NumPy's order. */
final class Noise {
    private Noise() {
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
