package dev.javelin.env.motion;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.classic.Pendulum;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * AMP testbed: Pendulum-v1's dynamics (here with weak gravity, g = 2 by default) whose reference motion is a
 * steady spin, recorded from a known controller {@code u = clip(2 (omega_ref - thdot), -2, 2)} with
 * {@code omega_ref = 3} rad/s. The reference clips are {@value #REFERENCE_EPISODES} episodes of
 * {@value #EPISODE_STEPS} steps of that controller from Pendulum's initial-state distribution (spin-up included),
 * so a policy imitating them reaches a mean signed angular velocity of about {@link #referenceMeanVelocity()}.
 *
 * <p>Observation and action as Pendulum-v1 ({@code (cos th, sin th, thdot)}, torque in [-2, 2]). AMP observation:
 * the transition (before, after) as {@link MotionDataset#encode} frames of the one angle channel, 6 floats.
 * Task reward {@code -(thdot - omega_ref)^2}, which AMP with {@code task_reward_weight 0} ignores: it is there so
 * the logged returns show how close the learned motion is to the reference speed.
 */
public final class PendulumSpin implements Env<float[], float[]>, AmpEnv {
    /** Episodes of the reference controller recorded as the motion clips. */
    public static final int REFERENCE_EPISODES = 16;
    /** Steps per episode (the time limit, as Pendulum-v1's). */
    public static final int EPISODE_STEPS = 200;
    private static final double DT = 0.05;
    private static final double[] PERIODS = {2 * Math.PI};
    private static final double MAX_TORQUE = 2;

    private final Pendulum pendulum;
    private final double targetVelocity;
    private final MotionDataset reference;
    private SplittableRandom referenceRng = new SplittableRandom(0);

    /** PendulumSpin-v0 with its defaults: gravity 2, target velocity 3 rad/s. */
    public PendulumSpin() {
        this(2.0, 3.0);
    }

    /**
     * PendulumSpin with its options.
     *
     * @param g              gravity of the pendulum
     * @param targetVelocity the reference controller's angular velocity, rad/s (negative spins the other way)
     */
    public PendulumSpin(double g, double targetVelocity) {
        if (!Double.isFinite(targetVelocity) || Math.abs(targetVelocity) > 8) {
            throw new IllegalArgumentException("PendulumSpin: target_velocity = " + targetVelocity
                    + " rad/s, expected a finite number within Pendulum's speed limit of 8");
        }
        this.pendulum = new Pendulum(g);
        this.targetVelocity = targetVelocity;
        this.reference = new MotionDataset(referenceClips(g, targetVelocity));
    }

    /** The reference controller: a proportional speed controller saturated at Pendulum's torque limit. */
    public static double referenceTorque(double thDot, double targetVelocity) {
        return Math.min(Math.max(2 * (targetVelocity - thDot), -MAX_TORQUE), MAX_TORQUE);
    }

    private static List<RecordedClip> referenceClips(double g, double targetVelocity) {
        List<RecordedClip> clips = new ArrayList<>();
        Pendulum p = new Pendulum(g);
        for (int e = 0; e < REFERENCE_EPISODES; e++) {
            p.reset(1_000_003L * e);
            double[][] frames = new double[EPISODE_STEPS + 1][];
            frames[0] = new double[] {p.state()[0]};
            for (int t = 1; t <= EPISODE_STEPS; t++) {
                p.step(new float[] {(float) referenceTorque(p.state()[1], targetVelocity)});
                frames[t] = new double[] {p.state()[0]};
            }
            clips.add(new RecordedClip(List.of("theta"), PERIODS, DT, frames));
        }
        return clips;
    }

    /** The reference motion as a dataset of clips (channel "theta" in radians). */
    public MotionDataset reference() {
        return reference;
    }

    /** The reference controller's spin, rad/s. */
    public double targetVelocity() {
        return targetVelocity;
    }

    /** Mean signed angular velocity over every step of the reference clips, rad/s: the statistic a policy should match. */
    public double referenceMeanVelocity() {
        double sum = 0;
        long n = 0;
        for (MotionClip clip : reference.clips()) {
            for (int f = 1; f < clip.frameCount(); f++) {
                sum += MotionDataset.velocities(clip, f)[0];
                n++;
            }
        }
        return sum / n;
    }

    @Override
    public Box observationSpace() { return pendulum.observationSpace(); }

    @Override
    public Box actionSpace() { return pendulum.actionSpace(); }

    @Override
    public Reset<float[]> reset(long seed) {
        referenceRng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return pendulum.reset(seed);
    }

    @Override
    public Reset<float[]> reset() {
        return pendulum.reset();
    }

    @Override
    public Step<float[]> step(float[] action) {
        double[] before = pendulum.state();
        Step<float[]> s = pendulum.step(action);
        double[] after = pendulum.state();
        float[] amp = new float[ampObservationSize()];
        int f = MotionDataset.featureSize(PERIODS);
        // The state's thdot is the backward difference (th' - th) / dt of Pendulum's semi-implicit Euler step,
        // the same velocity the reference clips get by finite differences.
        MotionDataset.encode(new double[] {before[0]}, new double[] {before[1]}, PERIODS, amp, 0);
        MotionDataset.encode(new double[] {after[0]}, new double[] {after[1]}, PERIODS, amp, f);
        double error = after[1] - targetVelocity;
        return new Step<>(s.observation(), -error * error, false, false, Map.of(AMP_OBS, amp));
    }

    @Override
    public int ampObservationSize() {
        return reference.observationSize();
    }

    @Override
    public float[] collectReferenceMotions(int n) {
        return reference.sample(n, referenceRng);
    }

    @Override
    public float[] collectObservation() {
        double[] s = pendulum.state();
        return new float[] {(float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) s[1]};
    }

    @Override
    public BufferedImage render() { return pendulum.render(); }

    @Override
    public BufferedImage render(int width, int height) { return pendulum.render(width, height); }

    @Override
    public int renderFps() { return pendulum.renderFps(); }

    @Override
    public String toString() {
        return "PendulumSpin-v0";
    }
}
