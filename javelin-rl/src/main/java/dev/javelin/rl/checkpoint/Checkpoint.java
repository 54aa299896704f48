package dev.javelin.rl.checkpoint;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.Float64Data;
import dev.javelin.tensor.io.SafeTensors;
import dev.javelin.tensor.io.SafeTensorsFile;
import dev.javelin.tensor.io.SafeTensorsFormatException;
import dev.javelin.tensor.io.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * An agent's state in one safetensors file, as skrl's checkpoint dict: groups of named tensors
 * (modules such as "policy", optimizers, preprocessors) stored as {@code <group>.<name>}, so PyTorch
 * reads {@code policy.0.weight}, plus string metadata (timestep, algorithm, ...).
 *
 * <pre>{@code
 * new Checkpoint().put("policy", policy.state()).put("optimizer", adam.state())
 *         .put("state_preprocessor", scaler.state()).meta("timestep", step).write(file);   // atomic
 * Checkpoint c = Checkpoint.read(file);
 * policy.load(c.group("policy"));  scaler.load(c.group("state_preprocessor"));
 * }</pre>
 * The group list is kept in the metadata, so an empty group (an optimizer before its first step)
 * still reads back, and a file without it is reported as not a Javelin checkpoint.
 */
public final class Checkpoint {
    /** An empty checkpoint: add groups and metadata, then {@link #write}. */
    public Checkpoint() {
    }

    /** Metadata key holding the comma-separated group names. */
    public static final String GROUPS = "javelin.groups";
    /** Metadata key holding the CRC-32C of the tensors' data, so damaged bytes are caught on read. */
    public static final String CHECKSUM = "javelin.crc32c";

    private final Map<String, Map<String, TensorData>> groups = new LinkedHashMap<>();
    /** The F64 arrays of groups put with {@link #putFloat64}, by group (their float32 maps stay empty). */
    private final Map<String, Map<String, Float64Data>> float64 = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Copies of the tensors' values under {@code group}, which must be new and a plain name (no dot or comma). */
    public Checkpoint put(String group, Map<String, Tensor> state) {
        if (group.isEmpty() || group.contains(".") || group.contains(",")) {
            throw new IllegalArgumentException("Checkpoint: group name must be non-empty without '.' or ',', got '"
                    + group + "'");
        }
        if (groups.containsKey(group)) {
            throw new IllegalArgumentException("Checkpoint: group '" + group + "' was already put");
        }
        Map<String, TensorData> copies = new LinkedHashMap<>();
        state.forEach((name, t) -> {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Checkpoint: empty tensor name in group '" + group + "'");
            }
            copies.put(name, new TensorData(t.shape(), t.data().clone()));
        });
        groups.put(group, copies);
        return this;
    }

    /** Copies of float64 arrays under {@code group}, stored as F64 so that they read back bit for bit. */
    public Checkpoint putFloat64(String group, Map<String, Float64Data> state) {
        put(group, Map.of());
        Map<String, Float64Data> copies = new LinkedHashMap<>();
        state.forEach((name, d) -> {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Checkpoint: empty tensor name in group '" + group + "'");
            }
            copies.put(name, new Float64Data(d.shape(), d.data().clone()));
        });
        float64.put(group, copies);
        return this;
    }

    /** Adds a metadata entry; the key that lists the groups is reserved. */
    public Checkpoint meta(String key, String value) {
        if (key.equals(GROUPS) || key.equals(CHECKSUM)) {
            throw new IllegalArgumentException("Checkpoint: metadata key '" + key + "' is reserved");
        }
        metadata.put(key, value);
        return this;
    }

    /** Adds a whole-number metadata entry. */
    public Checkpoint meta(String key, long value) {
        return meta(key, Long.toString(value));
    }

    /** Writes the file atomically (temporary file in the same directory, forced, then renamed). */
    public void write(Path file) {
        Map<String, TensorData> flat = new LinkedHashMap<>();
        groups.forEach((group, tensors) -> tensors.forEach((name, t) -> flat.put(group + "." + name, t)));
        Map<String, Float64Data> flat64 = new LinkedHashMap<>();
        float64.forEach((group, arrays) -> arrays.forEach((name, d) -> flat64.put(group + "." + name, d)));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(GROUPS, String.join(",", groups.keySet()));
        meta.put(CHECKSUM, checksum(flat.values(), flat64.values()));
        try {
            SafeTensors.writeArrays(file, flat, flat64, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint; a damaged or foreign file is an IllegalArgumentException naming the file and the problem. */
    public static Checkpoint read(Path file) {
        SafeTensorsFile f;
        try {
            f = SafeTensors.readFile(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not exist");
        } catch (SafeTensorsFormatException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt (not a valid safetensors file): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        String list = f.metadata().get(GROUPS);
        if (list == null) {
            throw new IllegalArgumentException("checkpoint " + file + " is a safetensors file but not a Javelin checkpoint"
                    + " (no '" + GROUPS + "' metadata)");
        }
        String expected = f.metadata().get(CHECKSUM);
        if (expected != null) {
            List<TensorData> singles = f.tensors().entrySet().stream().filter(e -> !f.float64().containsKey(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            String actual = checksum(singles, f.float64().values());
            if (!actual.equals(expected)) {
                throw new IllegalArgumentException("checkpoint " + file + " is corrupt: its data has CRC-32C " + actual
                        + " but the file was written with " + expected);
            }
        }
        Checkpoint c = new Checkpoint();
        for (String group : list.isEmpty() ? List.<String>of() : Arrays.asList(list.split(","))) {
            c.groups.put(group, new LinkedHashMap<>());
        }
        f.tensors().forEach((fullName, t) -> {
            int dot = fullName.indexOf('.');
            Map<String, TensorData> g = dot > 0 ? c.groups.get(fullName.substring(0, dot)) : null;
            if (g == null) {
                throw new IllegalArgumentException("checkpoint " + file + " is corrupt: tensor '" + fullName
                        + "' belongs to none of the groups " + c.groups.keySet());
            }
            Float64Data exact = f.float64().get(fullName);
            if (exact != null) {
                c.float64.computeIfAbsent(fullName.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(fullName.substring(dot + 1), exact);
            } else {
                g.put(fullName.substring(dot + 1), t);
            }
        });
        f.metadata().forEach((k, v) -> {
            if (!k.equals(GROUPS) && !k.equals(CHECKSUM)) {
                c.metadata.put(k, v);
            }
        });
        return c;
    }

    /** The group names, in the order they were added. */
    public Set<String> groups() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** Whether the checkpoint has {@code group}. */
    public boolean has(String group) {
        return groups.containsKey(group);
    }

    /** Fresh tensors of {@code group}, by name, in the order they were put. */
    public Map<String, Tensor> group(String group) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensorsOf(group).forEach((name, t) -> out.put(name, Tensor.of(t.data().clone(), t.shape())));
        return out;
    }

    /**
     * The float64 arrays of {@code group}, exact when it was put with {@link #putFloat64}; a group stored as
     * float32 (a checkpoint written before its statistics were kept as F64) reads widened.
     */
    public Map<String, Float64Data> float64Group(String group) {
        Map<String, Float64Data> exact = float64.get(group);
        Map<String, TensorData> singles = tensorsOf(group);
        Map<String, Float64Data> out = new LinkedHashMap<>();
        if (exact != null) {
            exact.forEach((name, d) -> out.put(name, new Float64Data(d.shape(), d.data().clone())));
        }
        singles.forEach((name, t) -> {
            double[] wide = new double[t.data().length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = t.data()[i];
            }
            out.put(name, new Float64Data(t.shape(), wide));
        });
        return out;
    }

    /**
     * Copies {@code group} into the storage of {@code live} (e.g. a module's parameters), in place. Names must
     * match in both directions and every shape must agree; nothing is copied unless all do.
     */
    public void restore(String group, Map<String, Tensor> live) {
        Map<String, TensorData> saved = tensorsOf(group);
        Set<String> missing = new LinkedHashSet<>(live.keySet());
        missing.removeAll(saved.keySet());
        Set<String> unexpected = new LinkedHashSet<>(saved.keySet());
        unexpected.removeAll(live.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("checkpoint group '" + group + "' does not match: missing " + missing
                    + ", unexpected " + unexpected);
        }
        List<String> wrong = new ArrayList<>();
        live.forEach((name, t) -> {
            if (!Arrays.equals(saved.get(name).shape(), t.shape())) {
                wrong.add("'" + name + "' is " + Arrays.toString(saved.get(name).shape()) + " in the checkpoint but "
                        + Arrays.toString(t.shape()) + " here");
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("checkpoint group '" + group + "': " + String.join("; ", wrong));
        }
        live.forEach((name, t) -> System.arraycopy(saved.get(name).data(), 0, t.data(), 0, t.size()));
    }

    /** All metadata entries. */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The metadata entry {@code key}; a missing key is rejected with the keys there are. */
    public String metadata(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no metadata '" + key + "'; it has " + metadata.keySet());
        }
        return v;
    }

    /** The metadata entry {@code key} as a whole number. */
    public long longMetadata(String key) {
        String v = metadata(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint metadata '" + key + "' = '" + v + "' is not an integer");
        }
    }

    /** CRC-32C of the F32 then the F64 values' bits in little-endian order, as they lie in the data section. */
    private static String checksum(Collection<TensorData> tensors, Collection<Float64Data> doubles) {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorData t : tensors) {
            for (float v : t.data()) {
                if (!buf.hasRemaining()) {
                    crc.update(buf.flip());
                    buf.clear();
                }
                buf.putInt(Float.floatToRawIntBits(v));
            }
        }
        for (Float64Data d : doubles) {
            for (double v : d.data()) {
                if (!buf.hasRemaining()) {
                    crc.update(buf.flip());
                    buf.clear();
                }
                buf.putLong(Double.doubleToRawLongBits(v));
            }
        }
        crc.update(buf.flip());
        return String.format("%08x", crc.getValue());
    }

    private Map<String, TensorData> tensorsOf(String group) {
        Map<String, TensorData> g = groups.get(group);
        if (g == null) {
            throw new IllegalArgumentException("checkpoint has no group '" + group + "'; it has " + groups.keySet());
        }
        return g;
    }
}
