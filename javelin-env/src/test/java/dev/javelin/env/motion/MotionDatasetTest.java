package dev.javelin.env.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MotionDatasetTest {
    /** Channel 0: a position; channel 1: an angle in radians turning 0.5 rad per 0.1 s frame. */
    private static RecordedClip clip(double start, int frames) {
        double[][] f = new double[frames][];
        for (int i = 0; i < frames; i++) {
            f[i] = new double[] {start + i * i, 0.5 * i};
        }
        return new RecordedClip(List.of("x", "angle"), new double[] {0, 2 * Math.PI}, 0.1, f);
    }

    @Test
    void aTransitionIsTwoFramesOfValuesAnglesAsCosSinAndBackwardDifferences() {
        MotionDataset data = new MotionDataset(List.of(clip(0, 5)));
        assertEquals(5, data.featureSize());
        assertEquals(10, data.observationSize());
        float[] out = new float[10];
        data.transition(0, 2, out, 0);
        // frame 2: x = 4, angle 1.0, dx = (4 - 1) / 0.1, dangle = 0.5 / 0.1; frame 3: x = 9, angle 1.5, dx = 50
        assertArrayEquals(new float[] {4, (float) Math.cos(1.0), (float) Math.sin(1.0), 30, 5,
                9, (float) Math.cos(1.5), (float) Math.sin(1.5), 50, 5}, out, 1e-5f);
    }

    @Test
    void samplesCoverEveryTransitionOfEveryClipAndNothingElse() {
        MotionDataset data = new MotionDataset(List.of(clip(0, 4), clip(100, 6)));
        assertEquals(2 + 4, data.transitions());
        float[] s = data.sample(600, new SplittableRandom(1));
        Set<Float> firstX = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            firstX.add(s[i * data.observationSize()]);
        }
        assertEquals(Set.of(1f, 4f, 101f, 104f, 109f, 116f), firstX);
        assertArrayEquals(s, data.sample(600, new SplittableRandom(1)));
    }

    @Test
    void angleDifferencesWrapIntoHalfAPeriod() {
        assertEquals(6, MotionDataset.difference(-354, 360), 1e-12);
        assertEquals(-6, MotionDataset.difference(354, 360), 1e-12);
        assertEquals(0.25, MotionDataset.difference(0.25 - 4 * Math.PI, 2 * Math.PI), 1e-12);
        assertEquals(-354, MotionDataset.difference(-354, 0));
    }

    @Test
    void clipsMustAgreeOnChannelsAndBeLongEnough() {
        var shortClip = assertThrows(IllegalArgumentException.class, () -> new MotionDataset(List.of(clip(0, 2))));
        assertTrue(shortClip.getMessage().contains("2 frames, expected >= 3"), shortClip.getMessage());
        RecordedClip other = new RecordedClip(List.of("x", "angle"), new double[] {0, 360}, 0.1,
                new double[][] {{0, 0}, {0, 0}, {0, 0}});
        var mismatch = assertThrows(IllegalArgumentException.class, () -> new MotionDataset(List.of(clip(0, 3), other)));
        assertTrue(mismatch.getMessage().contains("channel 1 of clip 1"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MotionDataset(List.of()));
    }
}
