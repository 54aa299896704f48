package dev.javelin.cluster;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** PPO's acting state (a checkpoint of model and preprocessors) as the flat named tensors that travel as {@link Weights}. */
final class ActingState {
    private ActingState() {
    }

    /** "group.name" -> tensor, in group and put order. */
    static Map<String, Tensor> tensors(Checkpoint c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String g : c.groups()) {
            c.group(g).forEach((name, t) -> out.put(g + "." + name, t));
        }
        return out;
    }

    /** The inverse of {@link #tensors}. */
    static Checkpoint checkpoint(Map<String, Tensor> tensors) {
        Map<String, Map<String, Tensor>> groups = new LinkedHashMap<>();
        tensors.forEach((key, t) -> {
            int dot = key.indexOf('.');
            groups.computeIfAbsent(key.substring(0, dot), g -> new LinkedHashMap<>()).put(key.substring(dot + 1), t);
        });
        Checkpoint c = new Checkpoint();
        groups.forEach(c::put);
        return c;
    }
}
