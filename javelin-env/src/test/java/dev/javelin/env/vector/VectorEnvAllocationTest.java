package dev.javelin.env.vector;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector env itself allocates nothing per step: measured with a sub-env that allocates nothing either. */
class VectorEnvAllocationTest {

    /** Returns preallocated results; terminates every 7th step so auto-reset is exercised too. */
    private static final class PreallocatedEnv implements Env<float[], Integer> {
        private static final Box OBS = new Box(-1f, 1f, 3);
        private final float[] obs = new float[3];
        private final Reset<float[]> reset = new Reset<>(obs, Map.of());
        private final Step<float[]> running = new Step<>(obs, 1.0, false, false, Map.of());
        private final Step<float[]> last = new Step<>(obs, 1.0, true, false, Map.of());
        private int t;

        @Override
        public Space<float[]> observationSpace() { return OBS; }

        @Override
        public Space<Integer> actionSpace() { return new Discrete(2); }

        @Override
        public Reset<float[]> reset(long seed) { return reset(); }

        @Override
        public Reset<float[]> reset() {
            t = 0;
            return reset;
        }

        @Override
        public Step<float[]> step(Integer action) {
            obs[0] = action;
            return ++t % 7 == 0 ? last : running;
        }
    }

    @Test
    void syncStepAllocatesNothing() {
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (VectorEnv envs = VectorEnv.sync(8, i -> new PreallocatedEnv())) {
            envs.reset(0);
            int[] actions = new int[8];
            for (int i = 0; i < 200_000; i++) {
                envs.step(actions);
            }
            long tid = Thread.currentThread().threadId();
            long before = threadBean.getThreadAllocatedBytes(tid);
            int dones = 0;
            for (int i = 0; i < 100_000; i++) {
                actions[i & 7] = i & 1;
                dones += envs.step(actions).done(3) ? 1 : 0;
            }
            long allocated = threadBean.getThreadAllocatedBytes(tid) - before;
            assertTrue(dones > 10_000, "auto-reset happened " + dones + " times");
            assertTrue(allocated < 10_000, allocated + " bytes allocated over 100,000 vector steps");
            assertEquals(0f, envs.step(new int[8]).observations()[0]);
        }
    }
}
