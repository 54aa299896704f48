package dev.javelin.rl.td3;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * skrl's {@code GaussianNoise(mean, std)}: independent N(mean, std^2) draws, named in a config as
 * {@code <key>: gaussian} with {@code <key>_kwargs: {mean: 0, std: 0.1}} (mean defaults to 0, std is required).
 */
public record GaussianNoise(double mean, double std) {
    /** The name of this noise in a config. */
    public static final String GAUSSIAN = "gaussian";
    private static final Set<String> KWARGS = Set.of("mean", "std");

    /** Validates: a finite mean and a std &gt; 0. */
    public GaussianNoise {
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("gaussian noise needs a finite mean and a std > 0, got mean " + mean
                    + " and std " + std);
        }
    }

    /**
     * The noise a config names, or empty when {@code noise} is empty (null in YAML).
     *
     * @param key the config key of the noise, for messages ({@code exploration.noise})
     * @throws IllegalArgumentException naming {@code key} for an unknown noise, and {@code key_kwargs.k} for a bad value
     */
    public static Optional<GaussianNoise> of(String key, Optional<String> noise, Map<String, Object> kwargs) {
        if (noise.isEmpty()) {
            if (!kwargs.isEmpty()) {
                throw new IllegalArgumentException(key + "_kwargs " + kwargs + " given without " + key);
            }
            return Optional.empty();
        }
        if (!noise.get().equals(GAUSSIAN)) {
            throw new IllegalArgumentException(key + " must be null or '" + GAUSSIAN + "', got '" + noise.get() + "'");
        }
        kwargs.forEach((k, v) -> {
            if (!KWARGS.contains(k)) {
                throw new IllegalArgumentException(key + "_kwargs: unknown key '" + k + "'; allowed: " + new TreeSet<>(KWARGS));
            }
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException(key + "_kwargs." + k + " must be a finite number, got " + v);
            }
        });
        if (!(kwargs.get("std") instanceof Number std) || !(std.doubleValue() > 0)) {
            throw new IllegalArgumentException(key + "_kwargs.std must be a number > 0, got " + kwargs.get("std"));
        }
        double mean = kwargs.get("mean") instanceof Number m ? m.doubleValue() : 0;
        return Optional.of(new GaussianNoise(mean, std.doubleValue()));
    }

    /** One draw per entry of a [rows, cols] tensor. */
    Tensor sample(Rng rng, int rows, int cols) {
        return Tensor.randn(rng, rows, cols).mul((float) std).add((float) mean);
    }

    /** One draw. */
    float sample(Rng rng) {
        return (float) (mean + std * rng.nextGaussian());
    }
}
