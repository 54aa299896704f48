package dev.javelin.rl.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.kernel.Parallelism;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TwinTasksTest {
    @Test
    void withTwoKernelThreadsTheTasksRunOnTwoThreadsWithOneKernelThreadEach() {
        int before = Parallelism.threads();
        Parallelism.setThreads(2);
        try (TwinTasks twins = new TwinTasks()) {
            for (int round = 0; round < 3; round++) {
                List<String> seen = twins.run(i -> i + " " + Thread.currentThread().getName() + " " + Parallelism.threads());
                assertEquals("0 " + Thread.currentThread().getName() + " 1", seen.get(0));
                assertTrue(seen.get(1).startsWith("1 sac-twin "), seen.get(1));
                assertEquals(2, Parallelism.threads(), "kernel threads are restored");
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void withOneKernelThreadBothRunOnTheCaller() {
        int before = Parallelism.threads();
        Parallelism.setThreads(1);
        try (TwinTasks twins = new TwinTasks()) {
            List<String> seen = twins.run(i -> Thread.currentThread().getName());
            assertEquals(List.of(Thread.currentThread().getName(), Thread.currentThread().getName()), seen);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void aFailureIsRethrownOnceBothFinished() {
        int before = Parallelism.threads();
        Parallelism.setThreads(2);
        AtomicBoolean secondDone = new AtomicBoolean();
        try (TwinTasks twins = new TwinTasks()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> twins.run(i -> {
                if (i == 0) {
                    throw new IllegalStateException("task 0 failed");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException x) {
                    throw new AssertionError(x);
                }
                secondDone.set(true);
                return i;
            }));
            assertEquals("task 0 failed", e.getMessage());
            assertTrue(secondDone.get(), "the caller waited for the helper's task");
            e = assertThrows(IllegalStateException.class, () -> twins.run(i -> {
                if (i == 1) {
                    throw new IllegalStateException("task 1 failed");
                }
                return i;
            }));
            assertEquals("task 1 failed", e.getMessage());
            assertEquals(List.of(0, 1), twins.run(i -> i), "usable after a failure");
            twins.close();
            assertNotEquals(null, assertThrows(IllegalStateException.class, () -> twins.run(i -> i)).getMessage());
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
