package dev.javelin.rl;

import java.util.Locale;

/**
 * The heap a run's largest buffers will need, checked before the run directory exists, so a setting that
 * cannot fit (num_envs = 100000000) is one message naming it instead of an OutOfMemoryError mid-setup.
 * Estimates count the arrays the algorithm allocates up front, plus a floor per environment copy.
 */
public final class MemoryBudget {
    /** A lower bound of one environment copy with its wrappers and buffers (a classic-control env is ~1 KB). */
    public static final long BYTES_PER_ENV = 1024;

    /** The share of the heap {@link #requireBuffer} keeps for the rest of a run: networks, batches, activations. */
    public static final double MARGIN = 0.25;

    private MemoryBudget() {
    }

    /**
     * Throws when a buffer of {@code steps} x {@code bytesPerStep} exceeds the heap this JVM may grow to (-Xmx)
     * minus {@link #MARGIN} of it; the message gives the numbers and names {@code setting}, the key that sizes it.
     */
    public static void requireBuffer(String what, long steps, long bytesPerStep, String setting) {
        long max = Runtime.getRuntime().maxMemory();
        long room = (long) (max * (1 - MARGIN));
        long bytes = product(steps, bytesPerStep);
        if (bytes > room) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s would hold %,d steps x %,d bytes per step = %s, more than the %s left of the %s heap (-Xmx) "
                            + "after %.0f%% of it for networks and batches: lower %s, or raise -Xmx "
                            + "(JAVELIN_JAVA_OPTS=-Xmx...)",
                    what, steps, bytesPerStep, bytes == Long.MAX_VALUE ? "more than 8 EB" : gib(bytes), gib(room),
                    gib(max), 100 * MARGIN, setting));
        }
    }

    /** Throws when {@code bytes} exceed the heap this JVM may grow to (-Xmx), naming {@code setting}. */
    public static void require(String what, long bytes, String setting) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes < 0 || bytes > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s would need about %s, more than the %s heap (-Xmx): lower %s",
                    what, bytes < 0 ? "more than 8 EB" : gib(bytes), gib(max), setting));
        }
    }

    /** {@code a * b * c...} that saturates at Long.MAX_VALUE instead of overflowing. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f != 0 && p > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            p *= f;
        }
        return p;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
