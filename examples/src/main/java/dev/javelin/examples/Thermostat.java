package dev.javelin.examples;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A user-written env: keep a room at 21 degrees against a drifting outside temperature by cooling, idling or
 * heating. Observation: room and outside temperature minus 21; reward: minus the distance to 21.
 */
public final class Thermostat implements Env<float[], Integer> {
    public static final String ID = "Thermostat-v0";
    static final double TARGET = 21;

    private final Box observations = new Box(-50f, 50f, 2);
    private final Discrete actions = new Discrete(3);
    private SplittableRandom random = new SplittableRandom();
    private double room;
    private double outside;
    private boolean started;

    /** Makes {@code Envs.make("Thermostat-v0")} (and so training by id) build this env, 200 steps an episode. */
    public static void register() {
        Envs.register(ID, 200, Thermostat::new);
    }

    @Override
    public Space<float[]> observationSpace() {
        return observations;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actions;
    }

    @Override
    public Reset<float[]> reset(long seed) {
        random = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public Reset<float[]> reset() {
        room = TARGET + 8 * (random.nextDouble() - 0.5);
        outside = TARGET + 30 * (random.nextDouble() - 0.5);
        started = true;
        return new Reset<>(observation(), Map.of());
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (!started) {
            throw new IllegalStateException("Thermostat: step before reset");
        }
        if (action == null || action < 0 || action > 2) {
            throw new IllegalArgumentException("Thermostat: action " + action + " is not in " + actions);
        }
        // heat flows toward the outside temperature; the heater adds or removes up to 1 degree a step
        room += 0.05 * (outside - room) + (action - 1);
        outside += 0.2 * random.nextGaussian();
        return new Step<>(observation(), -Math.abs(room - TARGET), false, false, Map.of());
    }

    private float[] observation() {
        return new float[] {(float) (room - TARGET), (float) (outside - TARGET)};
    }
}
