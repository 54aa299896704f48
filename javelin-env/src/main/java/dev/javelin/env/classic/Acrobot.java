package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.Map;

/**
 * Two-link acrobot swing-up (Sutton 1996; "book" dynamics), Gymnasium 0.29.1 {@code AcrobotEnv}: one RK4
 * step of dt = 0.2 with the torque held constant, joint angles wrapped to [-pi, pi], velocities bounded
 * to 4 pi and 9 pi, reward -1 until the tip rises above the bar ({@code -cos(t1) - cos(t1 + t2) > 1}).
 */
public final class Acrobot extends ClassicControlEnv<Integer> {
    private static final double DT = 0.2;
    private static final double LINK_LENGTH_1 = 1.0;
    private static final double LINK_LENGTH_2 = 1.0;
    private static final double LINK_MASS_1 = 1.0;
    private static final double LINK_MASS_2 = 1.0;
    private static final double LINK_COM_POS_1 = 0.5;
    private static final double LINK_COM_POS_2 = 0.5;
    private static final double LINK_MOI = 1.0;
    private static final double MAX_VEL_1 = 4 * Math.PI;
    private static final double MAX_VEL_2 = 9 * Math.PI;
    private static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
            new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2});
    private static final Discrete ACTION_SPACE = new Discrete(3);

    private final double[] k1 = new double[4], k2 = new double[4], k3 = new double[4], k4 = new double[4];
    private final double[] y = new double[4];

    public Acrobot() {
        super(4);
    }

    @Override
    public String id() { return "Acrobot-v1"; }

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Discrete actionSpace() { return ACTION_SPACE; }

    @Override
    protected void sampleInitialState(NumpyGenerator npRandom) {
        // Gymnasium draws the reset state in float64 and casts it to float32.
        double[] initial = npRandom.uniform(-0.1, 0.1, 4);
        for (int i = 0; i < 4; i++) {
            state[i] = (float) initial[i];
        }
    }

    @Override
    protected Step<float[]> transition(Integer action) {
        double torque = AVAIL_TORQUE[action];
        rk4(torque);
        state[0] = wrap(state[0], -Math.PI, Math.PI);
        state[1] = wrap(state[1], -Math.PI, Math.PI);
        state[2] = clip(state[2], -MAX_VEL_1, MAX_VEL_1);
        state[3] = clip(state[3], -MAX_VEL_2, MAX_VEL_2);
        boolean terminated = -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
        return new Step<>(observation(), terminated ? 0.0 : -1.0, terminated, false, Map.of());
    }

    /** Gymnasium's {@code rk4(self._dsdt, s_augmented, [0, dt])}, same operation order. */
    private void rk4(double torque) {
        double dt = DT - 0.0;
        double dt2 = dt / 2.0;
        dsdt(state, torque, k1);
        for (int i = 0; i < 4; i++) {
            y[i] = state[i] + dt2 * k1[i];
        }
        dsdt(y, torque, k2);
        for (int i = 0; i < 4; i++) {
            y[i] = state[i] + dt2 * k2[i];
        }
        dsdt(y, torque, k3);
        for (int i = 0; i < 4; i++) {
            y[i] = state[i] + dt * k3[i];
        }
        dsdt(y, torque, k4);
        for (int i = 0; i < 4; i++) {
            state[i] = state[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    /** Equations of motion from Sutton and Barto's book (the {@code book_or_nips = "book"} branch). */
    private static void dsdt(double[] s, double a, double[] out) {
        double m1 = LINK_MASS_1, m2 = LINK_MASS_2, l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1, lc2 = LINK_COM_POS_2, i1 = LINK_MOI, i2 = LINK_MOI;
        double g = 9.8;
        double theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3];
        double d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * Math.cos(theta2)) + i1 + i2;
        double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * Math.cos(theta2)) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    private static double wrap(double x, double m, double mMax) {
        double diff = mMax - m;
        while (x > mMax) {
            x = x - diff;
        }
        while (x < m) {
            x = x + diff;
        }
        return x;
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) Math.cos(state[0]), (float) Math.sin(state[0]), (float) Math.cos(state[1]),
                (float) Math.sin(state[1]), (float) state[2], (float) state[3]};
    }

    @Override
    public int renderFps() { return 15; }

    @Override
    protected int screenWidth() { return 500; }

    @Override
    protected int screenHeight() { return 500; }

    @Override
    protected void draw(Graphics2D g) {
        double bound = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
        double scale = screenWidth() / (bound * 2);
        double offset = screenWidth() / 2.0;
        // Gymnasium swaps x and y of the link ends, so the chain hangs down at theta1 = 0.
        double p1x = LINK_LENGTH_1 * Math.sin(state[0]) * scale, p1y = -LINK_LENGTH_1 * Math.cos(state[0]) * scale;
        double p2x = p1x + LINK_LENGTH_2 * Math.sin(state[0] + state[1]) * scale;
        double p2y = p1y - LINK_LENGTH_2 * Math.cos(state[0] + state[1]) * scale;

        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(-2.2 * scale + offset, 1 * scale + offset, 2.2 * scale + offset, 1 * scale + offset));

        double[][] joints = {{0, 0}, {p1x, p1y}, {p2x, p2y}};
        g.setColor(new Color(0, 204, 204));
        g.setStroke(new BasicStroke((float) (0.2 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 2; i++) {
            g.draw(new Line2D.Double(joints[i][0] + offset, joints[i][1] + offset,
                    joints[i + 1][0] + offset, joints[i + 1][1] + offset));
        }
        g.setColor(new Color(204, 204, 0));
        double r = 0.1 * scale;
        for (int i = 0; i < 2; i++) {
            g.fill(new Ellipse2D.Double(joints[i][0] + offset - r, joints[i][1] + offset - r, 2 * r, 2 * r));
        }
    }
}
