package dev.javelin.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Named sub-spaces; an element is a {@code Map} with exactly the same keys, each value in its sub-space. */
public final class Dict implements Space<Map<String, Object>> {
    private final Map<String, Space<?>> spaces;

    /** A space of named sub-spaces, kept in the map's iteration order. */
    public Dict(Map<String, ? extends Space<?>> spaces) {
        if (spaces.isEmpty()) {
            throw new IllegalArgumentException("Dict: no sub-spaces, expected at least one");
        }
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    /** The sub-spaces by name. */
    public Map<String, Space<?>> spaces() { return spaces; }

    /** The sub-space called {@code key}; an unknown key is rejected with the known ones. */
    public Space<?> get(String key) {
        Space<?> s = spaces.get(key);
        if (s == null) {
            throw new IllegalArgumentException("Dict: no key '" + key + "', keys are " + spaces.keySet());
        }
        return s;
    }

    @Override
    public Map<String, Object> sample(RandomGenerator rng) {
        Map<String, Object> x = new LinkedHashMap<>();
        spaces.forEach((k, s) -> x.put(k, s.sample(rng)));
        return x;
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Map<?, ?> m) || !m.keySet().equals(spaces.keySet())) {
            return false;
        }
        for (Map.Entry<String, Space<?>> e : spaces.entrySet()) {
            if (!e.getValue().contains(m.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dict d && spaces.equals(d.spaces);
    }

    @Override
    public int hashCode() {
        return spaces.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Dict(");
        spaces.forEach((k, v) -> s.append(s.length() > 5 ? ", " : "").append('\'').append(k).append("': ").append(v));
        return s.append(')').toString();
    }
}
