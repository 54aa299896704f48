package dev.javelin.policy;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.io.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic policy as data, from a raw observation to the action the env takes: the observation scaler,
 * the MLP that computes the deterministic action (argmax logits, Gaussian mean or pre-tanh mean), and the head
 * that turns its output into an env action. Every algorithm's exporter produces one; {@link Policy} runs it, and
 * {@link PolicyFile} and {@link OnnxPolicy} store it.
 *
 * <p>A policy of a Dict observation (a goal env's {@code achieved_goal}, {@code desired_goal}, {@code observation})
 * takes the Dict's Box entries concatenated as the env's FlattenDictObservation concatenates them (sorted keys, as
 * SB3's MultiInputPolicy); {@link #OBSERVATION_KEYS} in {@code info} records the keys and sizes in that order, so the
 * files carry them and {@link Policy#act(Map)} and the ONNX model's per-key inputs take the Dict as it is.
 *
 * @param info what the policy is, as strings: {@link #ALGO}, {@link #ENV}, {@link #OBSERVATION_SPACE},
 *             {@link #ACTION_SPACE}, {@link #OBSERVATION_KEYS} for a Dict observation (more keys are kept as they are)
 */
public record PolicySpec(Optional<Scaler> scaler, List<Layer> layers, Head head, Map<String, String> info) {
    public static final String ALGO = "algo";
    public static final String ENV = "env";
    public static final String OBSERVATION_SPACE = "observation_space";
    public static final String ACTION_SPACE = "action_space";
    /**
     * The keys of a Dict observation and their sizes, in the order the policy concatenates them:
     * {@code achieved_goal:3,desired_goal:3,observation:10} ({@link ObservationKey#encode}); absent for a Box.
     */
    public static final String OBSERVATION_KEYS = "observation_keys";

    public PolicySpec {
        layers = List.copyOf(layers);
        // insertion order kept, so exported files are the same bytes run after run
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("PolicySpec: needs at least one layer, got none");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new IllegalArgumentException("PolicySpec: layer " + i + " takes " + layers.get(i).in()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).out());
            }
        }
        int in = layers.getFirst().in();
        scaler.ifPresent(s -> {
            if (s.size() != in) {
                throw new IllegalArgumentException("PolicySpec: the scaler has " + s.size()
                        + " features, the first layer takes " + in);
            }
        });
        List<ObservationKey> keys = observationKeys(info);
        if (!keys.isEmpty()) {
            int total = keys.stream().mapToInt(ObservationKey::size).sum();
            if (total != in) {
                throw new IllegalArgumentException("PolicySpec: " + OBSERVATION_KEYS + " " + info.get(OBSERVATION_KEYS)
                        + " add up to " + total + " floats, the first layer takes " + in);
            }
        }
        int out = layers.getLast().out();
        int bounds = switch (head) {
            case Argmax a -> out;
            case Clip c -> c.low.length;
            case TanhRescale t -> t.low.length;
        };
        if (bounds != out) {
            throw new IllegalArgumentException("PolicySpec: the " + head.name() + " head has " + bounds
                    + " bounds, the last layer gives " + out + " outputs");
        }
    }

    public int observationSize() {
        return layers.getFirst().in();
    }

    /** The keys of a Dict observation in concatenation order, from {@link #OBSERVATION_KEYS}; empty for a Box. */
    public List<ObservationKey> observationKeys() {
        return observationKeys(info);
    }

    private static List<ObservationKey> observationKeys(Map<String, String> info) {
        String keys = info.get(OBSERVATION_KEYS);
        return keys == null ? List.of() : ObservationKey.decode(keys);
    }

    /** Floats per action: 1 for a discrete action (its value), else the Box's size. */
    public int actionSize() {
        return head instanceof Argmax ? 1 : layers.getLast().out();
    }

    /**
     * skrl's RunningStandardScaler at inference, {@code clip((x - mean) / scale, -clip, clip)}, with the scale
     * {@code sqrt(running_variance) + epsilon} already rounded to float as the scaler computes it.
     */
    public record Scaler(float[] mean, float[] scale, float clip) {
        public Scaler {
            mean = mean.clone();
            scale = scale.clone();
            if (mean.length == 0 || mean.length != scale.length) {
                throw new IllegalArgumentException("Scaler: mean has " + mean.length + " features, scale "
                        + scale.length + "; expected the same number >= 1");
            }
            for (float s : scale) {
                if (!(s > 0) || Float.isInfinite(s)) {
                    throw new IllegalArgumentException("Scaler: scales must be finite and > 0, got " + Arrays.toString(scale));
                }
            }
            if (!(clip > 0)) {
                throw new IllegalArgumentException("Scaler: clip must be > 0, got " + clip);
            }
        }

        public int size() {
            return mean.length;
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] scale() {
            return scale.clone();
        }
    }

    /** {@code activation(x W^T + b)} as torch.nn.Linear then the activation; weight {@code [out, in]}. */
    public record Layer(TensorData weight, float[] bias, Activation activation) {
        public Layer {
            bias = bias.clone();
            if (weight.shape().length != 2 || weight.shape()[0] != bias.length || bias.length == 0 || weight.shape()[1] == 0) {
                throw new IllegalArgumentException("Layer: weight " + Arrays.toString(weight.shape()) + " and bias ["
                        + bias.length + "], expected [out, in] and [out] with out, in >= 1");
            }
        }

        public int in() {
            return weight.shape()[1];
        }

        public int out() {
            return bias.length;
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }
    }

    /**
     * One Box entry of a Dict observation: its key and its number of floats.
     *
     * @param name the Dict key, non-empty, without ',' or ':' (the separators of {@link #encode})
     * @param size floats in the entry, >= 1
     */
    public record ObservationKey(String name, int size) {
        public ObservationKey {
            if (name.isEmpty() || name.contains(",") || name.contains(":")) {
                throw new IllegalArgumentException("ObservationKey: key '" + name + "', expected a non-empty name "
                        + "without ',' or ':'");
            }
            if (size < 1) {
                throw new IllegalArgumentException("ObservationKey: key '" + name + "' has size " + size + ", expected >= 1");
            }
        }

        /** {@code name:size,name:size,...}, the value of {@link #OBSERVATION_KEYS}. */
        public static String encode(List<ObservationKey> keys) {
            return String.join(",", keys.stream().map(k -> k.name + ":" + k.size).toList());
        }

        /** The keys of {@link #encode}'s form; each name at most once. */
        public static List<ObservationKey> decode(String encoded) {
            List<ObservationKey> keys = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (String entry : encoded.split(",", -1)) {
                int colon = entry.lastIndexOf(':');
                int size;
                try {
                    size = colon < 0 ? -1 : Integer.parseInt(entry.substring(colon + 1));
                } catch (NumberFormatException e) {
                    size = -1;
                }
                if (size < 1 || !names.add(entry.substring(0, colon))) {
                    throw new IllegalArgumentException(OBSERVATION_KEYS + " '" + encoded + "': entry '" + entry
                            + "', expected distinct name:size entries with size >= 1, separated by ','");
                }
                keys.add(new ObservationKey(entry.substring(0, colon), size));
            }
            return List.copyOf(keys);
        }
    }

    /** What turns the last layer's output into the env's action. */
    public sealed interface Head permits Argmax, Clip, TanhRescale {
        /** As stored in files: "argmax", "clip", "tanh_rescale". */
        String name();
    }

    /** A Discrete action: the index of the largest logit (the first of equal ones), plus the space's start. */
    public record Argmax(int start) implements Head {
        @Override
        public String name() {
            return "argmax";
        }

    }

    /** A Box action taken as it is (a Gaussian's mean), clipped into {@code [low, high]} as evaluation does. */
    public record Clip(float[] low, float[] high) implements Head {
        public Clip {
            low = low.clone();
            high = high.clone();
            checkBounds("Clip", low, high, false);
        }

        @Override
        public String name() {
            return "clip";
        }

        @Override
        public float[] low() {
            return low.clone();
        }

        @Override
        public float[] high() {
            return high.clone();
        }
    }

    /**
     * A tanh-squashed Box action (SAC, TD3): {@code tanh(x)} in [-1, 1] mapped affinely onto the bounded
     * {@code [low, high]}, as Gymnasium's RescaleAction; with {@code meanClip > 0}, x is first clipped to
     * [-meanClip, meanClip] (SAC with gSDE: SB3's Hardtanh on the mean).
     */
    public record TanhRescale(float[] low, float[] high, float meanClip) implements Head {
        public TanhRescale {
            low = low.clone();
            high = high.clone();
            checkBounds("TanhRescale", low, high, true);
            if (!(meanClip >= 0 && meanClip < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("TanhRescale: mean clip " + meanClip + " must be finite and >= 0 (0: none)");
            }
        }

        /** No clip before the tanh. */
        public TanhRescale(float[] low, float[] high) {
            this(low, high, 0);
        }

        @Override
        public String name() {
            return "tanh_rescale";
        }

        @Override
        public float[] low() {
            return low.clone();
        }

        @Override
        public float[] high() {
            return high.clone();
        }
    }

    private static void checkBounds(String head, float[] low, float[] high, boolean finite) {
        if (low.length == 0 || low.length != high.length) {
            throw new IllegalArgumentException(head + ": low has " + low.length + " bounds, high " + high.length
                    + "; expected the same number >= 1");
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i]) || finite && (Float.isInfinite(low[i]) || Float.isInfinite(high[i]))) {
                throw new IllegalArgumentException(head + ": bound " + i + " is [" + low[i] + ", " + high[i]
                        + "], expected low <= high" + (finite ? ", both finite" : ""));
            }
        }
    }
}
