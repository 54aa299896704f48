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

    @Test
    void humanoidMarkersFollowTheScaledSkeletonFeetStayAboveTheFloorAndJointsInRange() throws Exception {
        MotionAssumptions.assumeClips();
        Character humanoid = Characters.humanoid();
        Retargeting.Fit fit = Retargeting.fit(Bvh.read(MotionLibraries.resolve("01_01")), humanoid, 0.015);
        MotionLibrary lib = fit.library();
        MjModel model = humanoid.model();
        List<Marker> markers = humanoid.markers();
        int[] within = new int[markers.size()];
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
                }
                for (Sole s : humanoid.soles()) {
                    lowestSole = Math.min(lowestSole, point(model, data, s.body(), s.point())[2] - s.radius());
                }
            }
        }
        StringBuilder report = new StringBuilder();
        for (int m = 0; m < markers.size(); m++) {
            report.append(String.format("%s %.1f%% within 5 cm (worst %.1f cm)%n", markers.get(m).name(),
                    100.0 * within[m] / lib.frames(), 100 * worst[m]));
        }
        System.out.print(report);
        System.out.printf("lowest sole point %.4f m over %d frames%n", lowestSole, lib.frames());
        for (int m = 0; m < markers.size(); m++) {
            assertTrue(within[m] >= 0.95 * lib.frames(), report::toString);
        }
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

    private static double[] point(MjModel model, MjData data, String body, double[] offset) {
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
