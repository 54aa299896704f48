package dev.javelin.mujoco.motion;

import java.util.List;

/**
 * A reference motion for one MuJoCo character, sampled every {@code dt} seconds: per frame the model's full
 * {@code qpos} (root position and orientation included) and {@code qvel}, and the world positions of the key bodies
 * computed by MuJoCo's forward kinematics (3 values per key body, in {@code keyBodies} order).
 *
 * <p>A {@code qpos} one value longer than {@code qvel} means the character's root is a free joint: {@code qpos[0..3)}
 * its position, {@code qpos[3..7)} its orientation quaternion (w, x, y, z), which {@link #stateAt} interpolates
 * by slerp.
 *
 * @param character        the character's name (see {@link Characters#named})
 * @param dt               seconds between frames, &gt; 0
 * @param qpos             frames x nq joint positions
 * @param qvel             frames x nv joint velocities
 * @param keyBodies        names of the key bodies
 * @param keyBodyPositions frames x (3 * keyBodies.size()) world positions of the key bodies
 */
public record MotionLibrary(String character, double dt, double[][] qpos, double[][] qvel, List<String> keyBodies,
                            double[][] keyBodyPositions) {

    /** A character's pose and velocity at one time. */
    public record State(double[] qpos, double[] qvel) {
    }

    /** Checks the frame counts, row sizes, dt and the root quaternion's norm; copies the lists. */
    public MotionLibrary {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": dt " + dt + ", expected > 0");
        }
        if (qpos.length == 0) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": 0 frames of qpos, expected >= 1");
        }
        if (qvel.length != qpos.length || keyBodyPositions.length != qpos.length) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": " + qpos.length + " frames of qpos, "
                    + qvel.length + " of qvel and " + keyBodyPositions.length
                    + " of keyBodyPositions, expected the same number");
        }
        keyBodies = List.copyOf(keyBodies);
        int nq = qpos[0].length;
        int nv = qvel[0].length;
        if (nq - nv != 0 && nq - nv != 1) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": qpos of " + nq + " values and qvel of "
                    + nv + ", expected nq = nv (hinges and slides) or nq = nv + 1 (a free root joint)");
        }
        if (nq == nv + 1 && nq < 7) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": qpos of " + nq
                    + " values with a free root joint, expected >= 7");
        }
        for (int f = 0; f < qpos.length; f++) {
            checkRow("qpos", f, qpos[f], nq);
            checkRow("qvel", f, qvel[f], nv);
            checkRow("keyBodyPositions", f, keyBodyPositions[f], 3 * keyBodies.size());
            if (nq == nv + 1) {
                double n = Math.sqrt(qpos[f][3] * qpos[f][3] + qpos[f][4] * qpos[f][4] + qpos[f][5] * qpos[f][5]
                        + qpos[f][6] * qpos[f][6]);
                if (Math.abs(n - 1) > 1e-6) {
                    throw new IllegalArgumentException("MotionLibrary " + character + ": root quaternion of frame " + f
                            + " has norm " + n + ", expected 1");
                }
            }
        }
    }

    private void checkRow(String name, int frame, double[] row, int size) {
        if (row.length != size) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": " + name + " of frame " + frame
                    + " has " + row.length + " values, expected " + size);
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException("MotionLibrary " + character + ": " + name + "[" + frame + "][" + i
                        + "] is " + row[i] + ", expected a finite number");
            }
        }
    }

    /** The number of frames. */
    public int frames() {
        return qpos.length;
    }

    /** Seconds from the first frame to the last: {@code (frames() - 1) * dt}. */
    public double duration() {
        return (qpos.length - 1) * dt;
    }

    /**
     * The root's mean forward speed over the clip, m/s: its displacement along x ({@code qpos[0]}, the first root
     * coordinate for both a free and a planar root) from the first frame to the last, over {@link #duration()}.
     */
    public double meanForwardSpeed() {
        return (qpos[qpos.length - 1][0] - qpos[0][0]) / duration();
    }

    /** Whether the root is a free joint (its orientation a quaternion at {@code qpos[3..7)}). */
    public boolean hasFreeRoot() {
        return qpos[0].length == qvel[0].length + 1;
    }

    /**
     * The state at {@code time} seconds (clamped to [0, {@link #duration()}]): positions and velocities linearly
     * interpolated between the two nearest frames, a free root's orientation by quaternion slerp.
     */
    public State stateAt(double time) {
        if (Double.isNaN(time)) {
            throw new IllegalArgumentException("MotionLibrary " + character + ": time NaN, expected a number of seconds");
        }
        double t = Math.clamp(time, 0.0, duration()) / dt;
        int f = Math.min((int) Math.floor(t), frames() - 1);
        int g = Math.min(f + 1, frames() - 1);
        double a = t - f;
        double[] q = lerp(qpos[f], qpos[g], a);
        if (hasFreeRoot()) {
            double[] r = Quaternions.slerp(java.util.Arrays.copyOfRange(qpos[f], 3, 7),
                    java.util.Arrays.copyOfRange(qpos[g], 3, 7), a);
            System.arraycopy(r, 0, q, 3, 4);
        }
        return new State(q, lerp(qvel[f], qvel[g], a));
    }

    private static double[] lerp(double[] x, double[] y, double a) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * (y[i] - x[i]);
        }
        return out;
    }
}
