package dev.javelin.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.kernel.Parallelism;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SideThreadTest {
    @Test
    void runsTasksInTurnAndRethrowsTheirFailures() throws Exception {
        try (SideThread t = new SideThread("side")) {
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                int k = i;
                sum += t.start(() -> k * 0.5).join();
            }
            assertEquals(0.5 * 1999 * 2000 / 2, sum);
            SideThread.Pending<String> named = t.start(() -> {
                Thread.onSpinWait();
                return Thread.currentThread().getName();
            });
            Thread.sleep(5);  // long enough for the caller to park: the worker must wake it
            assertEquals("side", named.join(), "runs on the side thread");
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            SideThread.Pending<Object> failing = t.start(() -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalArgumentException.class, failing::join));
            assertEquals(3, t.start(() -> 3).join(), "usable after a failure");
            SideThread.Pending<Integer> four = t.start(() -> 4);
            assertThrows(IllegalStateException.class, () -> t.start(() -> 5), "one task at a time");
            assertEquals(4, four.join());
            IllegalStateException twice = assertThrows(IllegalStateException.class, four::join, "joined once");
            assertTrue(twice.getMessage().contains("not the one running"), twice.getMessage());
        }
    }

    @Test
    void withTwoKernelThreadsBothRunOnTwoThreadsWithOneKernelThreadEach() {
        int before = Parallelism.threads();
        Parallelism.setThreads(2);
        try (SideThread twins = new SideThread("twin")) {
            for (int round = 0; round < 3; round++) {
                List<String> seen = twins.both(i -> i + " " + Thread.currentThread().getName() + " " + Parallelism.threads());
                assertEquals("0 " + Thread.currentThread().getName() + " 1", seen.get(0));
                assertTrue(seen.get(1).startsWith("1 twin "), seen.get(1));
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
        try (SideThread twins = new SideThread("twin")) {
            List<String> seen = twins.both(i -> Thread.currentThread().getName());
            assertEquals(List.of(Thread.currentThread().getName(), Thread.currentThread().getName()), seen);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void aFailureInBothIsRethrownOnceBothFinished() {
        int before = Parallelism.threads();
        Parallelism.setThreads(2);
        AtomicBoolean secondDone = new AtomicBoolean();
        try (SideThread twins = new SideThread("twin")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> twins.both(i -> {
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
            assertTrue(secondDone.get(), "the caller waited for the side thread's task");
            e = assertThrows(IllegalStateException.class, () -> twins.both(i -> {
                if (i == 1) {
                    throw new IllegalStateException("task 1 failed");
                }
                return i;
            }));
            assertEquals("task 1 failed", e.getMessage());
            assertEquals(List.of(0, 1), twins.both(i -> i), "usable after a failure");
            twins.close();
            e = assertThrows(IllegalStateException.class, () -> twins.both(i -> i));
            assertTrue(e.getMessage().contains("used after close()"), e.getMessage());
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
