package dev.javelin.cluster;

import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors as one float array in the map's order, and back onto a template of the same names and shapes.
 * Learner and worker build the same networks from the same config, so only the values need to travel.
 */
final class Flat {
    private Flat() {
    }

    static float[] of(Map<String, Tensor> tensors) {
        long n = tensors.values().stream().mapToLong(Tensor::size).sum();
        float[] out = new float[Math.toIntExact(n)];
        int at = 0;
        for (Tensor t : tensors.values()) {
            System.arraycopy(t.data(), 0, out, at, t.size());
            at += t.size();
        }
        return out;
    }

    /** Fresh tensors shaped as {@code template}'s, filled from {@code values}, which must hold exactly as many floats. */
    static Map<String, Tensor> into(Map<String, Tensor> template, float[] values) {
        long n = template.values().stream().mapToLong(Tensor::size).sum();
        if (n != values.length) {
            throw new IllegalArgumentException("weights have " + values.length + " floats, this network has " + n
                    + " (do learner and worker run the same javelin version and config?)");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, Tensor> e : template.entrySet()) {
            int size = e.getValue().size();
            float[] data = new float[size];
            System.arraycopy(values, at, data, 0, size);
            out.put(e.getKey(), Tensor.of(data, e.getValue().shape()));
            at += size;
        }
        return out;
    }
}
