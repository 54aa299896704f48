package dev.javelin.tensor.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a safetensors file: tensors in data order (as float32) and the optional string metadata;
 * the F64 tensors are also in {@code float64}, exact.
 */
public record SafeTensorsFile(Map<String, TensorData> tensors, Map<String, Float64Data> float64, Map<String, String> metadata) {
    /** Copies the maps, keeping the file's order. */
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        float64 = Collections.unmodifiableMap(new LinkedHashMap<>(float64));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public SafeTensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {
        this(tensors, Map.of(), metadata);
    }

    /** The tensor called {@code name}, which must have exactly {@code expectedShape}. */
    public TensorData get(String name, int... expectedShape) {
        TensorData t = get(name);
        if (!Arrays.equals(t.shape(), expectedShape)) {
            throw new IllegalArgumentException("safetensors: tensor \"" + name + "\" has shape " + Arrays.toString(t.shape())
                    + " but " + Arrays.toString(expectedShape) + " was expected");
        }
        return t;
    }

    /** The tensor called {@code name}, of any shape. */
    public TensorData get(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("safetensors: no tensor \"" + name + "\"; the file has " + tensors.keySet());
        }
        return t;
    }
}
