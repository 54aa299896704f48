package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ArenaTest {
    private static final int N = 256;

    @Test
    void aClosedScopesArraysAreLentAgainZeroed() {
        float[] first;
        try (Arena a = Arena.open()) {
            first = Arena.floats(N);
            first[3] = 7f;
        }
        try (Arena a = Arena.open()) {
            float[] again = Arena.floats(N);
            assertSame(first, again, "the array given back is lent again");
            assertEquals(0f, again[3], "and zeroed");
            assertNotSame(first, Arena.floats(N), "while lent it is not lent twice");
        }
    }

    @Test
    void anArrayForAFullOverwriteIsLentAgainUncleared() {
        float[] first;
        try (Arena a = Arena.open()) {
            first = Arena.overwritten(N);
            first[3] = 7f;
        }
        try (Arena a = Arena.open()) {
            float[] again = Arena.overwritten(N);
            assertSame(first, again, "the array given back is lent again");
            assertEquals(7f, again[3], "as it was left: its user writes every element");
        }
        assertEquals(0f, Arena.overwritten(N)[3], "outside a scope it is a new array");
    }

    @Test
    void outsideAScopeEveryArrayIsNew() {
        try (Arena a = Arena.open()) {
            Arena.floats(N);
        }
        float[] x = Arena.floats(N);
        assertNotSame(x, Arena.floats(N));
        try (Arena a = Arena.open()) {
            assertNotSame(x, Arena.floats(N), "an array allocated outside a scope never joins the pool");
        }
    }

    @Test
    void smallArraysAreNotPooled() {
        float[] small;
        try (Arena a = Arena.open()) {
            small = Arena.floats(Arena.MIN_POOLED - 1);
        }
        try (Arena a = Arena.open()) {
            assertNotSame(small, Arena.floats(Arena.MIN_POOLED - 1));
        }
    }

    @Test
    void pastTheCapArraysAreAllocatedAsOutsideAScope() {
        int big = (int) (Arena.MAX_LENT / 2);
        float[] first, second, third;
        try (Arena a = Arena.open()) {
            first = Arena.floats(big);
            second = Arena.floats(big);
            third = Arena.floats(big);  // would pass the cap: not lent, so not retained by the scope
        }
        try (Arena a = Arena.open()) {
            float[] x = Arena.floats(big), y = Arena.floats(big), z = Arena.floats(big);
            assertTrue((x == first || x == second) && (y == first || y == second) && x != y, "the lent two come back");
            assertNotSame(third, z, "the third was never the pool's");
        }
    }

    @Test
    void anInnerScopeGivesBackOnlyItsOwnArrays() {
        try (Arena outer = Arena.open()) {
            float[] kept = Arena.floats(N);
            float[] inner;
            try (Arena in = Arena.open()) {
                inner = Arena.floats(N);
            }
            float[] next = Arena.floats(N);
            assertSame(inner, next, "the inner scope's array came back");
            assertNotSame(kept, next, "the outer scope's array is still lent");
        }
    }

    @Test
    void closingAnEnclosingScopeFirstIsRefused() {
        Arena outer = Arena.open();
        Arena inner = Arena.open();
        float[] lent = Arena.floats(N);
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("1 inner scope(s) still open"), e.getMessage());
        inner.close();
        outer.close();
        try (Arena a = Arena.open()) {
            assertSame(lent, Arena.floats(N), "the refused close gave nothing back early");
            assertNotSame(lent, Arena.floats(N), "nor twice");
        }
    }

    @Test
    void aScopeClosesOnlyOnItsOwnThread() throws Exception {
        Arena a = Arena.open();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                a.close();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        a.close();
    }

    @Test
    void gradientsAndResultsMatchWithoutTheArena() {
        Rng rng = new Rng(3);
        Tensor w = Tensor.uniform(rng, -1, 1, 32, 16).requiresGrad(true);
        Tensor b = Tensor.uniform(rng, -1, 1, 32).requiresGrad(true);
        Tensor x = Tensor.uniform(rng, -1, 1, 64, 16);
        float[] plain = step(w, b, x);
        float[] plainGrad = w.grad().data().clone();
        for (int repeat = 0; repeat < 3; repeat++) {
            w.zeroGrad();
            b.zeroGrad();
            float[] pooled;
            try (Arena a = Arena.open()) {
                // from the second repeat on, every result array is lent again holding the last repeat's values
                pooled = step(w, b, x);
            }
            assertArrayEquals(plain, pooled, 0f);
            assertArrayEquals(plainGrad, w.grad().data(), 0f, "the leaf's gradient lives outside the arena");
        }
    }

    private static float[] step(Tensor w, Tensor b, Tensor x) {
        Tensor h = Tensor.linear(x, w, b).relu().add(Tensor.linear(x, w, null).tanh());
        Tensor loss = h.square().mean();
        loss.backward();
        return loss.data().clone();
    }
}
