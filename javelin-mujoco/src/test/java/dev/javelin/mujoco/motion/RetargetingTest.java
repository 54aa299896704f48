package dev.javelin.mujoco.motion;

import dev.javelin.env.motion.Bvh;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MjObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The must-show checks of retargeting CMU 01_01 onto Gymnasium's humanoid. "Scaled, root-aligned" BVH positions are
 * the fit's targets: the skeleton's joints (metres, z up, turned to face +x) rebuilt with the model's rest distances
 * between parent and child markers (each bone keeps its BVH direction and takes the model's length), the root marker
 * (mid-hip) where the clip puts it, raised with the model by the floor offset.
 */
class RetargetingTest {
    /**
     * Hand markers (a point on the lower arm, not a body of their own) are held to 15 cm, not 5: the model's shoulder
     * is 2 hinges, so once the elbow sits on its target the upper arm cannot turn about its length, which fixes the
     * plane the elbow hinge bends in; the hand can follow the CMU forearm's bend but not its roll out of that plane.
     * The fit weighs the hands 0.4 (humanoid.map.yaml) so the elbows, the lower arms' bodies, stay within 5 cm.
     */
    private static final java.util.Set<String> HANDS = java.util.Set.of("left_hand", "right_hand");

    @Test
    void humanoidMarkersFollowTheScaledSkeletonFeetStayAboveTheFloorAndJointsInRange() throws Exception {
        MotionAssumptions.assumeClips();
        Character humanoid = Characters.humanoid();
        Retargeting.Fit fit = Retargeting.fit(Bvh.read(MotionLibraries.resolve("01_01")), humanoid, 0.015);
        MotionLibrary lib = fit.library();
        MjModel model = humanoid.model();
        List<Marker> markers = humanoid.markers();
        int[] within = new int[markers.size()];
        int[] withinHand = new int[markers.size()];
        double[] worst = new double[markers.size()];
        double lowestSole = Double.POSITIVE_INFINITY;
        try (MjData data = new MjData(model)) {
            for (int f = 0; f < lib.frames(); f++) {
                data.qpos().set(lib.qpos()[f]);
                data.kinematics();
                for (int m = 0; m < markers.size(); m++) {
                    double[] p = point(model, data, markers.get(m).body(), markers.get(m).point());
                    double d = 0;
                    for (int k = 0; k < 3; k++) {
                        d += Math.pow(p[k] - fit.targets()[f][3 * m + k], 2);
                    }
                    d = Math.sqrt(d);
                    worst[m] = Math.max(worst[m], d);
                    if (d <= 0.05) {
                        within[m]++;
                    }
                    if (d <= 0.15) {
                        withinHand[m]++;
                    }
                }
                for (Sole s : humanoid.soles()) {
                    lowestSole = Math.min(lowestSole, point(model, data, s.body(), s.point())[2] - s.radius());
                }
            }
        }
        StringBuilder report = new StringBuilder();
        for (int m = 0; m < markers.size(); m++) {
            report.append(String.format("%s %.1f%% within 5 cm, %.1f%% within 15 cm (worst %.1f cm)%n",
                    markers.get(m).name(), 100.0 * within[m] / lib.frames(), 100.0 * withinHand[m] / lib.frames(),
                    100 * worst[m]));
        }
        System.out.print(report);
        System.out.printf("lowest sole point %.4f m over %d frames%n", lowestSole, lib.frames());
        for (int m = 0; m < markers.size(); m++) {
            if (HANDS.contains(markers.get(m).name())) {
                assertTrue(withinHand[m] >= 0.95 * lib.frames(), report::toString);
            } else {
                assertTrue(within[m] >= 0.95 * lib.frames(), report::toString);
            }
        }
        // the model's elbow cannot straighten past 19.5 degrees of flexion: report how often the clip asks for that
        double[] bends = new double[2 * lib.frames()];
        for (int f = 0; f < lib.frames(); f++) {
            bends[2 * f] = bend(fit.targets()[f], index(markers, "left_shoulder"), index(markers, "left_elbow"),
                    index(markers, "left_hand"));
            bends[2 * f + 1] = bend(fit.targets()[f], index(markers, "right_shoulder"), index(markers, "right_elbow"),
                    index(markers, "right_hand"));
        }
        java.util.Arrays.sort(bends);
        System.out.printf("CMU elbow flexion: median %.1f deg, %.0f%% of frames below the model's 19.5 deg%n",
                bends[bends.length / 2], 100.0 * java.util.Arrays.stream(bends).filter(b -> b < 19.5).count() / bends.length);
        assertTrue(lowestSole >= -0.01, "lowest sole point " + lowestSole + " m, expected >= -0.01");
        int[] type = model.jntType();
        int[] adr = model.jntQposAdr();
        for (int j = 0; j < model.njnt(); j++) {
            double[] range = model.jntRange().row(j);
            if (type[j] != Retargeting.HINGE) {
                continue;
            }
            for (double[] q : lib.qpos()) {
                double v = q[adr[j]];
                String name = model.name(MjObject.JOINT, j);
                assertTrue(v >= range[0] && v <= range[1], () -> name + " at " + v + ", outside " + range[0] + ".." + range[1]);
            }
        }
    }

    private static int index(List<Marker> markers, String name) {
        for (int m = 0; m < markers.size(); m++) {
            if (markers.get(m).name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no marker " + name);
    }

    /** The angle in degrees between the bones a->b and b->c of a frame of targets. */
    private static double bend(double[] t, int a, int b, int c) {
        double dot = 0;
        double nu = 0;
        double nf = 0;
        for (int k = 0; k < 3; k++) {
            double u = t[3 * b + k] - t[3 * a + k];
            double f = t[3 * c + k] - t[3 * b + k];
            dot += u * f;
            nu += u * u;
            nf += f * f;
        }
        return Math.toDegrees(Math.acos(Math.clamp(dot / Math.sqrt(nu * nf), -1, 1)));
    }

    /** A point given in a body's frame, in world coordinates (xpos + xmat * offset), computed apart from Retargeting's. */
    static double[] point(MjModel model, MjData data, String body, double[] offset) {
        int b = model.requireId(MjObject.BODY, body);
        double[] x = data.xpos().row(b);
        double[] r = data.xmat().row(b);
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = x[k] + r[3 * k] * offset[0] + r[3 * k + 1] * offset[1] + r[3 * k + 2] * offset[2];
        }
        return out;
    }
}
