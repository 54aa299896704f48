package dev.javelin.env;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpacesTest {

    @Test
    void boxSamplesInsideAndChecksBounds() {
        Box box = new Box(new float[] {-1, 0, -Float.MAX_VALUE}, new float[] {1, 5, Float.MAX_VALUE});
        var rng = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertTrue(box.contains(box.sample(rng)));
        }
        assertFalse(box.contains(new float[] {2, 1, 0}));
        assertFalse(box.contains(new float[] {Float.NaN, 1, 0}));
        assertFalse(box.contains(new float[] {0, 1}));
        assertFalse(box.contains(new double[] {0, 1, 0}));
        assertEquals("Box([-1.0, 0.0, -3.4028235E38], [1.0, 5.0, 3.4028235E38], (3,), float32)", box.toString());
        assertEquals("Box(-2.0, 2.0, (1,), float32)", new Box(-2f, 2f, 1).toString());
        assertEquals("Box(0.0, 1.0, (64, 64, 3), float32)", new Box(0f, 1f, 64, 64, 3).toString());
    }

    @Test
    void unboundedBoxSamplesFollowGymnasiumDistributions() {
        Box box = new Box(new float[] {Float.NEGATIVE_INFINITY, 2, Float.NEGATIVE_INFINITY},
                new float[] {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, -3});
        var rng = new SplittableRandom(7);
        double mean0 = 0, min1 = Double.MAX_VALUE, max2 = -Double.MAX_VALUE;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            float[] x = box.sample(rng);
            mean0 += x[0] / n;
            min1 = Math.min(min1, x[1]);
            max2 = Math.max(max2, x[2]);
        }
        assertEquals(0, mean0, 0.05, "normal for the unbounded element");
        assertTrue(min1 >= 2 && min1 < 2.01, "exponential above the lower bound: min " + min1);
        assertTrue(max2 <= -3 && max2 > -3.01, "exponential below the upper bound: max " + max2);
    }

    @Test
    void boxRejectsBadBounds() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {1}, new float[] {0}));
        assertTrue(e.getMessage().contains("[1.0, 0.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {0, 0}, new float[] {1, 1}, 3));
    }

    @Test
    void discreteAndMultiDiscrete() {
        var rng = new SplittableRandom(3);
        Discrete d = new Discrete(3, -1);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            int a = d.sample(rng);
            assertTrue(d.contains(a));
            counts[a + 1]++;
        }
        for (int c : counts) {
            assertTrue(c > 900, "roughly uniform: " + c);
        }
        assertFalse(d.contains(2));
        assertFalse(d.contains(0.0));
        MultiDiscrete m = new MultiDiscrete(2, 5);
        for (int i = 0; i < 100; i++) {
            assertTrue(m.contains(m.sample(rng)));
        }
        assertFalse(m.contains(new int[] {2, 0}));
        assertEquals("MultiDiscrete([2, 5])", m.toString());
        assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
        assertThrows(IllegalArgumentException.class, () -> new MultiDiscrete(2, 0));
    }

    @Test
    void dictContainsExactlyItsKeys() {
        Map<String, Space<?>> parts = new LinkedHashMap<>();
        parts.put("position", new Box(-1f, 1f, 2));
        parts.put("mode", new Discrete(4));
        Dict dict = new Dict(parts);
        var sample = dict.sample(new SplittableRandom(5));
        assertTrue(dict.contains(sample));
        assertFalse(dict.contains(Map.of("position", new float[] {0, 0})));
        assertFalse(dict.contains(Map.of("position", new float[] {0, 0}, "mode", 4)));
        assertEquals("Dict('position': Box(-1.0, 1.0, (2,), float32), 'mode': Discrete(4))", dict.toString());
    }

    @Test
    void checkNamesTheValueAndTheSpace() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Discrete(2).check(2, "CartPole-v1: action"));
        assertEquals("CartPole-v1: action 2 (Integer) is outside Discrete(2)", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Box(-2f, 2f, 1).check(new float[] {3}, "action"));
        assertEquals("action [3.0] is outside Box(-2.0, 2.0, (1,), float32)", e2.getMessage());
    }

    @Test
    void sameSeedSameSamples() {
        Box box = new Box(-1f, 1f, 4);
        assertArrayEquals(box.sample(new SplittableRandom(9)), box.sample(new SplittableRandom(9)));
    }
}
