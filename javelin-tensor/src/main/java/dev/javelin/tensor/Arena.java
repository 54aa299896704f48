package dev.javelin.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * A scope in which the arrays that tensor ops allocate for their results are lent by this thread's pool and
 * taken back when the scope closes, so a training loop that repeats the same step reuses the same arrays
 * instead of allocating fresh ones every step. A fresh array is memory the cache has not seen: allocating and
 * zeroing one of 64 KB costs about as much as writing it to DRAM, and a PPO minibatch step allocates dozens;
 * a lent array was used one step ago and is still in L2.
 *
 * <pre>{@code
 * for (...) {
 *     try (Arena arena = Arena.open()) {
 *         Tensor loss = ...;
 *         loss.backward();        // leaf gradients live in the leaves' own arrays, not the arena's
 *         optimizer.step();
 *         sum += loss.item();     // read what you need before the scope ends
 *     }
 * }
 * }</pre>
 *
 * <p>The rule: every tensor an op computes inside the scope dies with it; reading one afterwards reads an array
 * that a later op may have overwritten. What outlives the scope lives in arrays allocated outside it: tensors
 * built by the factories ({@link Tensor#zeros}, {@link Tensor#of}, ...) or by {@link Tensor#copy} (the way to keep
 * a result), parameters, their gradients (accumulated into the leaf's own array) and optimizer state. Scopes nest; each thread has its own pool, so
 * work handed to another thread opens its own scope there. Without an open scope ops allocate as usual, and so they
 * do inside one once its thread's scopes have lent {@link #MAX_LENT} floats.
 */
public final class Arena implements AutoCloseable {
    /** Smaller arrays come from the thread's allocation buffer cheaply enough. */
    static final int MIN_POOLED = 64;
    /**
     * Floats a thread's open scopes lend at most (256 MB): past it arrays are allocated as outside a scope, so the
     * collector can take back the temporaries of a step that allocates gigabytes (a DreamerV3 update does), and
     * reuse ends where it would no longer be cache-warm anyway.
     */
    static final long MAX_LENT = 1L << 26;

    private static final ThreadLocal<Pool> POOL = new ThreadLocal<>();

    private final Pool pool;
    private final int mark;
    private boolean closed;

    private Arena(Pool pool, int mark) {
        this.pool = pool;
        this.mark = mark;
    }

    /** Opens a scope on the current thread; close it on the same thread, innermost first. */
    public static Arena open() {
        Pool p = POOL.get();
        if (p == null) {
            p = new Pool();
            POOL.set(p);
        }
        Arena a = new Arena(p, p.lent.size());
        p.open.add(a);
        return a;
    }

    /** A zeroed array of length n: lent by the open scope of this thread, or newly allocated outside one. */
    static float[] floats(int n) {
        return array(n, true);
    }

    /**
     * An array of length n whose contents are unspecified (a lent array keeps what its last user wrote), for
     * results that write every element before anything reads them: lent as by {@link #floats} but without its
     * zeroing pass, which for a product or an elementwise op's output was a whole extra write of the result.
     */
    static float[] overwritten(int n) {
        return array(n, false);
    }

    private static float[] array(int n, boolean zeroed) {
        if (n < MIN_POOLED) {
            return new float[n];
        }
        Pool p = POOL.get();
        return p == null || p.open.isEmpty() || p.lentFloats + n > MAX_LENT ? new float[n] : p.lend(n, zeroed);
    }

    /** Takes back every array lent since this scope opened. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (POOL.get() != pool) {
            throw new IllegalStateException("Arena.close: the scope was opened on another thread");
        }
        if (pool.open.getLast() != this) {
            throw new IllegalStateException("Arena.close: " + (pool.open.size() - 1 - pool.open.indexOf(this))
                    + " inner scope(s) still open; close the innermost first");
        }
        closed = true;
        pool.open.removeLast();
        pool.giveBack(mark);
    }

    /** One thread's arrays: free ones by length, and the ones lent, in lending order. */
    private static final class Pool {
        final ArrayList<float[]> lent = new ArrayList<>();
        final ArrayList<Arena> open = new ArrayList<>();
        long lentFloats;
        // free lists keyed by exact length; a training step uses few distinct lengths, so a linear scan is quick
        int[] lengths = new int[16];
        @SuppressWarnings("unchecked")
        ArrayDeque<float[]>[] free = new ArrayDeque[16];
        int sizes;

        float[] lend(int n, boolean zeroed) {
            ArrayDeque<float[]> list = freeList(n);
            float[] a = list.pollLast();
            if (a == null) {
                a = new float[n];
            } else if (zeroed) {
                Arrays.fill(a, 0f);
            }
            lent.add(a);
            lentFloats += n;
            return a;
        }

        void giveBack(int mark) {
            for (int i = lent.size() - 1; i >= mark; i--) {
                float[] a = lent.remove(i);
                lentFloats -= a.length;
                freeList(a.length).addLast(a);
            }
        }

        private ArrayDeque<float[]> freeList(int n) {
            for (int i = 0; i < sizes; i++) {
                if (lengths[i] == n) {
                    return free[i];
                }
            }
            if (sizes == lengths.length) {
                lengths = Arrays.copyOf(lengths, 2 * sizes);
                free = Arrays.copyOf(free, 2 * sizes);
            }
            lengths[sizes] = n;
            free[sizes] = new ArrayDeque<>();
            return free[sizes++];
        }
    }
}
