package dev.javelin.mujoco.motion;

import dev.javelin.env.motion.Bvh;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MjObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CMU 01_01 on Walker2d: the sagittal hip, knee and ankle angles, a planar root, feet on the floor, joints in range. */
class WalkerRetargetingTest {

    @Test
    void walkerFollowsTheSagittalSkeleton() throws Exception {
        MotionAssumptions.assumeClips();
        Character walker = Characters.walker2d();
        Retargeting.Fit fit = Retargeting.fit(Bvh.read(MotionLibraries.resolve("01_01")), walker, walker.controlDt());
        MotionLibrary lib = fit.library();
        MjModel model = walker.model();
        assertEquals(model.nq(), lib.qpos()[0].length);
        assertEquals(lib.qpos()[0].length, lib.qvel()[0].length);
        int[] within = new int[walker.markers().size()];
        double lowest = Double.POSITIVE_INFINITY;
        try (MjData data = new MjData(model)) {
            for (int f = 0; f < lib.frames(); f++) {
                data.qpos().set(lib.qpos()[f]);
                data.kinematics();
                for (int m = 0; m < within.length; m++) {
                    Marker mk = walker.markers().get(m);
                    double[] p = RetargetingTest.point(model, data, mk.body(), mk.point());
                    double d = 0;
                    for (int k = 0; k < 3; k++) {
                        d += Math.pow(p[k] - fit.targets()[f][3 * m + k], 2);
                    }
                    if (Math.sqrt(d) <= 0.05) {
                        within[m]++;
                    }
                }
                for (Sole s : walker.soles()) {
                    lowest = Math.min(lowest, RetargetingTest.point(model, data, s.body(), s.point())[2] - s.radius());
                }
            }
        }
        StringBuilder report = new StringBuilder();
        for (int m = 0; m < within.length; m++) {
            report.append(String.format("%s %.1f%% within 5 cm%n", walker.markers().get(m).name(),
                    100.0 * within[m] / lib.frames()));
        }
        System.out.print(report);
        System.out.printf("lowest sole point %.4f m; root x from %.2f to %.2f m over %.1f s%n", lowest,
                lib.qpos()[0][0], lib.qpos()[lib.frames() - 1][0], lib.duration());
        assertTrue(lowest >= -0.01, "lowest sole point " + lowest);
        for (int j = 0; j < model.njnt(); j++) {
            double[] range = model.jntRange().row(j);
            if (model.jntType()[j] != Retargeting.HINGE || !(range[0] < range[1])) {
                continue;
            }
            int adr = model.jntQposAdr()[j];
            for (double[] q : lib.qpos()) {
                assertTrue(q[adr] >= range[0] && q[adr] <= range[1], model.name(MjObject.JOINT, j) + " at " + q[adr]);
            }
        }
        // the knees carry the sagittal thigh angle, the ankles the shin angle
        for (String m : new String[] {"right_knee", "left_knee", "right_ankle", "left_ankle"}) {
            int i = walker.markers().stream().map(Marker::name).toList().indexOf(m);
            assertTrue(within[i] >= 0.9 * lib.frames(), report::toString);
        }
    }
}
