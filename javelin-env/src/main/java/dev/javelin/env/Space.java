package dev.javelin.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The set of valid observations or actions of an {@link Env}, as Gymnasium's {@code gymnasium.spaces.Space}.
 *
 * @param <T> the Java type of one element: {@code float[]} for {@link Box}, {@code Integer} for
 *            {@link Discrete}, {@code int[]} for {@link MultiDiscrete}, {@code Map} for {@link Dict}
 */
public interface Space<T> {

    /** A random element, drawn from {@code rng} only (so a seeded generator gives a reproducible sample). */
    T sample(RandomGenerator rng);

    /** Whether {@code value} is an element; values of the wrong Java type are not. */
    boolean contains(Object value);

    /**
     * Returns {@code value} as an element, or throws naming the value and this space, e.g.
     * {@code "CartPole-v1: action 2 is outside Discrete(2)"}.
     */
    @SuppressWarnings("unchecked")
    default T check(Object value, String what) {
        if (!contains(value)) {
            throw new IllegalArgumentException(what + " " + format(value) + " is outside " + this);
        }
        return (T) value;
    }

    /** Readable text of a space element (arrays printed by content). */
    static String format(Object value) {
        return switch (value) {
            case null -> "null";
            case float[] a -> Arrays.toString(a);
            case double[] a -> Arrays.toString(a);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case Object[] a -> Arrays.deepToString(a);
            default -> value + " (" + value.getClass().getSimpleName() + ")";
        };
    }
}
