package dev.javelin.mujoco.amp;

import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MjObject;

import java.util.List;

/**
 * The per-step features of IsaacGymEnvs' {@code build_amp_observations} (humanoid_amp_base.py), read from a MuJoCo
 * state whose kinematics are current ({@code xpos}, {@code xmat}): the policy's observation and one half of an AMP
 * observation. The same code encodes the agent's simulated state and a reference motion's state.
 *
 * <p>Free root (the humanoid), {@code 13 + 2 * dof + 3 * keyBodies} floats: root height; root orientation in its
 * heading frame as tangent-normal 6D (the rotated x axis, then the rotated z axis); root linear and angular
 * velocity rotated into the heading frame (the heading is the yaw of the root's x axis); the hinge angles
 * {@code qpos[7:]} and velocities {@code qvel[6:]}; each key body's position minus the root's, in the heading frame.
 *
 * <p>Planar root (Walker2d: slides rootx, rootz and hinge rooty), {@code 8 + 2 * dof + 2 * keyBodies} floats: the
 * same quantities in the x-z plane, where the heading frame is the world frame (the character always faces +x):
 * root height; the root's x and z axes projected on the plane (4 values); root velocity (x, z) and pitch rate;
 * {@code qpos[3:]} and {@code qvel[3:]}; key-body (x, z) relative to the root.
 */
public final class AmpFeatures {
    private final boolean planar;
    private final int root;
    private final int[] keyBodies;
    private final int nq;
    private final int nv;
    private final int size;

    /**
     * The features of {@code model}, whose first joint is its root (a free joint, or the three planar joints
     * slide x, slide z, hinge y of Walker2d).
     *
     * @param keyBodies names of the bodies whose positions relative to the root are features
     */
    public AmpFeatures(MjModel model, List<String> keyBodies) {
        this.nq = model.nq();
        this.nv = model.nv();
        this.planar = nq == nv;
        if (!planar && model.jntType()[0] != 0) {
            throw new IllegalArgumentException("AmpFeatures: model " + model.source() + " has nq " + nq + " and nv " + nv
                    + " but its first joint is of type " + model.jntType()[0] + ", expected a free root joint (0)");
        }
        if (planar && (model.njnt() < 3 || nq < 3)) {
            throw new IllegalArgumentException("AmpFeatures: model " + model.source() + " has " + model.njnt()
                    + " joints, expected a planar root of 3 (slide x, slide z, hinge y)");
        }
        this.root = model.jntBodyId()[0];
        this.keyBodies = new int[keyBodies.size()];
        for (int i = 0; i < this.keyBodies.length; i++) {
            this.keyBodies[i] = model.requireId(MjObject.BODY, keyBodies.get(i));
        }
        int dof = planar ? nv - 3 : nv - 6;
        this.size = planar ? 8 + 2 * dof + 2 * this.keyBodies.length : 13 + 2 * dof + 3 * this.keyBodies.length;
    }

    /** Floats per step. */
    public int size() {
        return size;
    }

    /** Whether the root moves in the x-z plane only. */
    public boolean planar() {
        return planar;
    }

    /** The root body's id (the body of the first joint). */
    public int rootBody() {
        return root;
    }

    /** Writes the features of {@code d}'s state into {@code out[offset, offset + size())}. */
    public void write(MjData d, float[] out, int offset) {
        if (planar) {
            writePlanar(d, out, offset);
        } else {
            writeFree(d, out, offset);
        }
    }

    private void writeFree(MjData d, float[] out, int offset) {
        MjArray xpos = d.xpos();
        double[] r = d.xmat().row(root);
        double[] p = xpos.row(root);
        // heading: yaw of the root's x axis; H^T = rotation by -heading about z
        double heading = Math.atan2(r[3], r[0]);
        double c = Math.cos(heading);
        double s = Math.sin(heading);
        int k = offset;
        out[k++] = (float) p[2];
        // tangent = H^T R e_x, normal = H^T R e_z
        k = unyaw(r[0], r[3], r[6], c, s, out, k);
        k = unyaw(r[2], r[5], r[8], c, s, out, k);
        MjArray qpos = d.qpos();
        MjArray qvel = d.qvel();
        k = unyaw(qvel.get(0), qvel.get(1), qvel.get(2), c, s, out, k);
        // MuJoCo's free-joint angular velocity is in the root's frame: R w is the world one
        double wx = qvel.get(3);
        double wy = qvel.get(4);
        double wz = qvel.get(5);
        k = unyaw(r[0] * wx + r[1] * wy + r[2] * wz, r[3] * wx + r[4] * wy + r[5] * wz,
                r[6] * wx + r[7] * wy + r[8] * wz, c, s, out, k);
        for (int i = 7; i < nq; i++) {
            out[k++] = (float) qpos.get(i);
        }
        for (int i = 6; i < nv; i++) {
            out[k++] = (float) qvel.get(i);
        }
        for (int b : keyBodies) {
            double[] q = xpos.row(b);
            k = unyaw(q[0] - p[0], q[1] - p[1], q[2] - p[2], c, s, out, k);
        }
    }

    /** Writes {@code Rz(-heading) v} for {@code c = cos heading, s = sin heading}; returns the next index. */
    private static int unyaw(double x, double y, double z, double c, double s, float[] out, int k) {
        out[k] = (float) (c * x + s * y);
        out[k + 1] = (float) (-s * x + c * y);
        out[k + 2] = (float) z;
        return k + 3;
    }

    private void writePlanar(MjData d, float[] out, int offset) {
        MjArray xpos = d.xpos();
        double[] r = d.xmat().row(root);
        double[] p = xpos.row(root);
        MjArray qpos = d.qpos();
        MjArray qvel = d.qvel();
        int k = offset;
        out[k++] = (float) p[2];
        out[k++] = (float) r[0];
        out[k++] = (float) r[6];
        out[k++] = (float) r[2];
        out[k++] = (float) r[8];
        out[k++] = (float) qvel.get(0);
        out[k++] = (float) qvel.get(1);
        out[k++] = (float) qvel.get(2);
        for (int i = 3; i < nq; i++) {
            out[k++] = (float) qpos.get(i);
        }
        for (int i = 3; i < nv; i++) {
            out[k++] = (float) qvel.get(i);
        }
        for (int b : keyBodies) {
            double[] q = xpos.row(b);
            out[k++] = (float) (q[0] - p[0]);
            out[k++] = (float) (q[2] - p[2]);
        }
    }
}
