package dev.javelin.mujoco.amp;

import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MuJoCoAssumptions;
import dev.javelin.mujoco.motion.Characters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The AMP features on states whose values are worked out by hand: heading frame, tangent-normal 6D, planar root. */
class AmpFeaturesTest {
    private static final float TOL = 1e-5f;

    @BeforeEach
    void mujoco() {
        MuJoCoAssumptions.assumeMuJoCo();
    }

    /** Quaternion (w, x, y, z) of Rz(yaw) Ry(pitch). */
    private static double[] yawPitch(double yaw, double pitch) {
        double cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2), cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
        // (cy, 0, 0, sy) * (cp, 0, sp, 0)
        return new double[] {cy * cp, -sy * sp, cy * sp, sy * cp};
    }

    private static float[] humanoidFeatures(double[] qpos, double[] qvel) {
        MjModel model = Characters.humanoid().model();
        AmpFeatures f = new AmpFeatures(model, Characters.humanoid().keyBodies());
        try (MjData d = new MjData(model)) {
            d.qpos().set(qpos);
            d.qvel().set(qvel);
            d.kinematics();
            float[] out = new float[f.size()];
            f.write(d, out, 0);
            return out;
        }
    }

    @Test
    void humanoidRootFeaturesInTheHeadingFrame() {
        MjModel model = Characters.humanoid().model();
        assertEquals(24, model.nq());
        double yaw = Math.PI / 2;
        double pitch = 0.3;
        double[] qpos = new double[model.nq()];
        qpos[0] = 1.5;
        qpos[1] = -2;
        qpos[2] = 1.1;
        System.arraycopy(yawPitch(yaw, pitch), 0, qpos, 3, 4);
        for (int i = 7; i < qpos.length; i++) {
            qpos[i] = 0.01 * i;
        }
        double[] qvel = new double[model.nv()];
        qvel[0] = 1; // world +x, which is the character's right when it faces +y: heading frame (0, -1, 0)
        qvel[5] = 2; // about the root's own z axis: world Rz Ry e_z, heading frame Ry(pitch) e_z * 2
        for (int i = 6; i < qvel.length; i++) {
            qvel[i] = -0.1 * i;
        }
        float[] f = humanoidFeatures(qpos, qvel);
        assertEquals(13 + 2 * 17 + 3 * 4, f.length);
        double c = Math.cos(pitch), s = Math.sin(pitch);
        float[] expected = {1.1f, (float) c, 0, (float) -s, (float) s, 0, (float) c, 0, -1, 0,
                (float) (2 * s), 0, (float) (2 * c)};
        assertArrayEquals(expected, Arrays.copyOf(f, 13), TOL);
        for (int i = 0; i < 17; i++) {
            assertEquals(0.01 * (7 + i), f[13 + i], TOL, "hinge angle " + i);
            assertEquals(-0.1 * (6 + i), f[30 + i], TOL, "hinge velocity " + i);
        }
    }

    /** Turning the character about z and moving it over the floor changes none of the features. */
    @Test
    void featuresAreInvariantToHeadingAndHorizontalPosition() {
        MjModel model = Characters.humanoid().model();
        double[] qpos = new double[model.nq()];
        qpos[2] = 1.2;
        System.arraycopy(yawPitch(0.0, 0.2), 0, qpos, 3, 4);
        for (int i = 7; i < qpos.length; i++) {
            qpos[i] = 0.05 * Math.sin(i);
        }
        double[] qvel = new double[model.nv()];
        qvel[0] = 0.7;
        qvel[1] = -0.2;
        qvel[2] = 0.1;
        qvel[3] = 0.3;
        qvel[4] = -0.4;
        for (int i = 6; i < qvel.length; i++) {
            qvel[i] = Math.cos(i);
        }
        float[] base = humanoidFeatures(qpos, qvel);
        double yaw = 2.0;
        double[] turned = qpos.clone();
        turned[0] = 3;
        turned[1] = 4;
        System.arraycopy(yawPitch(yaw, 0.2), 0, turned, 3, 4);
        double[] turnedVel = qvel.clone();
        // world linear velocity turns with the character; the angular one is in the root's frame already
        turnedVel[0] = Math.cos(yaw) * qvel[0] - Math.sin(yaw) * qvel[1];
        turnedVel[1] = Math.sin(yaw) * qvel[0] + Math.cos(yaw) * qvel[1];
        assertArrayEquals(base, humanoidFeatures(turned, turnedVel), TOL);
        // and the key bodies are hand and foot positions relative to the root, not world positions
        float[] moved = humanoidFeatures(turned, turnedVel);
        assertEquals(base[base.length - 1], moved[moved.length - 1], TOL);
    }

    @Test
    void walkerFeaturesInThePlane() {
        MjModel model = Characters.walker2d().model();
        AmpFeatures f = new AmpFeatures(model, Characters.walker2d().keyBodies());
        assertEquals(8 + 2 * 6 + 2 * 2, f.size());
        double pitch = 0.4;
        try (MjData d = new MjData(model)) {
            double[] qpos = d.qpos().toArray();
            qpos[0] = 5;
            qpos[2] = pitch;
            double[] qvel = new double[model.nv()];
            qvel[0] = 1.5;
            qvel[1] = -0.5;
            qvel[2] = 0.25;
            qvel[3] = 3;
            d.qpos().set(qpos);
            d.qvel().set(qvel);
            d.kinematics();
            float[] out = new float[f.size()];
            f.write(d, out, 0);
            double torsoZ = d.xpos().get(f.rootBody(), 2);
            assertEquals(qpos[1], torsoZ, 1e-12, "rootz's ref 1.25 makes qpos[1] the torso's height");
            // rooty turns about +y: R = Ry(pitch), x axis (cos, -sin) in (x, z), z axis (sin, cos)
            double c = Math.cos(pitch), s = Math.sin(pitch);
            assertArrayEquals(new float[] {(float) torsoZ, (float) c, (float) -s, (float) s, (float) c, 1.5f, -0.5f,
                    0.25f, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0}, Arrays.copyOf(out, 20), TOL);
            double[] foot = d.xpos().row(model.requireId(dev.javelin.mujoco.MjObject.BODY, "foot"));
            assertEquals(foot[0] - 5, out[20], TOL);
            assertEquals(foot[2] - torsoZ, out[21], TOL);
        }
    }
}
