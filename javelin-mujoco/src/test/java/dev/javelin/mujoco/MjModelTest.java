package dev.javelin.mujoco;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FFM binding on a small model compiled from a string: sizes, names, views, stepping, reset, freeing. */
class MjModelTest {
    static final String BALL_ON_HINGE = """
            <mujoco>
              <option timestep="0.005"/>
              <worldbody>
                <geom name="floor" type="plane" size="2 2 0.1"/>
                <body name="arm" pos="0 0 1">
                  <joint name="hinge" type="hinge" axis="0 1 0" range="-90 90" limited="true"/>
                  <geom name="rod" type="capsule" fromto="0 0 0 0.5 0 0" size="0.05" mass="1"/>
                </body>
                <body name="ball" pos="0.3 0 0.3">
                  <freejoint/>
                  <geom type="sphere" size="0.1" mass="0.5"/>
                </body>
              </worldbody>
              <actuator>
                <motor name="torque" joint="hinge" ctrlrange="-2 3" ctrllimited="true"/>
              </actuator>
            </mujoco>
            """;

    @BeforeEach
    void mujoco() {
        MuJoCoAssumptions.assumeMuJoCo();
    }

    @Test
    void sizesNamesAndOptionsComeFromTheCompiledModel() {
        try (MjModel m = MjModel.fromXmlString(BALL_ON_HINGE)) {
            assertEquals(1 + 7, m.nq());
            assertEquals(1 + 6, m.nv());
            assertEquals(1, m.nu());
            assertEquals(3, m.nbody());
            assertEquals(0.005, m.timestep());
            assertEquals(1, m.requireId(MjObject.BODY, "arm"));
            assertEquals("ball", m.name(MjObject.BODY, 2));
            assertTrue(m.id(MjObject.GEOM, "nothing").isEmpty());
            var e = assertThrows(IllegalArgumentException.class, () -> m.requireId(MjObject.JOINT, "elbow"));
            assertTrue(e.getMessage().contains("no joint named 'elbow'"), e.getMessage());
            assertArrayEquals(new double[] {-2, 3}, m.actuatorCtrlRange().toArray());
            assertArrayEquals(new boolean[] {true}, m.actuatorCtrlLimited());
            assertEquals(1.0, m.bodyMass().get(1), 1e-12);
            assertArrayEquals(new int[] {MjLayout.Enums.mjJNT_HINGE, MjLayout.Enums.mjJNT_FREE}, m.jntType());
        }
    }

    @Test
    void steppingMovesTheFallingBallAndResetRestoresTheDefaultPose() {
        try (MjModel m = MjModel.fromXmlString(BALL_ON_HINGE); MjData d = new MjData(m)) {
            double z0 = d.qpos().get(3);
            assertEquals(0.3, z0);
            d.step(40);
            assertEquals(40 * 0.005, d.time(), 1e-12);
            assertTrue(d.qpos().get(3) < z0, "the free ball falls: z = " + d.qpos().get(3));
            assertTrue(d.qvel().get(3) < 0, "falling velocity");
            d.resetData();
            assertEquals(0.0, d.time());
            assertArrayEquals(m.qpos0().toArray(), d.qpos().toArray());
        }
    }

    @Test
    void ballRestingOnTheFloorMakesContactsAndExternalForces() {
        try (MjModel m = MjModel.fromXmlString(BALL_ON_HINGE); MjData d = new MjData(m)) {
            d.step(400);
            assertTrue(d.ncon() >= 1, "ncon " + d.ncon());
            int floor = m.requireId(MjObject.GEOM, "floor");
            boolean touchesFloor = false;
            for (int i = 0; i < d.ncon(); i++) {
                MjContact c = d.contact(i);
                touchesFloor |= c.geom1() == floor || c.geom2() == floor;
                assertEquals(3, c.pos().length);
            }
            assertTrue(touchesFloor);
            d.rnePostConstraint();
            assertNotEquals(0.0, d.cfrcExt().get(2, 5), "the floor pushes the ball up");
            assertThrows(IndexOutOfBoundsException.class, () -> d.contact(d.ncon()));
        }
    }

    @Test
    void controlsAreViewsOnNativeMemory() {
        try (MjModel m = MjModel.fromXmlString(BALL_ON_HINGE); MjData d = new MjData(m)) {
            MjArray ctrl = d.ctrl();
            ctrl.set(new float[] {2.5f});
            assertEquals(2.5, d.ctrl().get(0));
            d.step(10);
            assertTrue(d.qvel().get(0) != 0, "the motor turns the hinge");
            assertThrows(IllegalArgumentException.class, () -> ctrl.set(new double[] {1, 2}));
        }
    }

    @Test
    void badXmlAndClosedModelsAreReportedWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> MjModel.fromXmlString("<mujoco><worldbody><body><geom type='box'/></body></worldbody>"));
        assertTrue(e.getMessage().contains("could not compile"), e.getMessage());
        MjModel m = MjModel.fromXmlString(BALL_ON_HINGE);
        m.close();
        m.close();
        var closed = assertThrows(IllegalStateException.class, m::timestep);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void theLoadedLibraryIsTheVersionTheLayoutsWereGeneratedFor() {
        assertTrue(MuJoCo.get().version().startsWith("3."), MuJoCo.get().version());
        assertEquals(MjLayout.VERSION / 1000 % 1000, Integer.parseInt(MuJoCo.get().version().split("\\.")[1]));
    }
}
