package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.Map;

/**
 * Inverted pendulum swing-up, Gymnasium 0.29.1 {@code PendulumEnv}: semi-implicit Euler with dt = 0.05,
 * speed clipped to 8, torque to 2, reward {@code -(angle^2 + 0.1 thdot^2 + 0.001 u^2)} with the angle
 * normalized to [-pi, pi). Never terminates; the registry truncates at 200 steps.
 */
public final class Pendulum extends ClassicControlEnv<float[]> {
    private static final double MAX_SPEED = 8;
    private static final double MAX_TORQUE = 2.0;
    private static final double DT = 0.05;
    private static final double M = 1.0;
    private static final double L = 1.0;

    private static final Box OBSERVATION_SPACE = new Box(new float[] {-1, -1, -8}, new float[] {1, 1, 8});
    private static final Box ACTION_SPACE = new Box((float) -MAX_TORQUE, (float) MAX_TORQUE, 1);

    private final double g;
    /** Last applied torque, drawn as an arc; NaN after reset (Gymnasium's {@code last_u = None}). */
    private double lastU = Double.NaN;

    public Pendulum() {
        this(10.0);
    }

    /** @param g gravity (Gymnasium's {@code g} keyword, default 10.0) */
    public Pendulum(double g) {
        super(2);
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException("Pendulum-v1: g = " + g + ", expected a finite number");
        }
        this.g = g;
    }

    @Override
    public String id() { return "Pendulum-v1"; }

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Box actionSpace() { return ACTION_SPACE; }

    @Override
    protected void sampleInitialState(NumpyGenerator npRandom) {
        // Gymnasium: high = [DEFAULT_X, DEFAULT_Y] = [pi, 1], uniform(low=-high, high=high) on arrays.
        double[] high = {Math.PI, 1.0};
        double[] initial = npRandom.uniform(new double[] {-high[0], -high[1]}, high);
        state[0] = initial[0];
        state[1] = initial[1];
    }

    @Override
    protected void onReset() {
        lastU = Double.NaN;
    }

    @Override
    protected Step<float[]> transition(float[] action) {
        double th = state[0], thDot = state[1];
        double u = clip(action[0], -MAX_TORQUE, MAX_TORQUE);
        lastU = u;
        double an = angleNormalize(th);
        double costs = an * an + 0.1 * (thDot * thDot) + 0.001 * (u * u);
        double newThDot = thDot + (3 * g / (2 * L) * Math.sin(th) + 3.0 / (M * (L * L)) * u) * DT;
        newThDot = clip(newThDot, -MAX_SPEED, MAX_SPEED);
        double newTh = th + newThDot * DT;
        state[0] = newTh;
        state[1] = newThDot;
        return new Step<>(observation(), -costs, false, false, Map.of());
    }

    /** {@code ((x + pi) % (2 pi)) - pi} with Python's floor modulo (the result takes the divisor's sign). */
    static double angleNormalize(double x) {
        double period = 2 * Math.PI;
        double m = (x + Math.PI) % period;
        if (m != 0 && m < 0) {
            m += period;
        }
        return m - Math.PI;
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) Math.cos(state[0]), (float) Math.sin(state[0]), (float) state[1]};
    }

    @Override
    protected int screenWidth() { return 500; }

    @Override
    protected int screenHeight() { return 500; }

    @Override
    protected void draw(Graphics2D gr) {
        double bound = 2.2;
        double scale = screenWidth() / (bound * 2);
        double offset = screenWidth() / 2.0;
        double rodLength = 1 * scale;
        double rodWidth = 0.2 * scale;
        double angle = state[0] + Math.PI / 2;
        double ex = offset + rodLength * Math.cos(angle), ey = offset + rodLength * Math.sin(angle);

        gr.setColor(new Color(204, 77, 77));
        gr.setStroke(new BasicStroke((float) rodWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gr.draw(new Line2D.Double(offset, offset, ex, ey));

        if (!Double.isNaN(lastU) && lastU != 0) {
            // Gymnasium blits a clockwise-arrow image scaled by |u|; an arc of the same size and sense stands in.
            double r = scale * Math.abs(lastU) / 4;
            gr.setColor(Color.BLACK);
            gr.setStroke(new BasicStroke(3f));
            gr.draw(new Arc2D.Double(offset - r, offset - r, 2 * r, 2 * r, lastU > 0 ? 0 : 180, lastU > 0 ? 270 : -270, Arc2D.OPEN));
        }
        double axle = 0.05 * scale;
        gr.setColor(Color.BLACK);
        gr.fill(new Ellipse2D.Double(offset - axle, offset - axle, 2 * axle, 2 * axle));
    }
}
