package dev.javelin.mujoco.motion;

import dev.javelin.env.motion.BvhClip;
import dev.javelin.env.motion.BvhJoint;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Forward kinematics of a BVH skeleton: the world position of every joint in every frame, converted from the BVH's
 * y-up axes (x left, z forward for the CMU subject) to MuJoCo's z-up axes ({@code (x, y, z)_mujoco = (z, x,
 * y)_bvh}, a cyclic permutation, so still right-handed) and scaled to metres.
 *
 * <p>Each joint's rotation is the product of its rotation channels in file order (for CMU's "Zrotation Yrotation
 * Xrotation": {@code Rz * Ry * Rx}); a joint sits at its parent's position plus the parent's world rotation times
 * its offset; the root adds its position channels.
 */
final class BvhPoses {
    private BvhPoses() {
    }

    /**
     * Positions {@code [frame][joint][3]} in metres, MuJoCo axes, joints in {@link BvhClip#joints()} order.
     *
     * @param metresPerUnit the clip's length unit in metres (CMU: 0.0254 / 0.45)
     */
    static double[][][] positions(BvhClip clip, double metresPerUnit) {
        List<BvhJoint> joints = clip.joints();
        Map<BvhJoint, Integer> index = new HashMap<>();
        for (int j = 0; j < joints.size(); j++) {
            index.put(joints.get(j), j);
        }
        int[] parent = new int[joints.size()];
        parent[0] = -1;
        for (BvhJoint j : joints) {
            for (BvhJoint c : j.children()) {
                parent[index.get(c)] = index.get(j);
            }
        }
        double[][][] out = new double[clip.frameCount()][joints.size()][];
        double[][] rotation = new double[joints.size()][];
        double[][] position = new double[joints.size()][];
        for (int f = 0; f < clip.frameCount(); f++) {
            int channel = 0;
            for (int j = 0; j < joints.size(); j++) {
                BvhJoint joint = joints.get(j);
                double[] local = identity();
                double[] offset = joint.offset();
                for (String c : joint.channels()) {
                    double v = clip.value(f, channel++);
                    switch (c.toLowerCase(Locale.ROOT)) {
                        case "xposition" -> offset[0] += v;
                        case "yposition" -> offset[1] += v;
                        case "zposition" -> offset[2] += v;
                        default -> local = multiply(local, axisRotation(c.charAt(0), Math.toRadians(v)));
                    }
                }
                if (parent[j] < 0) {
                    rotation[j] = local;
                    position[j] = offset;
                } else {
                    double[] pr = rotation[parent[j]];
                    rotation[j] = multiply(pr, local);
                    double[] t = apply(pr, offset);
                    double[] pp = position[parent[j]];
                    position[j] = new double[] {pp[0] + t[0], pp[1] + t[1], pp[2] + t[2]};
                }
                double[] p = position[j];
                out[f][j] = new double[] {p[2] * metresPerUnit, p[0] * metresPerUnit, p[1] * metresPerUnit};
            }
        }
        return out;
    }

    private static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    private static double[] axisRotation(char axis, double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return switch (java.lang.Character.toLowerCase(axis)) {
            case 'x' -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 'y' -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
            }
        }
        return out;
    }

    private static double[] apply(double[] m, double[] v) {
        return new double[] {
                m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
                m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }
}
