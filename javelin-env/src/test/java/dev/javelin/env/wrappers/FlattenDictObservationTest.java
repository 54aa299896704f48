package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Dict;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlattenDictObservationTest {
    /** A Dict env whose keys are declared out of order: observation, achieved_goal, desired_goal. */
    private static final class GoalLike implements Env<Map<String, Object>, float[]> {
        @Override
        public Space<Map<String, Object>> observationSpace() {
            Map<String, Space<?>> m = new LinkedHashMap<>();
            m.put("observation", new Box(-1f, 1f, 2));
            m.put("achieved_goal", new Box(-5f, 5f, 1));
            m.put("desired_goal", new Box(-7f, 7f, 1));
            return new Dict(m);
        }

        @Override
        public Space<float[]> actionSpace() {
            return new Box(-1f, 1f, 1);
        }

        private Map<String, Object> obs(float x) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("observation", new float[] {x, x + 1});
            m.put("achieved_goal", new float[] {x + 2});
            m.put("desired_goal", new float[] {x + 3});
            return m;
        }

        @Override
        public Reset<Map<String, Object>> reset(long seed) {
            return new Reset<>(obs(10), Map.of());
        }

        @Override
        public Reset<Map<String, Object>> reset() {
            return reset(0);
        }

        @Override
        public Step<Map<String, Object>> step(float[] action) {
            return new Step<>(obs(20), 0, false, false, Map.of());
        }
    }

    @Test
    void keysAreConcatenatedInSortedOrderAsSb3sMultiInputPolicy() {
        var flat = new FlattenDictObservation<>(new GoalLike());
        assertArrayEquals(new float[] {12, 13, 10, 11}, flat.reset(0).observation());
        assertArrayEquals(new float[] {22, 23, 20, 21}, flat.step(new float[] {0}).observation());
        assertEquals(0, flat.offset("achieved_goal"));
        assertEquals(1, flat.offset("desired_goal"));
        assertEquals(2, flat.offset("observation"));
        assertArrayEquals(new float[] {-5, -7, -1, -1}, flat.observationSpace().low());
        assertThrows(IllegalArgumentException.class, () -> flat.offset("goal"));
    }
}
