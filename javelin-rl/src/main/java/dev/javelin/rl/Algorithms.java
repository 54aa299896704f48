package dev.javelin.rl;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The algorithms on the class path, from {@code META-INF/services/dev.javelin.rl.Algorithm}. */
public final class Algorithms {
    private Algorithms() {
    }

    /** All algorithms, sorted by name. */
    public static List<Algorithm<?>> all() {
        return ServiceLoader.load(Algorithm.class).stream()
                .<Algorithm<?>>map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Algorithm::name))
                .toList();
    }

    /** The algorithm called {@code name} (any case); an unknown name is rejected with the known ones. */
    public static Algorithm<?> find(String name) {
        List<Algorithm<?>> all = all();
        return all.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + name + "'; known: "
                        + (all.isEmpty() ? "none yet" : String.join(", ", all.stream().map(Algorithm::name).toList()))));
    }
}
