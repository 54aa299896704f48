package com.example;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A user-defined environment: keep a room at 21 degrees with a heater (off, low, high) while heat leaks
 * to the outside (Newton's law of cooling, one step = one minute). Observation: [inside, outside]
 * temperature; reward: minus the distance to 21 degrees; the episode terminates if the room leaves
 * [0, 45] degrees. The time limit comes from the registry, not from the env.
 */
public final class ThermostatEnv implements Env<float[], Integer> {
    private static final Box OBSERVATION_SPACE = new Box(new float[] {-50f, -30f}, new float[] {100f, 40f});
    private static final Discrete ACTION_SPACE = new Discrete(3);
    private static final double TARGET = 21.0;

    private RandomGenerator rng;
    private double inside;
    private double outside;

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Discrete actionSpace() { return ACTION_SPACE; }

    @Override
    public Reset<float[]> reset(long seed) {
        rng = new SplittableRandom(seed); // all randomness from the seed: same seed, same episode
        return reset();
    }

    @Override
    public Reset<float[]> reset() {
        if (rng == null) {
            rng = new SplittableRandom();
        }
        inside = rng.nextDouble(10, 30);
        outside = rng.nextDouble(-5, 25);
        return new Reset<>(observation(), Map.of());
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (rng == null) {
            throw new IllegalStateException("Thermostat: step before reset; call reset(seed) first");
        }
        int heat = ACTION_SPACE.check(action, "Thermostat: action");
        inside += 0.05 * (outside - inside) + 0.5 * heat + 0.1 * rng.nextGaussian();
        boolean terminated = inside < 0 || inside > 45;
        double reward = -Math.abs(inside - TARGET);
        return new Step<>(observation(), reward, terminated, false, Map.of("heater", heat));
    }

    private float[] observation() {
        return new float[] {(float) inside, (float) outside};
    }

    @Override
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(100, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 200);
        int level = (int) Math.max(0, Math.min(200, inside * 4)); // 4 pixels per degree
        g.setColor(Color.RED);
        g.fillRect(35, 200 - level, 30, level);
        g.setColor(Color.BLACK);
        g.drawLine(20, 200 - (int) (TARGET * 4), 80, 200 - (int) (TARGET * 4));
        g.dispose();
        return image;
    }
}
