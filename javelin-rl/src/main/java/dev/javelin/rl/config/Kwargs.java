package dev.javelin.rl.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * skrl's {@code *_kwargs} settings (the arguments of a chosen scheduler or preprocessor class): typed
 * {@code Map<String, Double>} in a config record, so YAML's numbers and its 1.1 strings like 1e-3 both arrive as
 * Doubles; what is left to check is which keys the choice takes.
 */
public final class Kwargs {
    private Kwargs() {
    }

    /**
     * Checks a {@code *_kwargs} map against the keys its choice takes.
     *
     * @param name    the config key, e.g. {@code state_preprocessor_kwargs}
     * @param allowed the keys the configured choice takes (none when it is unset)
     * @return an unmodifiable copy, for the record to hold
     * @throws IllegalArgumentException naming {@code name.key} for an unknown key or a value that is not finite
     */
    public static Map<String, Double> checked(String name, Map<String, Double> kwargs, Collection<String> allowed) {
        kwargs.forEach((key, value) -> {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + name + "." + key + "'; allowed here: "
                        + (allowed.isEmpty() ? "none" : allowed.stream().sorted().toList()));
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + "." + key + " must be a finite number, got " + value);
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }
}
