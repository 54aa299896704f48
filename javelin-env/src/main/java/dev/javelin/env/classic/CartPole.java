package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.Map;

/**
 * Cart-pole balancing (Barto, Sutton, Anderson 1983), Gymnasium 0.29.1 {@code CartPoleEnv}: explicit Euler
 * with tau = 0.02, reward 1 on every step including the one that terminates, termination when
 * |x| > 2.4 or |theta| > 12 degrees. Actions: 0 pushes left, 1 pushes right.
 */
public final class CartPole extends ClassicControlEnv<Integer> {
    private static final double GRAVITY = 9.8;
    private static final double MASS_CART = 1.0;
    private static final double MASS_POLE = 0.1;
    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    private static final double LENGTH = 0.5; // half the pole's length
    private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    private static final double FORCE_MAG = 10.0;
    private static final double TAU = 0.02;
    private static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    private static final double X_THRESHOLD = 2.4;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) (-X_THRESHOLD * 2), -Float.MAX_VALUE, (float) (-THETA_THRESHOLD * 2), -Float.MAX_VALUE},
            new float[] {(float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD * 2), Float.MAX_VALUE});
    private static final Discrete ACTION_SPACE = new Discrete(2);

    /** Gymnasium's {@code steps_beyond_terminated}: -1 while the episode runs. */
    private int stepsBeyondTerminated = -1;

    public CartPole() {
        super(4);
    }

    @Override
    public String id() { return "CartPole-v1"; }

    @Override
    public Box observationSpace() { return OBSERVATION_SPACE; }

    @Override
    public Discrete actionSpace() { return ACTION_SPACE; }

    @Override
    protected void sampleInitialState(NumpyGenerator npRandom) {
        System.arraycopy(npRandom.uniform(-0.05, 0.05, 4), 0, state, 0, 4);
    }

    @Override
    protected void onReset() {
        stepsBeyondTerminated = -1;
    }

    @Override
    protected Step<float[]> transition(Integer action) {
        double x = state[0], xDot = state[1], theta = state[2], thetaDot = state[3];
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        // Florian (2007), "Correct equations for the dynamics of the cart-pole system", eqs. 23-24 (no friction).
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        state[0] = x;
        state[1] = xDot;
        state[2] = theta;
        state[3] = thetaDot;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
        double reward;
        if (!terminated) {
            reward = 1.0;
        } else if (stepsBeyondTerminated < 0) {
            stepsBeyondTerminated = 0;
            reward = 1.0;
        } else {
            // Gymnasium warns and pays nothing for steps after termination: undefined behaviour, kept identical.
            stepsBeyondTerminated++;
            reward = 0.0;
        }
        return new Step<>(observation(), reward, terminated, false, Map.of());
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
    }

    @Override
    public int renderFps() { return 50; }

    @Override
    protected int screenWidth() { return 600; }

    @Override
    protected int screenHeight() { return 400; }

    @Override
    protected void draw(Graphics2D g) {
        double scale = screenWidth() / (X_THRESHOLD * 2);
        double poleWidth = 10.0;
        double poleLen = scale * (2 * LENGTH);
        double cartWidth = 50.0, cartHeight = 30.0;
        double cartX = state[0] * scale + screenWidth() / 2.0;
        double cartY = 100;
        double axleOffset = cartHeight / 4.0;

        g.setColor(Color.BLACK);
        g.fill(new java.awt.geom.Rectangle2D.Double(cartX - cartWidth / 2, cartY - cartHeight / 2, cartWidth, cartHeight));

        // The pole rotates by -theta about the axle (pygame's rotate_rad(-x[2]) before the flip).
        double c = Math.cos(-state[2]), s = Math.sin(-state[2]);
        double l = -poleWidth / 2, r = poleWidth / 2, t = poleLen - poleWidth / 2, b = -poleWidth / 2;
        Path2D.Double pole = new Path2D.Double();
        double[][] corners = {{l, b}, {l, t}, {r, t}, {r, b}};
        for (int i = 0; i < 4; i++) {
            double px = corners[i][0] * c - corners[i][1] * s + cartX;
            double py = corners[i][0] * s + corners[i][1] * c + cartY + axleOffset;
            if (i == 0) {
                pole.moveTo(px, py);
            } else {
                pole.lineTo(px, py);
            }
        }
        pole.closePath();
        g.setColor(new Color(202, 152, 101));
        g.fill(pole);

        g.setColor(new Color(129, 132, 203));
        g.fill(new Ellipse2D.Double(cartX - poleWidth / 2, cartY + axleOffset - poleWidth / 2, poleWidth, poleWidth));

        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(0, cartY, screenWidth(), cartY));
    }
}
