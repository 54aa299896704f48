package dev.javelin.env.wrappers;

import dev.javelin.env.Box;
import dev.javelin.env.Dict;
import dev.javelin.env.Env;
import dev.javelin.env.Space;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Concatenates a {@link Dict} of {@link Box} observations into one vector in sorted key order, as Stable-Baselines3's
 * MultiInputPolicy flattens them for its MLPs (its CombinedExtractor walks the Dict space, whose keys Gymnasium
 * sorts). For a goal env: {@code achieved_goal | desired_goal | observation}; {@link #offset} says where each key starts,
 * which is how hindsight replay finds the goals in a stored vector.
 */
public final class FlattenDictObservation<A> extends ObservationWrapper<Map<String, Object>, float[], A> {
    private final List<String> keys;
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Box space;

    public FlattenDictObservation(Env<Map<String, Object>, A> env) {
        super(env);
        if (!(env.observationSpace() instanceof Dict dict)) {
            throw new IllegalArgumentException("FlattenDictObservation: observation space " + env.observationSpace()
                    + ", expected a Dict of Box spaces");
        }
        Map<String, Space<?>> sorted = new TreeMap<>(dict.spaces());
        keys = List.copyOf(sorted.keySet());
        List<Float> low = new ArrayList<>(), high = new ArrayList<>();
        for (Map.Entry<String, Space<?>> e : sorted.entrySet()) {
            if (!(e.getValue() instanceof Box box)) {
                throw new IllegalArgumentException("FlattenDictObservation: key '" + e.getKey() + "' has space " + e.getValue()
                        + ", expected a Box");
            }
            offsets.put(e.getKey(), low.size());
            sizes.put(e.getKey(), box.size());
            for (int i = 0; i < box.size(); i++) {
                low.add(box.low(i));
                high.add(box.high(i));
            }
        }
        float[] lo = new float[low.size()], hi = new float[high.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = low.get(i);
            hi[i] = high.get(i);
        }
        space = new Box(lo, hi);
    }

    /** Wraps {@code env} if its observations are a Dict; returns it unchanged otherwise. */
    @SuppressWarnings("unchecked")
    public static Env<?, ?> ifDict(Env<?, ?> env) {
        return env.observationSpace() instanceof Dict ? new FlattenDictObservation<>((Env<Map<String, Object>, Object>) env) : env;
    }

    @Override
    public Box observationSpace() {
        return space;
    }

    /** The Dict's keys in the order their values are concatenated (sorted). */
    public List<String> keys() {
        return keys;
    }

    /** How many floats key {@code key} has. */
    public int size(String key) {
        offset(key);
        return sizes.get(key);
    }

    /** Where key {@code key}'s values start in the flat vector. */
    public int offset(String key) {
        Integer o = offsets.get(key);
        if (o == null) {
            throw new IllegalArgumentException("FlattenDictObservation: no key '" + key + "', keys are " + keys);
        }
        return o;
    }

    @Override
    protected float[] observation(Map<String, Object> inner) {
        float[] out = new float[space.size()];
        for (String k : keys) {
            if (!(inner.get(k) instanceof float[] v) || v.length != sizes.get(k)) {
                throw new IllegalArgumentException("FlattenDictObservation: observation '" + k + "' is " + inner.get(k)
                        + ", expected float[" + sizes.get(k) + "]");
            }
            System.arraycopy(v, 0, out, offsets.get(k), v.length);
        }
        return out;
    }
}
