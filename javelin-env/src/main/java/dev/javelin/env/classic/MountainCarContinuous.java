package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.Graphics2D;
import java.util.Map;

/**
 * Mountain car with a continuous force in [-1, 1], Gymnasium 0.29.1 {@code Continuous_MountainCarEnv}:
 * {@code v += f * 0.0015 - 0.0025 cos(3 x)}, reward {@code -0.1 a^2} plus 100 on reaching x >= 0.45.
 * Gymnasium computes a step in float64 and stores the state as float32, so the state is rounded to
 * float32 after every step (the reset state stays float64, as in Gymnasium).
 */
public final class MountainCarContinuous extends ClassicControlEnv<float[]> {
    private static final double MIN_ACTION = -1.0;
    private static final double MAX_ACTION = 1.0;
    private static final double GOAL_POSITION = 0.45;
    private static final double POWER = 0.0015;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MountainCar.MIN_POSITION, (float) -MountainCar.MAX_SPEED},
            new float[] {(float) MountainCar.MAX_POSITION, (float) MountainCar.MAX_SPEED});
    private static final Box ACTION_SPACE = new Box((float) MIN_ACTION, (float) MAX_ACTION, 1);

    private final double goalVelocity;

    public MountainCarContinuous() {
        this(0);
    }

    public MountainCarContinuous(double goalVelocity) {
        super(2);
        if (!Double.isFinite(goalVelocity)) {
            throw new IllegalArgumentException("MountainCarContinuous-v0: goal_velocity = " + goalVelocity
                    + ", expected a finite number");
        }
        this.goalVelocity = goalVelocity;
    }

    @Override
    public String id() { return "MountainCarContinuous-v0"; }

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Box actionSpace() { return ACTION_SPACE; }

    @Override
    protected void sampleInitialState(NumpyGenerator npRandom) {
        state[0] = npRandom.uniform(-0.6, -0.4);
        state[1] = 0;
    }

    @Override
    protected Step<float[]> transition(float[] action) {
        double position = state[0], velocity = state[1];
        double force = clip(action[0], MIN_ACTION, MAX_ACTION);
        velocity += force * POWER - 0.0025 * Math.cos(3 * position);
        velocity = clip(velocity, -MountainCar.MAX_SPEED, MountainCar.MAX_SPEED);
        position += velocity;
        position = clip(position, MountainCar.MIN_POSITION, MountainCar.MAX_POSITION);
        if (position == MountainCar.MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        // Judged in float64, before the float32 store, as in Gymnasium.
        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        double reward = terminated ? 100.0 : 0.0;
        reward -= ((double) action[0] * action[0]) * 0.1;
        state[0] = (float) position;
        state[1] = (float) velocity;
        return new Step<>(observation(), reward, terminated, false, Map.of());
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) state[0], (float) state[1]};
    }

    @Override
    protected int screenWidth() { return MountainCarDrawing.WIDTH; }

    @Override
    protected int screenHeight() { return MountainCarDrawing.HEIGHT; }

    @Override
    protected void draw(Graphics2D g) {
        MountainCarDrawing.draw(g, state[0], GOAL_POSITION);
    }
}
