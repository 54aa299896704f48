package dev.javelin.policy;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import dev.javelin.tensor.io.SafeTensorsFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A trained policy for inference: a raw observation in, the env's action out, deterministically.
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("policy.onnx"));   // or a run directory, a checkpoint, a policy .safetensors
 * float[] action = policy.act(observation);              // a Discrete action as its value, e.g. {1f}
 * float[] reach = fetch.act(Map.of("achieved_goal", ag, "desired_goal", dg, "observation", o));  // a Dict observation
 * }</pre>
 *
 * <p>Runs on the engine's kernels (the same ops in the same order as the agents' deterministic actions, so the same
 * bits), with nothing from training on its path: this module depends on javelin-tensor alone (and ONNX's protobuf
 * classes to read .onnx files). Run directories and training checkpoints are read by a {@link PolicyReader} found
 * on the class path (javelin-rl's). Immutable, so one instance serves any number of threads.
 */
public final class Policy {
    private final PolicySpec spec;
    private final Optional<PolicySpec.Scaler> scaler;
    // copies taken once: the spec's accessors clone
    private final float[] mean;
    private final float[] scale;
    private final Tensor[] weights;
    private final Tensor[] biases;
    private final float[] low;
    private final float[] high;
    private final List<PolicySpec.ObservationKey> keys;

    private Policy(PolicySpec spec) {
        this.spec = spec;
        this.keys = spec.observationKeys();
        this.scaler = spec.scaler();
        this.mean = scaler.map(PolicySpec.Scaler::mean).orElse(new float[0]);
        this.scale = scaler.map(PolicySpec.Scaler::scale).orElse(new float[0]);
        switch (spec.head()) {
            case PolicySpec.Clip c -> {
                low = c.low();
                high = c.high();
            }
            case PolicySpec.TanhRescale t -> {
                low = t.low();
                high = t.high();
            }
            case PolicySpec.Argmax a -> {
                low = new float[0];
                high = new float[0];
            }
        }
        List<PolicySpec.Layer> layers = spec.layers();
        weights = new Tensor[layers.size()];
        biases = new Tensor[layers.size()];
        for (int i = 0; i < weights.length; i++) {
            PolicySpec.Layer l = layers.get(i);
            weights[i] = Tensor.of(l.weight().data().clone(), l.out(), l.in());
            biases[i] = Tensor.of(l.bias(), l.out());
        }
    }

    public static Policy of(PolicySpec spec) {
        return new Policy(spec);
    }

    /**
     * A policy from an ONNX file or a policy {@code .safetensors} that Javelin exported, or from a run directory
     * (its latest checkpoint) or one of its checkpoints (through a {@link PolicyReader}, e.g. javelin-rl's).
     */
    public static Policy load(Path path) {
        return new Policy(read(path));
    }

    private static PolicySpec read(Path path) {
        if (Files.isDirectory(path)) {
            return fromRun(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("policy " + path + " does not exist");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return OnnxPolicy.read(path);
        }
        if (!name.endsWith(".safetensors")) {
            throw new IllegalArgumentException("policy " + path + ": expected a .onnx file, a .safetensors file "
                    + "(exported policy or training checkpoint) or a run directory");
        }
        Map<String, String> metadata;
        try {
            metadata = SafeTensors.readFile(path).metadata();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("policy " + path + " does not exist");
        } catch (SafeTensorsFormatException e) {
            throw new IllegalArgumentException("policy " + path + " is not a valid safetensors file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + path + ": " + e.getMessage(), e);
        }
        return metadata.containsKey(PolicyTensors.FORMAT) ? PolicyFile.read(path) : fromRun(path);
    }

    private static PolicySpec fromRun(Path path) {
        return ServiceLoader.load(PolicyReader.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                path + " is a run directory or training checkpoint: reading one needs javelin-rl on the class path; "
                        + "or export the policy (javelin export " + path + " --format onnx --out policy.onnx) and load that"))
                .read(path);
    }

    public PolicySpec spec() {
        return spec;
    }

    public int observationSize() {
        return spec.observationSize();
    }

    /** Floats per action: 1 for a Discrete action, else the Box's size. */
    public int actionSize() {
        return spec.actionSize();
    }

    /**
     * The action for one observation of {@link #observationSize()} floats; for a Dict policy, its entries
     * concatenated in {@link PolicySpec#observationKeys()} order (or use {@link #act(Map)}).
     */
    public float[] act(float[] observation) {
        return act(observation, 1);
    }

    /** Actions for {@code n} observations in rows ({@code n * observationSize} floats), {@code n * actionSize} floats. */
    public float[] act(float[] observations, int n) {
        int d = observationSize();
        if (n < 1 || observations.length != (long) n * d) {
            throw new IllegalArgumentException("Policy.act: " + observations.length + " floats for " + n
                    + " observations, expected n >= 1 and " + (long) Math.max(n, 1) * d + " (" + d + " per observation)");
        }
        try (var g = Grad.disabled()) {
            Tensor h = Tensor.of(standardized(observations, n), n, d);
            for (int i = 0; i < weights.length; i++) {
                h = spec.layers().get(i).activation().apply(Tensor.linear(h, weights[i], biases[i]));
            }
            return head(h, n);
        }
    }

    /**
     * The action for one Dict observation, as a goal env returns it: each of the policy's
     * {@link PolicySpec#observationKeys() keys} mapped to a {@code float[]} of its size (values typed {@code Object},
     * as a Javelin env's {@code Map<String, Object>}, are accepted when they are float arrays). The entries are
     * concatenated in the keys' order, so this equals {@link #act(float[])} on the flattened observation.
     */
    public float[] act(Map<String, ?> observation) {
        return act(observation, 1);
    }

    /**
     * Actions for {@code n} Dict observations: each key maps to its {@code n} rows ({@code n * size} floats);
     * returns {@code n * actionSize} floats.
     */
    public float[] act(Map<String, ?> observations, int n) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Policy.act: this policy takes a flat observation of " + observationSize()
                    + " floats, not a Dict (got keys " + observations.keySet() + ")");
        }
        if (n < 1) {
            throw new IllegalArgumentException("Policy.act: " + n + " observations, expected n >= 1");
        }
        int d = observationSize();
        float[] flat = new float[n * d];
        int offset = 0;
        for (PolicySpec.ObservationKey key : keys) {
            Object value = observations.get(key.name());
            if (value == null) {
                throw new IllegalArgumentException("Policy.act: the observation has no key '" + key.name()
                        + "'; the policy takes " + describeKeys());
            }
            if (!(value instanceof float[] v) || v.length != (long) n * key.size()) {
                String got = value instanceof float[] v ? v.length + " floats" : "a " + value.getClass().getSimpleName();
                throw new IllegalArgumentException("Policy.act: key '" + key.name() + "' is " + got + " for " + n
                        + " observations, expected float[" + (long) n * key.size() + "] (" + key.size() + " per observation)");
            }
            for (int r = 0; r < n; r++) {
                System.arraycopy(v, r * key.size(), flat, r * d + offset, key.size());
            }
            offset += key.size();
        }
        if (observations.size() != keys.size()) {
            for (String name : observations.keySet()) {
                if (keys.stream().noneMatch(k -> k.name().equals(name))) {
                    throw new IllegalArgumentException("Policy.act: unexpected key '" + name + "'; the policy takes "
                            + describeKeys());
                }
            }
        }
        return act(flat, n);
    }

    private String describeKeys() {
        return String.join(", ", keys.stream().map(k -> k.name() + "[" + k.size() + "]").toList());
    }

    /** RunningStandardScaler.standardize: the same float operations, so the same bits as training saw. */
    private float[] standardized(float[] x, int n) {
        float[] out = x.clone();
        if (scaler.isEmpty()) {
            return out;
        }
        float clip = scaler.get().clip();
        int d = mean.length;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                float v = (x[r * d + j] - mean[j]) / scale[j];
                out[r * d + j] = Math.min(Math.max(v, -clip), clip);
            }
        }
        return out;
    }

    private float[] head(Tensor h, int n) {
        return switch (spec.head()) {
            case PolicySpec.Argmax a -> {
                float[] index = h.argmax(1).data();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = a.start() + index[i];
                }
                yield out;
            }
            case PolicySpec.Clip c -> {
                float[] out = h.data().clone();
                for (int k = 0; k < out.length; k++) {
                    out[k] = Math.min(Math.max(out[k], low[k % low.length]), high[k % low.length]);
                }
                yield out;
            }
            case PolicySpec.TanhRescale t -> {
                float[] squashed = (t.meanClip() > 0 ? h.clamp(-t.meanClip(), t.meanClip()) : h).tanh().data();
                float[] out = new float[squashed.length];
                // RescaleAction's map from [-1, 1], in double as Gymnasium computes it
                for (int k = 0; k < out.length; k++) {
                    double lo = low[k % low.length], hi = high[k % low.length];
                    double a = lo + (hi - lo) * ((squashed[k] + 1.0) / 2.0);
                    out[k] = (float) Math.min(Math.max(a, lo), hi);
                }
                yield out;
            }
        };
    }

    @Override
    public String toString() {
        return "Policy[" + spec.info().getOrDefault(PolicySpec.ALGO, "?") + " on " + spec.info().getOrDefault(PolicySpec.ENV, "?")
                + ", " + observationSize() + " -> " + spec.head().name() + "]";
    }
}
