package dev.javelin.env;

import java.util.random.RandomGenerator;

/** The integers {@code start, start + 1, ..., start + n - 1}, as Gymnasium's {@code Discrete(n, start)}. */
public record Discrete(int n, int start) implements Space<Integer> {

    /** Rejects {@code n <= 0}. */
    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete: n = " + n + ", expected n > 0");
        }
    }

    /** The actions {@code 0 .. n-1} (Gymnasium's {@code start} of 0). */
    public Discrete(int n) {
        this(n, 0);
    }

    @Override
    public Integer sample(RandomGenerator rng) {
        return start + rng.nextInt(n);
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Integer a && a >= start && a - start < n;
    }

    @Override
    public String toString() {
        return start == 0 ? "Discrete(" + n + ")" : "Discrete(" + n + ", start=" + start + ")";
    }
}
