package dev.javelin.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class ParallelismTest {

    @Test
    void aFailingPartIsRethrownOnlyAfterEveryOtherPartFinished() {
        AtomicInteger finished = new AtomicInteger();
        var e = assertThrows(IllegalStateException.class, () -> Parallelism.run(3, t -> {
            if (t == 1) throw new IllegalStateException("part 1 failed");
            finished.incrementAndGet();
        }));
        assertEquals("part 1 failed", e.getMessage());
        assertEquals(2, finished.get());
        // The workers survive a failure.
        AtomicInteger ran = new AtomicInteger();
        Parallelism.run(3, t -> ran.incrementAndGet());
        assertEquals(3, ran.get());
    }

    @Test
    void concurrentCallersShareTheWorkersAndGetTheSameBits() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        GemmTest.Problem pr = GemmTest.Problem.random(rnd, false, true, 200, 150, 160, 1f, 0f);
        int saved = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            float[] one = pr.run(false);
            Parallelism.setThreads(2);
            AtomicReferenceArray<float[]> got = new AtomicReferenceArray<>(8);
            Thread[] callers = new Thread[4];
            for (int i = 0; i < callers.length; i++) {
                int id = i;
                callers[i] = new Thread(() -> {
                    got.set(2 * id, pr.run(false));
                    got.set(2 * id + 1, pr.run(false));
                });
                callers[i].start();
            }
            for (Thread t : callers) t.join();
            for (int i = 0; i < got.length(); i++) assertArrayEquals(one, got.get(i), "caller result " + i);
        } finally {
            Parallelism.setThreads(saved);
        }
    }
}
