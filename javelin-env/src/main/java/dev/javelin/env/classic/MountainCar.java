package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.Graphics2D;
import java.util.Map;

/**
 * Mountain car with three discrete accelerations (Moore 1990), Gymnasium 0.29.1 {@code MountainCarEnv}:
 * {@code v += (a - 1) * 0.001 - 0.0025 cos(3 x)}, reward -1 per step, termination at x >= 0.5 with
 * v >= goal_velocity; the state stays float64.
 */
public final class MountainCar extends ClassicControlEnv<Integer> {
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    private static final double GOAL_POSITION = 0.5;
    private static final double FORCE = 0.001;
    private static final double GRAVITY = 0.0025;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED}, new float[] {(float) MAX_POSITION, (float) MAX_SPEED});
    private static final Discrete ACTION_SPACE = new Discrete(3);

    private final double goalVelocity;

    public MountainCar() {
        this(0);
    }

    public MountainCar(double goalVelocity) {
        super(2);
        if (!Double.isFinite(goalVelocity)) {
            throw new IllegalArgumentException("MountainCar-v0: goal_velocity = " + goalVelocity + ", expected a finite number");
        }
        this.goalVelocity = goalVelocity;
    }

    @Override
    public String id() { return "MountainCar-v0"; }

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Discrete actionSpace() { return ACTION_SPACE; }

    @Override
    protected void sampleInitialState(NumpyGenerator npRandom) {
        state[0] = npRandom.uniform(-0.6, -0.4);
        state[1] = 0;
    }

    @Override
    protected Step<float[]> transition(Integer action) {
        double position = state[0], velocity = state[1];
        velocity += (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
        velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
        position += velocity;
        position = clip(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        state[0] = position;
        state[1] = velocity;
        return new Step<>(observation(), -1.0, terminated, false, Map.of());
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
