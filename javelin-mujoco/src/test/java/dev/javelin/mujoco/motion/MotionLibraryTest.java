package dev.javelin.mujoco.motion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotionLibraryTest {
    private static final double H = Math.sqrt(0.5);

    /** Two frames of a free-root character (nq 8, nv 7): a quarter turn about z between them. */
    private static MotionLibrary turn() {
        double[][] qpos = {{0, 0, 1, 1, 0, 0, 0, 0.0}, {1, 0, 1, H, 0, 0, H, 0.4}};
        double[][] qvel = {{0, 0, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 0, 3}};
        double[][] keys = {{0, 0, 0}, {1, 1, 1}};
        return new MotionLibrary("test", 0.5, qpos, qvel, List.of("hand"), keys);
    }

    @Test
    void interpolatesLinearlyAndSlerpsTheRootQuaternion() {
        MotionLibrary m = turn();
        assertEquals(2, m.frames());
        assertEquals(0.5, m.duration(), 1e-12);
        MotionLibrary.State s = m.stateAt(0.25);
        double c = Math.cos(Math.PI / 8);
        double sn = Math.sin(Math.PI / 8);
        assertArrayEquals(new double[] {0.5, 0, 1, c, 0, 0, sn, 0.2}, s.qpos(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 2}, s.qvel(), 1e-12);
    }

    @Test
    void clampsTimeToTheClip() {
        MotionLibrary m = turn();
        assertArrayEquals(m.qpos()[0], m.stateAt(-3).qpos(), 1e-12);
        assertArrayEquals(m.qpos()[1], m.stateAt(9).qpos(), 1e-12);
        assertArrayEquals(m.qvel()[1], m.stateAt(0.5).qvel(), 1e-12);
    }

    @Test
    void rejectsInconsistentShapesNamingTheValue() {
        double[][] q = {{0, 0}, {0, 0}};
        double[][] v = {{0, 0}, {0, 0}};
        double[][] k = {{}, {}};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MotionLibrary("w", 0, q, v, List.of(), k)).getMessage().contains("dt 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MotionLibrary("w", 0.1, q, new double[][] {{0, 0}}, List.of(), k)).getMessage()
                .contains("2 frames of qpos, 1 of qvel"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MotionLibrary("w", 0.1, q, v, List.of("foot"), k)).getMessage()
                .contains("keyBodyPositions of frame 0 has 0 values, expected 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MotionLibrary("w", 0.1, q, new double[][] {{}, {}}, List.of(), k)).getMessage()
                .contains("qpos of 2 values and qvel of 0"));
        double[][] badQuat = {{0, 0, 1, 2, 0, 0, 0}};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MotionLibrary("h", 0.1, badQuat, new double[][] {new double[6]}, List.of(), new double[][] {{}}))
                .getMessage().contains("root quaternion of frame 0 has norm 2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> turn().stateAt(Double.NaN)).getMessage().contains("time NaN"));
    }

    @Test
    void unknownCharacterAndMissingClipAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Characters.named("dog")).getMessage()
                .contains("[humanoid, walker2d]"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> MotionLibraries.resolve("no_such_clip")).getMessage();
        assertTrue(message.contains("no_such_clip.bvh") && message.contains("apt-get install assimp-testmodels"), message);
    }

    @Test
    void jointMapsReadFromTheirDataFiles() {
        Character h = Characters.humanoid();
        assertEquals(0.015, h.controlDt());
        assertEquals(List.of("right_lower_arm", "left_lower_arm", "right_foot", "left_foot"), h.keyBodies());
        assertEquals("pelvis", h.markers().getFirst().name());
        Character w = Characters.walker2d();
        assertEquals(0.008, w.controlDt());
        assertTrue(w.planar());
        assertEquals(List.of("foot", "foot_left"), w.keyBodies());
    }
}
