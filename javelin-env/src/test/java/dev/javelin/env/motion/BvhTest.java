package dev.javelin.env.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BvhTest {
    static BvhClip walk() throws Exception {
        return Bvh.read(Path.of(BvhTest.class.getResource("/motion/walk.bvh").toURI()));
    }

    @Test
    void readsHierarchyChannelsAndFrames() throws Exception {
        BvhClip clip = walk();
        assertEquals(List.of("Hips", "LeftUpLeg", "LeftLeg", "Chest"), clip.joints().stream().map(BvhJoint::name).toList());
        BvhJoint hips = clip.root();
        assertEquals(List.of("Xposition", "Yposition", "Zposition", "Zrotation", "Xrotation", "Yrotation"), hips.channels());
        assertEquals(List.of("LeftUpLeg", "Chest"), hips.children().stream().map(BvhJoint::name).toList());
        BvhJoint leftLeg = hips.children().getFirst().children().getFirst();
        assertArrayEquals(new double[] {0, -17.5, 0}, leftLeg.offset());
        assertArrayEquals(new double[] {0, -17, 0}, leftLeg.endSite().orElseThrow());
        assertTrue(hips.endSite().isEmpty());

        assertEquals(15, clip.channelCount());
        assertEquals(5, clip.frameCount());
        assertEquals(0.04, clip.frameTime());
        assertEquals("Hips.Zrotation", clip.channelName(3));
        assertEquals("Chest.Zrotation", clip.channelName(12));
        assertEquals(0, clip.period(1));
        assertEquals(360, clip.period(3));
        assertEquals(-179.0, clip.value(2, 3));
        assertEquals(-24.0, clip.value(2, 9));
        assertEquals(4.0, clip.value(4, 12));
    }

    @Test
    void finiteDifferencesWrapRotationsAcross180Degrees() throws Exception {
        BvhClip clip = walk();
        double[] v = MotionDataset.velocities(clip, 2);
        assertEquals(0.4 / 0.04, v[0], 1e-9);
        assertEquals(0.1 / 0.04, v[1], 1e-9);
        assertEquals(6.0 / 0.04, v[3], 1e-9, "175 -> -179 degrees is +6, not -354");
        assertEquals(-2.0 / 0.04, v[9], 1e-9);
    }

    @Test
    void badFilesNameTheLineAndWhatWasExpected() {
        String head = "HIERARCHY\nROOT A\n{\n OFFSET 0 0 0\n CHANNELS 2 Xposition Zrotation\n}\nMOTION\n";
        var short_ = assertThrows(IllegalArgumentException.class,
                () -> Bvh.parse(head + "Frames: 2\nFrame Time: 0.1\n1 2\n3\n"));
        assertTrue(short_.getMessage().contains("frame 1") && short_.getMessage().contains("expected 2"), short_.getMessage());
        var channel = assertThrows(IllegalArgumentException.class,
                () -> Bvh.parse(head.replace("Zrotation", "Wrotation") + "Frames: 0\nFrame Time: 0.1\n"));
        assertTrue(channel.getMessage().startsWith("line 5:") && channel.getMessage().contains("Wrotation"), channel.getMessage());
        var number = assertThrows(IllegalArgumentException.class,
                () -> Bvh.parse(head + "Frames: 1\nFrame Time: 0.1\n1 x\n"));
        assertTrue(number.getMessage().startsWith("line 10:") && number.getMessage().contains("'x'"), number.getMessage());
        var time = assertThrows(IllegalArgumentException.class,
                () -> Bvh.parse(head + "Frames: 1\nFrame Time: 0\n1 2\n"));
        assertTrue(time.getMessage().contains("expected > 0"), time.getMessage());
        var extra = assertThrows(IllegalArgumentException.class,
                () -> Bvh.parse(head + "Frames: 1\nFrame Time: 0.1\n1 2 3\n"));
        assertTrue(extra.getMessage().contains("after the 1 declared frames"), extra.getMessage());
        var keyword = assertThrows(IllegalArgumentException.class, () -> Bvh.parse("ROOT A\n"));
        assertTrue(keyword.getMessage().equals("line 1: 'ROOT', expected HIERARCHY"), keyword.getMessage());
    }
}
