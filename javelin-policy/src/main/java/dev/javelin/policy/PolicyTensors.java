package dev.javelin.policy;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.io.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link PolicySpec} as named tensors and string metadata, the same in a policy .safetensors file and in an
 * ONNX file's initializers and metadata_props. Layers are named as a torch.nn.Sequential of Linear and
 * activation modules names them ({@code net.0.weight}, {@code net.2.weight}, ...), so PyTorch loads them as is.
 */
final class PolicyTensors {
    /** Marks a file as a Javelin policy; its value is the format's version. */
    static final String FORMAT = "javelin.policy";
    static final String FORMAT_VERSION = "1";
    static final String VERSION = "javelin_version";
    static final String ACTIVATIONS = "activations";
    static final String HEAD = "head";
    static final String ACTION_START = "action_start";
    static final String MEAN_CLIP = "mean_clip";
    static final String OBSERVATION_CLIP = "observation_clip";
    static final String OBSERVATION_MEAN = "observation_mean";
    static final String OBSERVATION_SCALE = "observation_scale";
    static final String ACTION_LOW = "action_low";
    static final String ACTION_HIGH = "action_high";

    private PolicyTensors() {
    }

    /** The Javelin version that writes files, from the build. */
    static String javelinVersion() {
        Properties p = new Properties();
        try (InputStream in = PolicyTensors.class.getResourceAsStream("javelin.properties")) {
            if (in == null) {
                throw new IllegalStateException("javelin-policy is built without dev/javelin/policy/javelin.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    static String weight(int layer) {
        return "net." + 2 * layer + ".weight";
    }

    static String bias(int layer) {
        return "net." + 2 * layer + ".bias";
    }

    static Map<String, TensorData> tensors(PolicySpec spec) {
        Map<String, TensorData> t = new LinkedHashMap<>();
        spec.scaler().ifPresent(s -> {
            t.put(OBSERVATION_MEAN, vector(s.mean()));
            t.put(OBSERVATION_SCALE, vector(s.scale()));
        });
        List<PolicySpec.Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            t.put(weight(i), layers.get(i).weight());
            t.put(bias(i), vector(layers.get(i).bias()));
        }
        switch (spec.head()) {
            case PolicySpec.Clip c -> {
                t.put(ACTION_LOW, vector(c.low()));
                t.put(ACTION_HIGH, vector(c.high()));
            }
            case PolicySpec.TanhRescale r -> {
                t.put(ACTION_LOW, vector(r.low()));
                t.put(ACTION_HIGH, vector(r.high()));
            }
            case PolicySpec.Argmax a -> {
            }
        }
        return t;
    }

    /** The spec's info, then the structure; the version is the writer's. */
    static Map<String, String> metadata(PolicySpec spec) {
        Map<String, String> m = new LinkedHashMap<>(spec.info());
        // a spec read from a file carries the version that wrote it; this writer's goes in its place
        m.remove(VERSION);
        m.put(FORMAT, FORMAT_VERSION);
        m.put(VERSION, javelinVersion());
        m.put(ACTIVATIONS, String.join(",", spec.layers().stream().map(l -> l.activation().configName()).toList()));
        m.put(HEAD, spec.head().name());
        if (spec.head() instanceof PolicySpec.Argmax a) {
            m.put(ACTION_START, Integer.toString(a.start()));
        }
        if (spec.head() instanceof PolicySpec.TanhRescale t && t.meanClip() > 0) {
            m.put(MEAN_CLIP, Float.toString(t.meanClip()));
        }
        spec.scaler().ifPresent(s -> m.put(OBSERVATION_CLIP, Float.toString(s.clip())));
        return m;
    }

    /** The spec back from {@link #tensors} and {@link #metadata}; {@code source} names the file in messages. */
    static PolicySpec read(Map<String, TensorData> tensors, Map<String, String> metadata, String source) {
        String format = metadata.get(FORMAT);
        if (format == null) {
            throw new IllegalArgumentException(source + " is not a Javelin policy (no '" + FORMAT + "' metadata)");
        }
        if (!format.equals(FORMAT_VERSION)) {
            throw new IllegalArgumentException(source + " is a Javelin policy of format " + format + ", this Javelin reads "
                    + FORMAT_VERSION);
        }
        try {
            String[] activations = required(metadata, ACTIVATIONS).split(",");
            List<PolicySpec.Layer> layers = new ArrayList<>();
            for (int i = 0; i < activations.length; i++) {
                layers.add(new PolicySpec.Layer(tensor(tensors, weight(i)), tensor(tensors, bias(i)).data(),
                        Activation.parse(activations[i])));
            }
            Optional<PolicySpec.Scaler> scaler = tensors.containsKey(OBSERVATION_MEAN)
                    ? Optional.of(new PolicySpec.Scaler(tensors.get(OBSERVATION_MEAN).data(),
                            tensor(tensors, OBSERVATION_SCALE).data(),
                            Float.parseFloat(required(metadata, OBSERVATION_CLIP))))
                    : Optional.empty();
            String head = required(metadata, HEAD);
            PolicySpec.Head h = switch (head) {
                case "argmax" -> new PolicySpec.Argmax(Integer.parseInt(required(metadata, ACTION_START)));
                case "clip" -> new PolicySpec.Clip(tensor(tensors, ACTION_LOW).data(),
                        tensor(tensors, ACTION_HIGH).data());
                case "tanh_rescale" -> new PolicySpec.TanhRescale(tensor(tensors, ACTION_LOW).data(),
                        tensor(tensors, ACTION_HIGH).data(), Float.parseFloat(metadata.getOrDefault(MEAN_CLIP, "0")));
                default -> throw new IllegalArgumentException("head '" + head + "', expected argmax, clip or tanh_rescale");
            };
            Map<String, String> info = new LinkedHashMap<>(metadata);
            for (String structural : List.of(FORMAT, ACTIVATIONS, HEAD, ACTION_START, OBSERVATION_CLIP, MEAN_CLIP)) {
                info.remove(structural);
            }
            return new PolicySpec(scaler, layers, h, info);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid Javelin policy: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' metadata; it has " + metadata.keySet());
        }
        return v;
    }

    private static TensorData tensor(Map<String, TensorData> tensors, String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; it has " + tensors.keySet());
        }
        return t;
    }

    private static TensorData vector(float[] v) {
        return new TensorData(new int[] {v.length}, v);
    }
}
